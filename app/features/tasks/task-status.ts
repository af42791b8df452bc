import type { reportingCycles } from '#db/schema/enums'

/**
 * Task statuses are derived, never typed (R4.6h). The five categories are those the Government
 * Office and provinces use; reports group them in four buckets.
 *
 * - `not_due` (chưa đến hạn): open, nothing reported yet, deadline not passed.
 * - `in_progress` (đang thực hiện trong hạn): open, progress reported, deadline not passed.
 * - `overdue` (quá hạn): open after the deadline day, with calendar days overdue.
 * - `done_on_time` (hoàn thành đúng hạn): accepted as completed on or before the deadline day.
 * - `done_late` (hoàn thành quá hạn): accepted as completed after it, with days late.
 *
 * The deadline day itself is within the deadline. Holidays do not move deadlines: a deadline is a
 * date the chair wrote. An approved extension replaces the effective deadline; the original stays
 * for reporting (`againstOriginal`).
 */
/** A task's derived statuses and the four buckets of the dashboards, in the order pages list them. */
export const taskStatuses = ['not_due', 'in_progress', 'overdue', 'done_on_time', 'done_late'] as const
export const taskBuckets = ['done_on_time', 'done_late', 'open_within', 'open_overdue'] as const
export type TaskStatus = (typeof taskStatuses)[number]
export type TaskBucket = (typeof taskBuckets)[number]

export type DatedTask = {
  /** YYYY-MM-DD, the deadline in force (after approved extensions). */
  deadline: string
  /** YYYY-MM-DD, the deadline first set, kept when extended. */
  originalDeadline?: string
  /** YYYY-MM-DD when completion was declared and accepted; null while open. */
  completedOn: string | null
  /** Latest reported progress, 0–100. */
  progress: number
}

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

export function deriveTaskStatus(task: DatedTask, today: string, againstOriginal = false): { status: TaskStatus; daysOverdue: number } {
  const deadline = againstOriginal ? (task.originalDeadline ?? task.deadline) : task.deadline
  if (task.completedOn) {
    const late = daysBetween(deadline, task.completedOn)
    return late > 0 ? { status: 'done_late', daysOverdue: late } : { status: 'done_on_time', daysOverdue: 0 }
  }
  const overdue = daysBetween(deadline, today)
  if (overdue > 0) return { status: 'overdue', daysOverdue: overdue }
  return { status: task.progress > 0 ? 'in_progress' : 'not_due', daysOverdue: 0 }
}

/** Which statuses each bucket holds: the one statement of it (bucketOf and the SQL filters use it). */
export const statusesOfBucket: Record<TaskBucket, readonly TaskStatus[]> = {
  done_on_time: ['done_on_time'],
  done_late: ['done_late'],
  open_within: ['not_due', 'in_progress'],
  open_overdue: ['overdue'],
}

const BUCKET_OF = new Map(taskBuckets.flatMap((bucket) => statusesOfBucket[bucket].map((status) => [status, bucket] as const)))

export function bucketOf(status: TaskStatus): TaskBucket {
  return BUCKET_OF.get(status)!
}

export type ReportingCycle = (typeof reportingCycles)[number]
const CYCLE_MONTHS: Record<ReportingCycle, number> = { month: 1, quarter: 3, half_year: 6, year: 12 }

const pad = (n: number) => String(n).padStart(2, '0')
/** The cycle starting in `year`/`startMonth` (1-based): its first and last day. */
function cycleFrom(year: number, startMonth: number, months: number) {
  const lastMonth = startMonth + months - 1
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate()
  return { start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(lastMonth)}-${pad(lastDay)}` }
}

/** The cycle containing `date`: its first and last day (YYYY-MM-DD). */
export function cycleOf(date: string, cycle: ReportingCycle) {
  const months = CYCLE_MONTHS[cycle]
  const startMonth = Math.floor((Number(date.slice(5, 7)) - 1) / months) * months + 1
  return cycleFrom(Number(date.slice(0, 4)), startMonth, months)
}

function nextCycle(current: { start: string }, cycle: ReportingCycle) {
  const months = CYCLE_MONTHS[cycle]
  const month = Number(current.start.slice(5, 7)) + months
  const year = Number(current.start.slice(0, 4))
  return month > 12 ? cycleFrom(year + 1, month - 12, months) : cycleFrom(year, month, months)
}

/**
 * A standing task (thường xuyên) reports once per cycle, by the cycle's last day. It is overdue
 * when a finished cycle since it began has no report; otherwise in progress once the current
 * cycle has a report, not yet due before that.
 */
export function deriveStandingTaskStatus(input: { startedOn: string; cycle: ReportingCycle; reportDates: string[] }, today: string) {
  const missing: { start: string; end: string }[] = []
  const reports = [...input.reportDates].sort()
  let next = 0 // reports before `next` fall in cycles already passed
  const reportedIn = (period: { start: string; end: string }) => {
    while (next < reports.length && reports[next]! < period.start) next++
    return next < reports.length && reports[next]! <= period.end
  }
  let current = cycleOf(input.startedOn, input.cycle)
  while (current.end < today) {
    if (!reportedIn(current)) missing.push(current)
    current = nextCycle(current, input.cycle)
  }
  const reportedNow = reportedIn(current)
  const status: TaskStatus = missing.length ? 'overdue' : reportedNow ? 'in_progress' : 'not_due'
  return { status, currentCycle: current, missingCycles: missing, daysOverdue: missing.length ? daysBetween(missing[0]!.end, today) : 0 }
}
