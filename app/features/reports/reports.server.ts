import { and, asc, desc, eq } from 'drizzle-orm'
import { type DBOrTx } from '#db/client'
import { issuingBodies, reportReminders, reports, units, userRoles, users } from '#db/schema'
import { events } from '~/core/events.server'
import { DomainError } from '~/core/errors'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { vietnamDate } from '~/core/days'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import { allocateDocumentNumber } from '~/features/conclusions/index.server'
import { reportScopeFor } from './permissions.server'
import { type Period, rates, reportFigures, type ReportFigures, taskTables } from './figures.server'
import type { Actor, AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

/**
 * Periodic reports: periods (month, quarter, six months, year, or any range), who sees which
 * scope, issuing (the figures frozen with the `BC` number), supervision figures over time, and the
 * Office's reminders before reporting deadlines.
 */
export const periodKinds = ['month', 'quarter', 'half_year', 'year', 'range'] as const
export type PeriodKind = (typeof periodKinds)[number]

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** A period as dates: month n, quarter n, six months n (1–2), a year, or a range as given. */
export function periodDates(kind: PeriodKind, year: number, n: number, from?: string, to?: string) {
  const range = (m1: number, m2: number) => ({ from: `${year}-${pad(m1)}-01`, to: `${year}-${pad(m2)}-${pad(lastDay(year, m2))}` })
  if (kind === 'month') return range(n, n)
  if (kind === 'quarter') return range(3 * n - 2, 3 * n)
  if (kind === 'half_year') return n === 2 ? range(7, 12) : range(1, 6)
  if (kind === 'year') return range(1, 12)
  return { from: from!, to: to! }
}

export function periodTitle(kind: PeriodKind, year: number, n: number, from: string, to: string) {
  if (kind === 'month') return `tháng ${n}/${year}`
  if (kind === 'quarter') return `quý ${['I', 'II', 'III', 'IV'][n - 1]} năm ${year}`
  if (kind === 'half_year') return n === 2 ? `6 tháng cuối năm ${year}` : `6 tháng đầu năm ${year}`
  if (kind === 'year') return `năm ${year}`
  const vn = (d: string) => `${Number(d.slice(8))}/${Number(d.slice(5, 7))}/${d.slice(0, 4)}`
  return `từ ${vn(from)} đến ${vn(to)}`
}

// Who sees which scope, who issues: decided by this feature's permission rules (permissions.server.ts).
export { canIssueReports, reportScopeFor } from './permissions.server'

/** The issuing body of reports: the Office's, when registered (Số …-BC/VPTU), else the first. */
function reportBody(tx: DBOrTx) {
  const office = tx.select({ id: issuingBodies.id }).from(issuingBodies).innerJoin(units, eq(units.id, issuingBodies.unitId)).where(eq(units.kind, 'office')).orderBy(asc(issuingBodies.id)).get()
  return office?.id ?? tx.select({ id: issuingBodies.id }).from(issuingBodies).orderBy(asc(issuingBodies.id)).get()?.id ?? null
}

/** Issues a report: its figures computed now and kept as they are, with the next BC number and the date. */
export function issueReport({ input, actor }: { input: Period & { title: string; signerName?: string | null; signerTitle?: string | null }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const issuedOn = vietnamDate(now)
  const figures = reportFigures({ period: input, today: issuedOn }, { db })
  return db.transaction(
    (tx) => {
      const body = reportBody(tx)
      if (!body) throw new DomainError('reports.errors.noIssuingBody', 'conflict')
      const { formatted } = allocateDocumentNumber({ issuingBodyId: body, kindCode: 'BC', issuedOn }, { db: tx })
      const row = tx
        .insert(reports)
        .values({ title: input.title, periodFrom: input.from, periodTo: input.to, unitId: input.unitId ?? null, issuingBodyId: body, numberFormatted: formatted, issuedOn, issuedBy: actor.id, signerName: input.signerName ?? null, signerTitle: input.signerTitle ?? null, figures: figures as unknown as Record<string, unknown>, createdAt: now })
        .returning({ id: reports.id })
        .get()
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'report.issued', entityType: 'report', entityId: row.id, after: { numberFormatted: formatted, from: input.from, to: input.to, unitId: input.unitId ?? null } })
      return { id: row.id, numberFormatted: formatted }
    },
    { behavior: 'immediate' },
  )
}

