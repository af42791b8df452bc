import { invariantResponse, requireUser } from '~/features/directory/index.server'
import { conclusionDocx, conclusionPdf, exportFileName } from './conclusion-export.server'
import { conclusionForExport, getConclusionState } from './conclusions.server'
import { findMeeting } from '~/features/meetings/index.server'
import { authorize } from '~/core/permissions.server'
import { canEditConclusion, canReadConclusion } from './permissions.server'

/**
 * A meeting's conclusion by the meeting id a page or the API was given: who chairs and attends
 * the meeting, and which notice is issued and which draft open; not found otherwise. The caller
 * authorizes: reading is canReadConclusion (the recipients of the issued notice too), drafting
 * canEditConclusion, issuing canIssueConclusion.
 */
export function findConclusion(meetingIdParam: string | number | undefined) {
  const { id: meetingId, access } = findMeeting(meetingIdParam)
  const state = getConclusionState({ meetingId })
  return { meetingId, access, state, recipientUnitIds: state.issued?.recipientUnitIds ?? null }
}

/** The notice as a download (DOCX or PDF): the issued one, or (for those drafting it, with ?draft) the draft. */
export async function conclusionDownload(request: Request, meetingIdParam: string | undefined, kind: 'docx' | 'pdf') {
  const user = requireUser(request)
  const { access, state, recipientUnitIds } = findConclusion(meetingIdParam)
  authorize(user, canReadConclusion, access, recipientUnitIds)
  const canEdit = canEditConclusion(user, access)
  const wantDraft = new URL(request.url).searchParams.has('draft')
  const conclusion = wantDraft ? (canEdit ? state.draft : null) : state.issued
  invariantResponse(conclusion, 'conclusion.notFound')
  const data = conclusionForExport({ conclusion })
  const body = kind === 'docx' ? await conclusionDocx(data) : await conclusionPdf(data)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
      'Content-Disposition': exportFileName(data, kind),
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
