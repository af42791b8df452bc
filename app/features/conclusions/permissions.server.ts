// Who may do what with the conclusions feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can, hasRole } from '~/core/permissions.server'
import { canViewMeeting, type MeetingAccess } from '~/features/meetings/index.server'
import type { Actor } from '~/core/actor'

/** Drafting the conclusion: the Office prepares it, the meeting's chair edits and approves it. */
export function canEditConclusion(user: Actor, meeting: MeetingAccess) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id
}

/** Issuing (and correcting) the notice: the chair of the meeting. */
export function canIssueConclusion(user: Actor, meeting: MeetingAccess) {
  return hasRole(user, 'chair') && meeting.chairUserId === user.id
}

/**
 * A meeting's conclusion at all (its page, its API, its downloads): those who draft it, those who
 * may view the meeting, and — once it is issued, `recipientUnitIds` not null — the units it is sent to.
 */
export function canReadConclusion(user: Actor, meeting: MeetingAccess, recipientUnitIds: number[] | null) {
  return canEditConclusion(user, meeting) || (recipientUnitIds !== null && canReadIssuedConclusion(user, meeting, recipientUnitIds)) || canViewMeeting(user, meeting)
}

/** An issued notice: whoever may view the meeting, and the units it is sent to (Nơi nhận). */
export function canReadIssuedConclusion(user: Actor, meeting: MeetingAccess, recipientUnitIds: number[]) {
  return canViewMeeting(user, meeting) || (user.unitId != null && recipientUnitIds.includes(user.unitId))
}
