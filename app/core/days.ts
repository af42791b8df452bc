/** Calendar days as the product stores them (YYYY-MM-DD strings): arithmetic, validity and today in Vietnam. Working days are the calendar feature's. */
const DAY_MS = 86_400_000
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function toUtc(date: string) {
  if (!ISO_DATE.test(date)) throw new RangeError(`Ngày không hợp lệ: ${date}`)
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`Ngày không hợp lệ: ${date}`)
  return ms
}
function fromUtc(ms: number) {
  return new Date(ms).toISOString().slice(0, 10)
}
export function addDays(date: string, n: number) {
  return fromUtc(toUtc(date) + n * DAY_MS)
}
/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string) {
  return new Date(toUtc(date)).getUTCDay()
}
export function isWeekend(date: string) {
  const d = weekday(date)
  return d === 0 || d === 6
}
/** The days the product deals in: meetings, deadlines and calendars from 2000 to 2100 (a date in 1900 or 9999 is a typing mistake). */
const FIRST_DAY = '2000-01-01'
const LAST_DAY = '2100-12-31'

/** A real calendar day (YYYY-MM-DD) between FIRST_DAY and LAST_DAY. */
export function isValidDate(date: string) {
  if (typeof date !== 'string' || date < FIRST_DAY || date > LAST_DAY) return false
  try {
    toUtc(date)
    return true
  } catch {
    return false
  }
}

/** The calendar day in Vietnam of an instant. */
export function vietnamDate(instant: Date) {
  return fromUtc(instant.getTime() + 7 * 3_600_000)
}
