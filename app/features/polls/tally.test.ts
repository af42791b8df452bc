import { describe, expect, it } from 'vitest'
import { markOf, personResult, quorumNeeded } from './tally'

const count = (returned: number, low: number, invalid = 0) => ({ issued: returned, returned, high: returned - low - invalid, normal: 0, low, invalid })

describe('the thresholds of 96-QĐ/TW at their boundaries', () => {
  it('exactly one half low is not more than one half; one more is', () => {
    expect(personResult(count(10, 5)).threshold).toBe('none')
    expect(personResult(count(10, 6)).threshold).toBe('over_half')
    expect(personResult(count(9, 5)).threshold).toBe('over_half')
  })
  it('exactly two thirds low is two thirds; just under stays over one half', () => {
    expect(personResult(count(9, 6)).threshold).toBe('two_thirds')
    expect(personResult(count(10, 6)).threshold).toBe('over_half')
    expect(personResult(count(10, 7)).threshold).toBe('two_thirds')
    expect(personResult(count(0, 0)).threshold).toBe('none')
  })
  it('shares are of the ballots returned; invalid marks count as returned but not valid', () => {
    const r = personResult({ issued: 12, returned: 10, high: 5, normal: 2, low: 1, invalid: 2 })
    expect(r.valid).toBe(8)
    expect(r.percent).toEqual({ high: 50, normal: 20, low: 10 })
  })
  it('quorum: at least two thirds of those convened', () => {
    expect(quorumNeeded(15)).toBe(10)
    expect(quorumNeeded(9)).toBe(6)
    expect(quorumNeeded(10)).toBe(7)
  })
  it('a mark is one of the three levels, anything else is invalid for that person', () => {
    expect(markOf({ '3': 'low' }, 3)).toBe('low')
    expect(markOf({ '3': null }, 3)).toBeNull()
    expect(markOf({ '3': ['high', 'low'] }, 3)).toBeNull()
    expect(markOf({}, 3)).toBeNull()
  })
})
