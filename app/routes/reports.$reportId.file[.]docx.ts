import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/auth.server'
import { getReport, reportFile, reportHeader, reportScopeFor } from '~/features/reports/index.server'
import { parseId } from '~/schemas/common'

/** An issued report as DOCX, from its frozen figures. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const id = parseId(params.reportId)
  const report = id ? getReport(id) : null
  const scope = report ? reportScopeFor(user, report.unitId) : null
  if (!report || !scope || scope.unitId !== report.unitId) throw json({ message: 'errors.notFound' }, { status: 404 })
  return reportFile({ ...reportHeader(), title: report.title, numberFormatted: report.numberFormatted, issuedOn: report.issuedOn, signerName: report.signerName, signerTitle: report.signerTitle, figures: report.figures }, 'docx', `${report.numberFormatted} ${report.title}`)
}
