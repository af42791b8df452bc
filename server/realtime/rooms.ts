import { type JoinRules, parseRoom } from '~/core/rooms'
import { conclusionRooms } from '~/features/conclusions/index.server'
import { directoryRooms } from '~/features/directory/index.server'
import { documentRooms } from '~/features/documents/index.server'
import { hallRooms } from '~/features/live-meeting/index.server'
import { meetingRooms } from '~/features/meetings/index.server'
import { minutesRooms } from '~/features/minutes/index.server'
import { pollRooms } from '~/features/polls/index.server'
import { taskRooms } from '~/features/tasks/index.server'
import type { Actor } from '~/core/actor'

/** Who may join which kind of room: each feature's rules for its own rooms, one table (a kind without a rule does not compile). */
export const joinRules: JoinRules = { ...directoryRooms, ...meetingRooms, ...taskRooms, ...documentRooms, ...conclusionRooms, ...hallRooms, ...minutesRooms, ...pollRooms }

/** Who of the people in a room may be there: the room's rule, its facts read once. A room of no known kind admits nobody. */
export function membersRule(room: string): (user: Actor) => boolean {
  const parsed = parseRoom(room)
  return parsed ? joinRules[parsed.kind](parsed.id) : () => false
}

export function mayJoin(user: Actor, room: string) {
  return membersRule(room)(user)
}
