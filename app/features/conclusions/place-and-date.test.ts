import { describe, expect, it } from 'vitest'
import { placeAndDate } from './conclusion-export.server'

describe('the place and date line of a Party document', () => {
  it('writes days and months below 10 with a leading zero', () => {
    expect(placeAndDate('Hà Tĩnh', '2026-06-03')).toBe('Hà Tĩnh, ngày 03 tháng 06 năm 2026')
    expect(placeAndDate('Hà Tĩnh', '2026-11-20')).toBe('Hà Tĩnh, ngày 20 tháng 11 năm 2026')
  })

  it('leaves an undated draft’s day and month blank, in the year it already is in Vietnam', () => {
    // 01:00 on 1 January 2027 in Hà Tĩnh is still 31 December 2026 in UTC.
    expect(placeAndDate('Hà Tĩnh', null, new Date('2026-12-31T18:00:00Z'))).toBe('Hà Tĩnh, ngày     tháng     năm 2027')
  })
})
