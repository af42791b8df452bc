import type { TrustLevel } from '#db/schema/enums'

/**
 * The count of Quy định 96-QĐ/TW, Điều 6: per person polled — ballots issued, returned, valid,
 * invalid; for each level the count and its share of the ballots *returned*. A ballot is invalid
 * for a person when no level or more than one is marked for them. More than half "tín nhiệm thấp"
 * (and under two thirds) and two thirds or more are the two thresholds with consequences. The poll
 * is valid only when at least two thirds of the voters convened took part.
 */
export type PersonCount = { issued: number; returned: number; high: number; normal: number; low: number; invalid: number }
export type Threshold = 'none' | 'over_half' | 'two_thirds'

export function quorumNeeded(convened: number) {
  return Math.ceil((2 * convened) / 3)
}

export function personResult(c: PersonCount) {
  const valid = c.returned - c.invalid
  const share = (n: number) => (c.returned ? (100 * n) / c.returned : 0)
  // Exact comparisons in integers: low/returned > 1/2 ⇔ 2·low > returned; ≥ 2/3 ⇔ 3·low ≥ 2·returned.
  const threshold: Threshold = c.returned && 3 * c.low >= 2 * c.returned ? 'two_thirds' : c.returned && 2 * c.low > c.returned ? 'over_half' : 'none'
  return { ...c, valid, percent: { high: share(c.high), normal: share(c.normal), low: share(c.low) }, threshold }
}

/** One electronic ballot's marks for one person: a level, or invalid (none or not one of the three). */
export function markOf(marks: Record<string, unknown>, candidateId: number): TrustLevel | null {
  const m = marks[String(candidateId)]
  return m === 'high' || m === 'normal' || m === 'low' ? m : null
}

/** "66,7 %" */
export function formatPercent(n: number) {
  return `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`
}
