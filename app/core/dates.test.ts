import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime } from '~/core/dates'

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('writes dd/mm/yyyy in UTC+7 whatever the server zone', () => {
    // 17:30 UTC on 31/12 is already 1 January in Vietnam.
    expect(formatDate(new Date('2025-12-31T17:30:00Z'))).toBe('01/01/2026')
    expect(formatDateTime(new Date('2025-12-31T17:30:00Z'))).toBe('01/01/2026 00:30')
    expect(formatDateTime(new Date('2026-11-25T01:05:00Z'))).toBe('25/11/2026 08:05')
  })
})
