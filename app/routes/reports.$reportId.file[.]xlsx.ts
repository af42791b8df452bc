import type { LoaderFunctionArgs } from '@remix-run/node'
import { issuedReportFile, issuedReportFor } from '~/features/reports/index.server'
import { requireUser } from '~/features/directory/index.server'

/** An issued report as XLSX, from its frozen figures. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return issuedReportFile(issuedReportFor(requireUser(request), params.reportId), 'xlsx')
}
