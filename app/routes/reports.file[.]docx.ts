import type { LoaderFunctionArgs } from '@remix-run/node'
import { reportFigures, reportFile, reportHeader, reportRequest } from '~/features/reports/index.server'

/** The report of the period and scope asked for, computed now (a draft), as DOCX. */
export async function loader({ request }: LoaderFunctionArgs) {
  const r = reportRequest(request)
  return reportFile({ ...reportHeader(), title: r.title, numberFormatted: null, issuedOn: null, signerName: null, signerTitle: null, figures: reportFigures({ period: r.period }) }, 'docx', r.title)
}
