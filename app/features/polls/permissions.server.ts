// Who may do what with the polls feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can } from '~/core/permissions.server'
import type { Actor } from '~/core/actor'

/** What poll checks need: who votes, who counts, who chairs. */
export type PollMembers = { voterIds: number[]; boardIds: number[]; chairUserId: number }

/**
 * A person in a confidence poll: voter, counting board, the Office, the chair; whether they see the
 * poll at all; whether they see its results (after the close: the board, the Office and the chair;
 * once published, the voters too).
 */
export function pollRole(user: Actor, poll: PollMembers, state: 'draft' | 'open' | 'closed' | 'published') {
  const voter = poll.voterIds.includes(user.id)
  const board = poll.boardIds.includes(user.id)
  const office = can(user, 'meetings.manage')
  const chair = poll.chairUserId === user.id
  const counted = state === 'closed' || state === 'published'
  return { voter, board, office, chair, sees: voter || board || office || chair, results: (counted && (board || office || chair)) || (state === 'published' && voter) }
}
