// Who may do what with the minutes feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can } from '~/core/permissions.server'
import { canViewMeeting, type MeetingAccess } from '~/features/meetings/index.server'
import type { Actor } from '~/core/actor'

/** Writing a meeting's minutes: its minute-taker, the Office and the meeting's chair. */
export function canEditMinutes(user: Actor, meeting: MeetingAccess, takerUserId: number | null) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id || (takerUserId != null && takerUserId === user.id)
}

/** Approving or returning the minutes: the meeting's chair. */
export function canApproveMinutes(user: Actor, meeting: MeetingAccess) {
  return meeting.chairUserId === user.id
}

/** Approved minutes: those who write them, and — once the chair or the Office shared them — whoever may view the meeting. */
export function canReadApprovedMinutes(user: Actor, meeting: MeetingAccess, takerUserId: number | null, shared: boolean) {
  return canEditMinutes(user, meeting, takerUserId) || (shared && canViewMeeting(user, meeting))
}