export function getReport({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const r = db.select().from(reports).where(eq(reports.id, id)).get()
  return r ? { ...r, figures: r.figures as unknown as ReportFigures } : null
}

export function listReports({ user }: { user: Actor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const all = db.select({ id: reports.id, title: reports.title, numberFormatted: reports.numberFormatted, issuedOn: reports.issuedOn, unitId: reports.unitId, periodFrom: reports.periodFrom, periodTo: reports.periodTo }).from(reports).orderBy(desc(reports.id)).limit(200).all()
  return all.filter((r) => reportScopeFor(user, r.unitId) !== null && (reportScopeFor(user, r.unitId)!.unitId === r.unitId))
}

/**
 * Supervision (R5): the discipline by unit over the last four quarters — the units with the best
 * on-time rate, and those with overdue tasks in more than one of them.
 */
export function supervision({ today }: { today?: string } = {}, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  today ??= vietnamDate(now)
  const year = Number(today.slice(0, 4))
  const q = Math.ceil(Number(today.slice(5, 7)) / 3)
  const quarters: { label: string; from: string; to: string }[] = []
  for (let i = 3; i >= 0; i--) {
    let qq = q - i
    let yy = year
    while (qq < 1) {
      qq += 4
      yy--
    }
    quarters.push({ label: `Q${qq}/${yy}`, ...periodDates('quarter', yy, qq) })
  }
  const perQuarter = quarters.map((p) => ({ label: p.label, rows: taskTables({ period: p, today }, { db }).rows }))
  const units = new Map<number, { unitId: number; unitName: string; done: number; onTime: number; overdueQuarters: number; series: (number | null)[] }>()
  perQuarter.forEach((quarter, i) => {
    for (const r of quarter.rows) {
      const u = units.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, done: 0, onTime: 0, overdueQuarters: 0, series: quarters.map(() => null) }
      u.done += r.done_on_time + r.done_late
      u.onTime += r.done_on_time
      if (r.open_overdue > 0) u.overdueQuarters++
      u.series[i] = rates(r).onTimeOfDone
      units.set(r.unitId, u)
    }
  })
  const list = [...units.values()]
  return {
    quarters: quarters.map((x) => x.label),
    best: list.filter((u) => u.done >= 3).sort((a, b) => b.onTime / b.done - a.onTime / a.done || b.done - a.done).slice(0, 10),
    repeated: list.filter((u) => u.overdueQuarters >= 2).sort((a, b) => b.overdueQuarters - a.overdueQuarters || a.unitName.localeCompare(b.unitName, 'vi')),
  }
}

/**
 * Reporting deadlines (REPORTS.md: monthly evaluation, six-monthly and yearly reports to the
 * Standing Committee): the month's report on its last working day, the six months' on 15 June,
 * the year's on 15 December. The Office hears `days` working days before each, once.
 */
function reportDeadlines(year: number, month: number) {
  const cal = getWorkingCalendar()
  const last = `${year}-${pad(month)}-${pad(lastDay(year, month))}`
  const lastWorking = cal.isWorkingDay(last) ? last : cal.subtractWorkingDays(last, 1)
  const list = [{ key: `month:${year}-${pad(month)}`, due: lastWorking, title: `Báo cáo tháng ${month}/${year}` }]
  if (month === 6) list.push({ key: `half_year:${year}`, due: `${year}-06-15`, title: `Báo cáo 6 tháng đầu năm ${year}` })
  if (month === 12) list.push({ key: `year:${year}`, due: `${year}-12-15`, title: `Báo cáo năm ${year}` })
  return list
}

export function runReportReminders({ days }: { days: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const today = vietnamDate(now)
  const cal = getWorkingCalendar({ db: db })
  const due = reportDeadlines(Number(today.slice(0, 4)), Number(today.slice(5, 7))).filter((d) => d.due >= today && cal.subtractWorkingDays(d.due, days) <= today)
  const office = db.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'office'))).where(eq(users.active, true)).all().map((u) => u.id)
  const told: number[] = []
  for (const d of due) {
    db.transaction((tx) => {
      if (tx.select().from(reportReminders).where(eq(reportReminders.key, d.key)).get()) return
      tx.insert(reportReminders).values({ key: d.key, sentAt: now }).run()
      const vn = `${Number(d.due.slice(8))}/${Number(d.due.slice(5, 7))}/${d.due.slice(0, 4)}`
      notify(office.map((userId) => ({ userId, kind: 'report.reminder', params: { report: d.title, date: vn }, link: '/reports' })), { db: tx, now })
      told.push(...office)
    })
  }
  if (told.length) events.emit('notification.created', { userIds: [...new Set(told)] })
  return due.length
}
