// Who may do what with the meetings feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can, type Subject } from '~/core/permissions.server'

/** What a meeting check needs to know: who chairs it and who is invited (substitutes included). */
export type MeetingAccess = { chairUserId: number; participantUserIds: number[] }

/** A meeting (its page, agenda, participants, later its documents): those who oversee, its chair, its participants. */
export function canViewMeeting(user: Subject, meeting: MeetingAccess) {
  return can(user, 'meetings.overview') || meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
}

export function canManageMeetings(user: Subject) {
  return can(user, 'meetings.manage')
}

/** The meeting's chair and participants (substitutes once confirmed). */
export function isMeetingMember(user: Subject, meeting: MeetingAccess) {
  return meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
}
