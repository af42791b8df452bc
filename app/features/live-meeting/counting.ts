import type { PassRule, QuorumRule } from '#db/schema/enums'

/** Members present needed for a quorum: at least two thirds, or more than half, of those convened. */
export function quorumNeeded(rule: QuorumRule, convened: number) {
  return rule === 'two_thirds' ? Math.ceil((2 * convened) / 3) : Math.floor(convened / 2) + 1
}

/** Yes votes needed to pass under the rule. */
function yesNeeded(rule: PassRule, convened: number, present: number) {
  if (rule === 'half_of_present') return Math.floor(present / 2) + 1
  if (rule === 'two_thirds_of_convened') return Math.ceil((2 * convened) / 3)
  return Math.floor(convened / 2) + 1
}

/** A vote passes with enough yes votes, cast while the meeting had its quorum. */
export function votePasses(rule: PassRule, counts: { yes: number; convened: number; present: number; quorumMet: boolean }) {
  return counts.quorumMet && counts.yes >= yesNeeded(rule, counts.convened, counts.present)
}
