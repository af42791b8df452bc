import type { LoaderFunctionArgs } from '@remix-run/node'
import { conclusionDownload } from '~/conclusion-access.server'

/** The notice as PDF (see conclusionDownload). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return conclusionDownload(request, params.meetingId, 'pdf')
}
