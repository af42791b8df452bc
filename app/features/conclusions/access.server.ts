import { invariantResponse, requireUser } from '~/features/directory/index.server'
import { conclusionDocx, conclusionPdf, exportFileName } from './conclusion-export.server'
import { conclusionForExport, getConclusionState } from './conclusions.server'
import { meetingAccess } from '~/features/meetings/index.server'
import { authorize, canEditConclusion, canIssueConclusion, canReadConclusion } from '~/core/permissions.server'
import { parseId } from '~/core/schemas'

/**
 * Who is asking about a meeting's conclusion, and what they may do: the conclusion page, the
 * autosave endpoint and the DOCX/PDF downloads all start here. Drafts are for those who edit
 * them (the Office, the chair); an issued notice for the meeting's people and its recipients.
 */
export function requireConclusionAccess(request: Request, meetingIdParam: string | undefined) {
  const user = requireUser(request)
  const meetingId = parseId(meetingIdParam)
  const access = meetingId ? meetingAccess(meetingId) : null
  invariantResponse(meetingId && access, 'meeting.notFound')
  const state = getConclusionState(meetingId)
  const canEdit = canEditConclusion(user, access)
  const canIssue = canIssueConclusion(user, access)
  authorize(user, canReadConclusion, access, state.issued?.recipientUnitIds ?? null)
  return { user, meetingId, access, state, canEdit, canIssue }
}

/** The notice as a download (DOCX or PDF): the issued one, or (for those drafting it, with ?draft) the draft. */
export async function conclusionDownload(request: Request, meetingIdParam: string | undefined, kind: 'docx' | 'pdf') {
  const { state, canEdit } = requireConclusionAccess(request, meetingIdParam)
  const wantDraft = new URL(request.url).searchParams.has('draft')
  const conclusion = wantDraft ? (canEdit ? state.draft : null) : state.issued
  invariantResponse(conclusion, 'conclusion.notFound')
  const data = conclusionForExport(conclusion)
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
