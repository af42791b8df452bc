/** Dates as Vietnamese users write them (dd/mm/yyyy), always in Asia/Ho_Chi_Minh. */
const TIME_ZONE = 'Asia/Ho_Chi_Minh'

const dateTimeParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

function parts(date: Date) {
  const out: Record<string, string> = {}
  for (const p of dateTimeParts.formatToParts(date)) out[p.type] = p.value
  return out
}

/** "25/11/2026" */
export function formatDate(input: Date | string | number) {
  const p = parts(new Date(input))
  return `${p.day}/${p.month}/${p.year}`
}

/** A day (ISO `YYYY-MM-DD`, a date with no time) as "25/11/2026". */
export function formatDay(iso: string) {
  const [y, m, d] = iso.split('-')
  return `${d}/${m}/${y}`
}

/** "25/11/2026 08:51" */
export function formatDateTime(input: Date | string | number) {
  const p = parts(new Date(input))
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`
}

/** "08:51" */
export function formatTime(input: Date | string | number) {
  const p = parts(new Date(input))
  return `${p.hour}:${p.minute}`
}

const secondsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
/** "08:51:07" (a wall clock). */
export function formatClockTime(input: Date | string | number) {
  return secondsFormat.format(new Date(input))
}
