import type { LoaderFunctionArgs } from '@remix-run/node'
import { minutesDownload } from '~/features/minutes/index.server'

/** The minutes as DOCX (see minutesDownload). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return minutesDownload(request, params.meetingId, 'docx')
}
