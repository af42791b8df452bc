import type { LoaderFunctionArgs } from '@remix-run/node'
import { conclusionDownload } from '~/features/conclusions/index.server'

/** The notice as DOCX (see conclusionDownload). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return conclusionDownload(request, params.meetingId, 'docx')
}
