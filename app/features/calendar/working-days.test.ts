import { describe, expect, it } from 'vitest'
import { holidaysOfYear, WorkingCalendar } from './working-days'
import { isValidDate, vietnamDate } from '~/core/days'

const plain = new WorkingCalendar()
/** 2025 as announced for civil servants: Tết 25/1–2/2, Monday 27/1 swapped for Saturday 8/2. */
const announced2025 = new WorkingCalendar([
  ['2025-01-27', 'day_off'],
  ['2025-02-03', 'working_day'],
  ['2025-02-08', 'working_day'],
])

describe('lunar holidays are computed for the Vietnamese calendar (UTC+7)', () => {
  it.each([
    ['2025-01-28', 'Tết Nguyên đán (30 Tết)'],
    ['2025-01-29', 'Tết Nguyên đán (mùng 1)'],
    ['2025-02-01', 'Tết Nguyên đán (mùng 4)'],
    ['2026-02-16', 'Tết Nguyên đán (30 Tết)'],
    ['2026-02-17', 'Tết Nguyên đán (mùng 1)'],
    ['2026-02-20', 'Tết Nguyên đán (mùng 4)'],
    ['2027-02-05', 'Tết Nguyên đán (30 Tết)'],
    ['2027-02-06', 'Tết Nguyên đán (mùng 1)'],
    ['2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
    ['2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
    ['2027-04-16', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
  ])('%s is %s', (date, name) => {
    expect(plain.holidayName(date)).toBe(name)
  })

  it('follows the Vietnamese, not the Chinese, new moon (Tết 2007 on 17/2, Tết 1985 on 21/1)', () => {
    expect(plain.holidayName('2007-02-17')).toBe('Tết Nguyên đán (mùng 1)')
    expect(plain.holidayName('1985-01-21')).toBe('Tết Nguyên đán (mùng 1)')
  })
})

describe('solar holidays, the 2/9 adjacent day and compensatory days', () => {
  it.each([
    ['2025-01-01', false, 'Tết Dương lịch (Wednesday)'],
    ['2025-04-30', false, '30/4'],
    ['2025-05-01', false, '1/5'],
    ['2025-05-02', true, 'the Friday after 1/5'],
    ['2025-09-01', false, '1/9/2025 (Monday) joins 2/9'],
    ['2025-09-02', false, '2/9'],
    ['2025-09-03', true, 'Wednesday after Quốc khánh'],
    ['2024-09-03', false, '3/9/2024: 1/9 was a Sunday, so the adjacent day is 3/9'],
    ['2023-09-04', false, '2/9/2023 was a Saturday: Monday 4/9 is the compensatory day'],
    ['2026-04-27', false, 'Giỗ Tổ 2026 is a Sunday: Monday 27/4 is compensatory'],
    ['2026-09-01', false, '1/9/2026 (Tuesday)'],
    ['2027-05-03', false, '1/5/2027 is a Saturday: Monday 3/5 is compensatory'],
    ['2027-02-10', false, 'Tết 2027 mùng 1 is a Saturday: compensatory Wednesday 10/2'],
    ['2027-02-11', false, 'Tết 2027 mùng 2 is a Sunday: compensatory Thursday 11/2'],
    ['2027-02-12', true, 'Friday 12/2/2027 is back to work'],
  ])('%s working=%s (%s)', (date, working) => {
    expect(plain.isWorkingDay(date)).toBe(working)
  })

  it('lists each year’s holidays in order, with names', () => {
    const days = holidaysOfYear(2026).map((h) => h.date)
    expect(days).toEqual([
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-27', '2026-04-30', '2026-05-01',
      '2026-09-01', '2026-09-02',
    ])
    expect(holidaysOfYear(2026).find((h) => h.date === '2026-04-27')).toMatchObject({ compensatory: true })
  })
})

describe('the announced Tết schedules for civil servants', () => {
  it('2026: off from Saturday 14/2 to Sunday 22/2, back on Monday 23/2', () => {
    expect(plain.isWorkingDay('2026-02-13')).toBe(true)
    for (let d = 14; d <= 22; d++) expect(plain.isWorkingDay(`2026-02-${d}`), `${d}/2`).toBe(false)
    expect(plain.isWorkingDay('2026-02-23')).toBe(true)
  })

  it('2025: off 25/1–2/2 once the announced swap is entered; Saturday 8/2 is worked', () => {
    expect(announced2025.isWorkingDay('2025-01-24')).toBe(true)
    for (const d of ['2025-01-25', '2025-01-26', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02'])
      expect(announced2025.isWorkingDay(d), d).toBe(false)
    expect(announced2025.isWorkingDay('2025-02-03')).toBe(true)
    expect(announced2025.isWorkingDay('2025-02-08')).toBe(true)
    expect(announced2025.isWorkingDay('2025-02-09')).toBe(false)
    // Without the overrides, the law's defaults apply.
    expect(plain.isWorkingDay('2025-01-27')).toBe(true)
    expect(plain.isWorkingDay('2025-02-03')).toBe(false)
    expect(plain.isWorkingDay('2025-02-08')).toBe(false)
  })

  it('an override wins over a weekend and over a holiday', () => {
    const cal = new WorkingCalendar([
      ['2026-05-01', 'working_day'],
      ['2026-11-25', 'day_off'],
    ])
    expect(cal.isWorkingDay('2026-05-01')).toBe(true)
    expect(cal.isWorkingDay('2026-11-25')).toBe(false)
    expect(cal.isWorkingDay('2026-11-24')).toBe(true)
  })
})

describe('weekends', () => {
  it.each([
    ['2026-11-28', false],
    ['2026-11-29', false],
    ['2026-11-30', true],
    ['2026-11-27', true],
  ])('%s working=%s', (date, working) => {
    expect(plain.isWorkingDay(date)).toBe(working)
  })
})

describe('adding and subtracting working days', () => {
  it.each([
    // Documents 3 working days before a meeting.
    ['2025-12-05', -3, '2025-12-02', 'within a week'],
    ['2025-12-02', -3, '2025-11-27', 'across a weekend and a month boundary'],
    ['2026-01-02', -3, '2025-12-29', 'across New Year (1/1 is a holiday) and a year boundary'],
    ['2026-02-23', -3, '2026-02-11', 'across the whole Tết break'],
    ['2026-05-04', -3, '2026-04-24', 'across 30/4–1/5 and the Giỗ Tổ compensatory day 27/4'],
    // Conclusion notice 5 working days after a meeting.
    ['2026-04-29', 5, '2026-05-08', 'across 30/4, 1/5 and a weekend'],
    ['2026-02-13', 5, '2026-02-27', 'Friday before Tết'],
    ['2026-11-25', 0, '2026-11-25', 'zero'],
    ['2026-11-28', 1, '2026-11-30', 'from a Saturday'],
  ])('%s %i → %s (%s)', (from, n, expected) => {
    expect(plain.addWorkingDays(from, n)).toBe(expected)
  })

  it('counts a Saturday worked under an override', () => {
    expect(announced2025.addWorkingDays('2025-02-07', 1)).toBe('2025-02-08')
    expect(plain.addWorkingDays('2025-02-07', 1)).toBe('2025-02-10')
  })

  it('subtractWorkingDays is the inverse of addWorkingDays on working days', () => {
    expect(plain.subtractWorkingDays('2026-02-23', 3)).toBe('2026-02-11')
    expect(plain.addWorkingDays(plain.subtractWorkingDays('2026-06-15', 7), 7)).toBe('2026-06-15')
  })

  it('a meeting’s lead days count back from its day in Vietnam, not in UTC', () => {
    // 06:00 on Tuesday 5 May 2026 in Hà Nội is still Monday 4 May in UTC. Three working days
    // before the Tuesday: 4/5, then 29/4 and 28/4 (30/4 and 1/5 are holidays, then the weekend).
    // Counted from the UTC day it would be 29/4, 28/4 and Friday 24/4 (Monday 27/4 is the day off
    // for Giỗ Tổ, which fell on Sunday 26/4).
    expect(plain.daysBeforeMeeting(new Date('2026-05-04T23:00:00Z'), 3)).toBe('2026-04-28')
  })
})

describe('counting working days between two dates', () => {
  it.each([
    ['2026-02-13', '2026-02-23', 1, 'Friday before Tết to the Monday after'],
    ['2026-11-23', '2026-11-27', 4, 'Monday to Friday'],
    ['2026-11-27', '2026-11-30', 1, 'Friday to Monday'],
    ['2026-11-25', '2026-11-25', 0, 'same day'],
    ['2026-11-30', '2026-11-27', -1, 'backwards'],
    ['2025-12-31', '2026-01-05', 2, 'over New Year'],
  ])('%s → %s = %d (%s)', (from, to, n) => {
    expect(plain.workingDaysBetween(from, to)).toBe(n)
  })
})

describe('dates', () => {
  it('validates YYYY-MM-DD strictly', () => {
    expect(isValidDate('2026-02-29')).toBe(false)
    expect(isValidDate('2028-02-29')).toBe(true)
    expect(isValidDate('26-2-1')).toBe(false)
    expect(() => plain.isWorkingDay('2026-13-01')).toThrow(RangeError)
  })
  it('takes the Vietnamese calendar day of an instant', () => {
    expect(vietnamDate(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25')
    expect(vietnamDate(new Date('2026-11-24T16:59:59Z'))).toBe('2026-11-24')
  })
})
