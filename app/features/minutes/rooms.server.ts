import type { JoinRules } from '~/core/rooms'
import { meetingAccess } from '~/features/meetings/index.server'
import { minutesTakerOf } from './minutes.server'
import { canEditMinutes } from './permissions.server'

/** `minutes:<meetingId>`: whoever writes the minutes (the Office, the chair, the minute-taker). */
export const minutesRooms = {
  minutes: (id) => {
    const meeting = meetingAccess({ id })
    const taker = meeting ? minutesTakerOf({ meetingId: id }) : null
    return (user) => !!meeting && canEditMinutes(user, meeting, taker)
  },
} satisfies Partial<JoinRules>
