import type { JoinRule, JoinRules } from '~/core/rooms'
import { meetingAccess } from './meeting-queries.server'
import { canViewMeeting } from './permissions.server'

/** Whoever may view the meeting (the rule other areas' meeting rooms build on). */
export const meetingViewers: JoinRule = (id) => {
  const meeting = meetingAccess({ id })
  return (user) => !!meeting && canViewMeeting(user, meeting)
}

/** `meeting:<id>` (the meeting page) and `meetingTasks:<id>` (the tasks its notice assigned): whoever may view the meeting. */
export const meetingRooms = {
  meeting: meetingViewers,
  meetingTasks: meetingViewers,
} satisfies Partial<JoinRules>
