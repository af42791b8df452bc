import { describe, expect, it } from 'vitest'
import { formatDocumentNumber, numberingPeriod } from './document-number'

const tinhUy = { style: 'party' as const, bodyCode: 'TU', termStartYear: 2025 }
const ubnd = { style: 'state' as const, bodyCode: 'UBND' }

describe('document numbers', () => {
  it('writes Party and state numbers in their own forms', () => {
    expect(formatDocumentNumber(tinhUy, 'TB', 45)).toBe('Số 45-TB/TU')
    expect(formatDocumentNumber(tinhUy, 'TB', 7)).toBe('Số 07-TB/TU')
    expect(formatDocumentNumber(ubnd, 'TB', 45)).toBe('Số: 45/TB-UBND')
    expect(formatDocumentNumber(ubnd, 'TB', 120)).toBe('Số: 120/TB-UBND')
    expect(() => formatDocumentNumber(ubnd, 'TB', 0)).toThrow(RangeError)
  })

  it('Party bodies number within the term: one counter across the years of the term', () => {
    expect(numberingPeriod(tinhUy, '2025-12-31')).toBe('term:2025')
    expect(numberingPeriod(tinhUy, '2026-01-01')).toBe('term:2025')
    expect(numberingPeriod({ ...tinhUy, termStartYear: 2030 }, '2030-11-02')).toBe('term:2030')
  })

  it('state bodies restart every 1 January', () => {
    expect(numberingPeriod(ubnd, '2025-12-31')).toBe('year:2025')
    expect(numberingPeriod(ubnd, '2026-01-01')).toBe('year:2026')
  })

  it('a Party body without a term start cannot number', () => {
    expect(() => numberingPeriod({ style: 'party', bodyCode: 'TU' }, '2026-01-01')).toThrow(/nhiệm kỳ/)
  })
})
