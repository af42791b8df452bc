// Who may do what with the live meeting feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can } from '~/core/permissions.server'
import { type MeetingAccess } from '~/features/meetings/index.server'
import type { Actor } from '~/core/actor'

/**
 * Running the meeting in session (opening it, the agenda, the floor, votes, attendance, the
 * console and big-screen rooms): the meeting's chair and the Office (decision 013). Entering the
 * room (`hall:<id>`) is viewing the meeting.
 */
export function canRunSession(user: Actor, meeting: MeetingAccess) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id
}
