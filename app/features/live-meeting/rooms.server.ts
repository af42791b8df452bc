import type { JoinRules } from '~/core/rooms'
import { meetingAccess, meetingViewers } from '~/features/meetings/index.server'
import { canRunSession } from './permissions.server'

const sessionRunners: JoinRules['console'] = (id) => {
  const meeting = meetingAccess({ id })
  return (user) => !!meeting && canRunSession(user, meeting)
}

/** `hall:<id>`: whoever may view the meeting; `console:<id>` and `screen:<id>` (attendance with reasons, the check-in code): whoever runs it. */
export const hallRooms = {
  hall: meetingViewers,
  console: sessionRunners,
  screen: sessionRunners,
} satisfies Partial<JoinRules>
