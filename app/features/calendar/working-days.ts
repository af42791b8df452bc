import { getSolarDate } from '@dqcai/vn-lunar'
import { addDays, isWeekend, vietnamDate } from '~/core/days'

/**
 * The Vietnamese working-day calendar (pure; days are `YYYY-MM-DD` in Asia/Ho_Chi_Minh).
 *
 * Working days are Monday–Friday except public holidays (Bộ luật Lao động 2019, Điều 112):
 * 1/1; Tết Nguyên đán (by default the last day of the lunar year and the first four days of the
 * new one); Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; 2/9 and one adjacent day (1/9, or 3/9 when
 * 1/9 falls on a weekend). A holiday that falls on a weekend gives a compensatory day off on the
 * next working day (Điều 111). Lunar dates come from a Vietnamese (UTC+7) lunar calendar.
 * The Office's overrides for a year (extra days off, Saturdays worked in exchange) win over all this.
 */
export type DayOverride = 'day_off' | 'working_day'
export type Holiday = { date: string; name: string; compensatory?: boolean }

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

const holidayCache = new Map<number, Holiday[]>()

/** The public holidays of a year as the law sets them, compensatory days included. */
export function holidaysOfYear(year: number): Holiday[] {
  const cached = holidayCache.get(year)
  if (cached) return cached
  const lunar = (day: number, month: number, lunarYear: number) => {
    const s = getSolarDate(day, month, lunarYear)
    return ymd(s.year, s.month, s.day)
  }
  const base: Holiday[] = [{ date: ymd(year, 1, 1), name: 'Tết Dương lịch' }]
  // Tết of the lunar year that begins in this solar year, and of the next one when its eve
  // falls in this year (it never does in practice, but the check costs nothing).
  for (const lunarYear of [year, year + 1]) {
    const newYear = lunar(1, 1, lunarYear)
    const days = [addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2), addDays(newYear, 3)]
    days.forEach((date, i) => {
      if (date.startsWith(`${year}-`)) base.push({ date, name: i === 0 ? 'Tết Nguyên đán (30 Tết)' : `Tết Nguyên đán (mùng ${i})` })
    })
  }
  base.push({ date: lunar(10, 3, year), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' })
  base.push({ date: ymd(year, 4, 30), name: 'Ngày Chiến thắng (30/4)' })
  base.push({ date: ymd(year, 5, 1), name: 'Ngày Quốc tế Lao động (1/5)' })
  base.push({ date: ymd(year, 9, 2), name: 'Quốc khánh (2/9)' })
  const firstSept = ymd(year, 9, 1)
  base.push({ date: isWeekend(firstSept) ? ymd(year, 9, 3) : firstSept, name: 'Quốc khánh (ngày liền kề)' })
  base.sort((a, b) => a.date.localeCompare(b.date))

  const taken = new Set(base.map((h) => h.date))
  const result = [...base]
  for (const holiday of base) {
    if (!isWeekend(holiday.date)) continue
    let next = addDays(holiday.date, 1)
    while (isWeekend(next) || taken.has(next)) next = addDays(next, 1)
    taken.add(next)
    result.push({ date: next, name: `Nghỉ bù ${holiday.name}`, compensatory: true })
  }
  result.sort((a, b) => a.date.localeCompare(b.date))
  holidayCache.set(year, result)
  return result
}

export class WorkingCalendar {
  private readonly overrides: Map<string, DayOverride>
  constructor(overrides: Iterable<readonly [string, DayOverride]> = []) {
    this.overrides = new Map(overrides)
  }

  holidayName(date: string): string | null {
    return holidaysOfYear(Number(date.slice(0, 4))).find((h) => h.date === date)?.name ?? null
  }

  isWorkingDay(date: string): boolean {
    const override = this.overrides.get(date)
    if (override) return override === 'working_day'
    if (isWeekend(date)) return false
    return this.holidayName(date) === null
  }

  /** The date `n` working days after `date` (before it when n < 0). `date` itself need not be a working day. */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError('n phải là số nguyên')
    const step = n < 0 ? -1 : 1
    let remaining = Math.abs(n)
    let current = date
    while (remaining > 0) {
      current = addDays(current, step)
      if (this.isWorkingDay(current)) remaining--
    }
    return current
  }

  /**
   * The day N working days before a meeting starting at `startsAt` (its day in Vietnam): when its
   * documents and invitations are due (R4.6d; the meeting type's documentLeadDays).
   */
  daysBeforeMeeting(startsAt: Date, n: number): string {
    return this.subtractWorkingDays(vietnamDate(startsAt), n)
  }

  subtractWorkingDays(date: string, n: number): string {
    return this.addWorkingDays(date, -n)
  }

  /**
   * Working days after `from` up to and including `to` (negative when `to` is earlier):
   * from a Friday to the next Monday is 1.
   */
  workingDaysBetween(from: string, to: string): number {
    if (from === to) return 0
    const [start, end, sign] = from < to ? [from, to, 1] : [to, from, -1]
    let count = 0
    for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (this.isWorkingDay(d)) count++
    return count * sign
  }
}
