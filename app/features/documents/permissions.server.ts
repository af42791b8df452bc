// Who may do what with the documents feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can } from '~/core/permissions.server'
import { isMeetingMember, type MeetingAccess } from '~/features/meetings/index.server'
import type { Actor } from '~/core/actor'

/** What document checks need: whether it is distributed or restricted, who presents it and who is named on it. */
export type DocumentAccess = { meeting: MeetingAccess; distributed: boolean; restricted: boolean; presenterUserId: number | null; readerIds: number[] }

/**
 * A meeting's document list (R4.6d, R4.5): the Office, the meeting's chair and participants, and
 * those who present one of its documents. Overseeing the body is not enough: documents go to the
 * meeting's people only.
 */
export function canListMeetingDocuments(user: Actor, meeting: MeetingAccess, presenterIds: number[]) {
  return can(user, 'meetings.manage') || isMeetingMember(user, meeting) || presenterIds.includes(user.id)
}

/** Uploading documents and new versions: the Office, or a presenter on the meeting's agenda. */
export function canUploadDocuments(user: Actor, presenterIds: number[]) {
  return can(user, 'meetings.manage') || presenterIds.includes(user.id)
}

/**
 * Opening a document: the Office and its presenter always; the meeting's people once it is
 * distributed; a restricted one only those named on it.
 */
export function canOpenDocument(user: Actor, doc: DocumentAccess) {
  if (can(user, 'meetings.manage') || doc.presenterUserId === user.id) return true
  if (!doc.distributed || !isMeetingMember(user, doc.meeting)) return false
  return !doc.restricted || doc.readerIds.includes(user.id)
}

/** New versions of a document: the Office and its presenter. */
export function canAddDocumentVersion(user: Actor, doc: Pick<DocumentAccess, 'presenterUserId'>) {
  return can(user, 'meetings.manage') || doc.presenterUserId === user.id
}

/** Written opinions (góp ý): the meeting's chair and participants (the time limit is the model's). */
export function canGiveOpinion(user: Actor, doc: DocumentAccess) {
  return isMeetingMember(user, doc.meeting) && canOpenDocument(user, doc)
}

/** All written opinions on a document: the Office, the presenter and the meeting's chair (who weighs them before the meeting). */
export function canReadOpinions(user: Actor, doc: DocumentAccess) {
  return can(user, 'meetings.manage') || doc.presenterUserId === user.id || doc.meeting.chairUserId === user.id
}

/** Who has read what (the readiness panel): the Office and the meeting's chair. */
export function canSeeReadiness(user: Actor, meeting: MeetingAccess) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id
}
