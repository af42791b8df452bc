import type { JoinRules } from '~/core/rooms'
import { pollRole } from './permissions.server'
import { pollMembers } from './polls.server'

/** `poll:<id>` (counts only: voters convened, tokens issued, ballots in): its voters, counting board, chair and the Office. */
export const pollRooms = {
  poll: (id) => {
    const poll = pollMembers({ id })
    return (user) => !!poll && pollRole(user, poll, 'draft').sees
  },
} satisfies Partial<JoinRules>
