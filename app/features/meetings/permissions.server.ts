// Who may do what with the meetings feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can } from '~/core/permissions.server'
import type { Actor } from '~/core/actor'

/** What a meeting check needs to know: who chairs it and who is invited (substitutes included). */
export type MeetingAccess = { chairUserId: number; participantUserIds: number[] }

/** A meeting (its page, agenda, participants, later its documents): those who oversee, its chair, its participants. */
export function canViewMeeting(user: Actor, meeting: MeetingAccess) {
  return can(user, 'meetings.overview') || meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
}

export function canManageMeetings(user: Actor) {
  return can(user, 'meetings.manage')
}

/** The meeting's chair and participants (substitutes once confirmed). */
export function isMeetingMember(user: Actor, meeting: MeetingAccess) {
  return meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
}
