import { json } from '@remix-run/node'
import { requireUser } from '~/features/directory/index.server'
import { DomainError } from '~/core/errors'
import { findById } from '~/core/schemas'
import type { SessionUser } from '~/features/directory/index.server'
import { minutesDocx, minutesFileName, minutesPdf } from './export.server'
import { approveMinutes, assignTaker, ensureDraft, minutesAccess, minutesForExport, minutesState, returnMinutes, setMinutesShared, startCorrection, submitMinutes } from './minutes.server'
import { type DocJSON, itemConclusions } from './doc'
import type { MinutesIntent } from './schemas'
import type { AuditActor } from '~/core/actor'

/** The minutes' public surface for routes, the API and the realtime server. */
export { listMinutesVersions, minutesAccess, minutesForExport, minutesState, nextMinutesNumber, roomRecords, saveMinutesDraft, takerCandidates } from './minutes.server'
export { minutesRoomView, type MinutesRoomView } from './view.server'

/** The chair's conclusion on each item, from the approved minutes or else the one being written. */
export function minutesItemConclusions(meetingId: number) {
  const { approved, open } = minutesState({ meetingId })
  const row = approved ?? open
  return row ? itemConclusions(row.content as DocJSON) : []
}
export { minutesDocx } from './export.server'

/** A meeting's minutes and this person's rights on them, by the meeting id a page was given; not found when there is no such meeting or nothing of it is theirs to see. */
export function minutesFor(user: SessionUser, meetingIdParam: string | number | undefined) {
  const { id: meetingId, found } = findById(meetingIdParam, (id) => minutesAccess({ user, meetingId: id }), 'errors.notFound')
  return { meetingId, ...found }
}

/** One change of the minutes, by the page's rules: writing for those who write them, approving and returning for the chair. */
export function runMinutesIntent(user: SessionUser, meetingId: number, input: MinutesIntent, actor: AuditActor) {
  const access = minutesAccess({ user, meetingId })
  const refuse = () => {
    throw new DomainError('minutes.errors.forbidden', 'forbidden')
  }
  switch (input.intent) {
    case 'start':
      if (!access.manages) refuse()
      ensureDraft({ meetingId, actor })
      return
    case 'assignTaker':
      if (!access.manages) refuse()
      return assignTaker({ meetingId, takerUserId: input.takerUserId, actor })
    case 'submit':
      if (!access.canEdit) refuse()
      return submitMinutes({ meetingId, actor })
    case 'return':
      if (!access.canApprove) refuse()
      return returnMinutes({ meetingId, comment: input.comment, actor })
    case 'approve':
      if (!access.canApprove) refuse()
      approveMinutes({ meetingId, actor: { ...actor, id: user.id } })
      return
    case 'correct':
      if (!access.manages) refuse()
      return startCorrection({ meetingId, reason: input.reason, actor })
    case 'share':
      if (!access.manages) refuse()
      return setMinutesShared({ meetingId, shared: input.shared, actor })
  }
}

/** The minutes as DOCX or PDF: approved ones for whoever may read them; `?draft` the open draft, for those who write it. */
export async function minutesDownload(request: Request, meetingIdParam: string | undefined, kind: 'docx' | 'pdf') {
  const { meetingId, canEdit, canRead, state } = minutesFor(requireUser(request), meetingIdParam)
  const wantDraft = new URL(request.url).searchParams.has('draft')
  const data = wantDraft ? (canEdit ? minutesForExport({ meetingId, which: 'draft' }) : null) : canRead && state.approved ? minutesForExport({ meetingId, which: 'approved' }) : null
  if (!data) throw json({ message: 'errors.notFound' }, { status: 404 })
  return minutesFile(data, kind)
}

export async function minutesFile(data: NonNullable<ReturnType<typeof minutesForExport>>, kind: 'docx' | 'pdf') {
  const body = kind === 'docx' ? await minutesDocx(data) : await minutesPdf(data)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
      'Content-Disposition': minutesFileName(data, kind),
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
export { minutesRooms } from './rooms.server'
export type { MinutesEvents } from './events'
export { minutesLive } from './realtime.server'
