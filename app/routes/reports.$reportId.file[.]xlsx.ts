import type { LoaderFunctionArgs } from '@remix-run/node'
import { issuedReportFile, requireIssuedReport } from '~/features/reports/index.server'

/** An issued report as XLSX, from its frozen figures. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return issuedReportFile(requireIssuedReport(request, params.reportId), 'xlsx')
}
