import type { JoinRules } from '~/core/rooms'
import { canViewMeeting, meetingAccess } from '~/features/meetings/index.server'
import { canEditConclusion } from './permissions.server'

/** `conclusion:<meetingId>` (which notice is issued, which draft is open): whoever may view the meeting, and those who draft it. */
export const conclusionRooms = {
  conclusion: (id) => {
    const meeting = meetingAccess({ id })
    return (user) => !!meeting && (canViewMeeting(user, meeting) || canEditConclusion(user, meeting))
  },
} satisfies Partial<JoinRules>
