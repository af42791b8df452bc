import { json } from '@remix-run/node'
import { asc, eq, inArray } from 'drizzle-orm'
import { z } from '~/core/zod'
import { getDb } from '#db/client'
import { meetings, tasks, units } from '#db/schema'
import { requireUser } from '~/features/directory/index.server'
import { isValidDate, vietnamDate } from '~/core/days'
import { type Cell, disciplineTable, taskTables } from './figures.server'
import { reportDocx, type ReportDoc, reportXlsx } from './export.server'
import { getReport, periodDates, periodKinds, periodTitle, reportScopeFor } from './reports.server'
import { findById } from '~/core/schemas'
import { issuingBodyHeader } from '~/features/conclusions/index.server'
import type { Actor } from '~/core/actor'

/** The reports' public surface for routes, the API and the scheduler. */
export { canIssueReports, getReport, issueReport, listReports, runReportReminders, supervision } from './reports.server'
export { reportFigures, reportUnits, type ReportFigures } from './figures.server'
export { reportDocx, reportXlsx } from './export.server'

const querySchema = z.object({
  kind: z.enum(periodKinds).catch('half_year'),
  year: z.coerce.number().int().min(2000).max(2100).catch(() => Number(vietnamDate(new Date()).slice(0, 4))),
  n: z.coerce.number().int().min(1).max(12).catch(1),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
})

/**
 * The period and scope a report page, file or API call asks for, as this person may see it (a
 * unit officer: their unit only), or a 404. A range must be valid dates, at most three years.
 */
export function reportRequest(request: Request) {
  const user = requireUser(request)
  const url = new URL(request.url)
  const q = querySchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')))
  const today = vietnamDate(new Date())
  const defaultN = q.kind === 'half_year' && !url.searchParams.has('n') ? (Number(today.slice(5, 7)) <= 6 ? 1 : 2) : q.n
  let { from, to } = periodDates(q.kind, q.year, Math.min(defaultN, q.kind === 'quarter' ? 4 : q.kind === 'half_year' ? 2 : 12), q.from, q.to)
  if (q.kind === 'range' && (!from || !to || !isValidDate(from) || !isValidDate(to) || from > to || Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000)) {
    from = `${q.year}-01-01`
    to = `${q.year}-12-31`
  }
  const scope = reportScopeFor(user, q.unit ?? null)
  if (!scope) throw json({ message: 'reports.errors.forbidden' }, { status: 404 })
  const unitName = scope.unitId ? getDb().select({ name: units.name }).from(units).where(eq(units.id, scope.unitId)).get()?.name : null
  const title = `Báo cáo tình hình thực hiện kết luận, nhiệm vụ ${periodTitle(q.kind, q.year, defaultN, from, to)}${unitName ? ` — ${unitName}` : ''}`
  return { user, kind: q.kind, year: q.year, n: defaultN, period: { from, to, unitId: scope.unitId }, title, query: url.searchParams.toString() }
}

/** An issued report this person may see (its scope is theirs), by the id a page was given; not found otherwise. */
export function issuedReportFor(user: Actor, reportIdParam: string | number | undefined) {
  return findById(reportIdParam, (id) => {
    const report = getReport({ id })
    const scope = report ? reportScopeFor(user, report.unitId) : null
    return report && scope && scope.unitId === report.unitId ? report : null
  }, 'errors.notFound').found
}

/** An issued report as a file, from its frozen figures. */
export function issuedReportFile(report: NonNullable<ReturnType<typeof getReport>>, kind: 'docx' | 'xlsx') {
  return reportFile({ ...reportHeader(), title: report.title, numberFormatted: report.numberFormatted, issuedOn: report.issuedOn, signerName: report.signerName, signerTitle: report.signerTitle, figures: report.figures }, kind, `${report.numberFormatted} ${report.title}`)
}

/** The tasks behind a number of Biểu 1. */
export function drillDown(period: { from: string; to: string; unitId: number | null }, cell: Cell, unitId?: number) {
  const ids = taskTables({ period }).idsOf(cell, unitId)
  if (!ids.length) return []
  return getDb()
    .select({ id: tasks.id, content: tasks.content, deadline: tasks.deadline, completedOn: tasks.completedOn, unitName: units.name })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(inArray(tasks.id, ids.slice(0, 1000)))
    .orderBy(asc(tasks.deadline))
    .all()
}

/** The meetings behind a row of Biểu 4 (one meeting type in the period). */
export function meetingsBehind(period: { from: string; to: string; unitId: number | null }, typeId: number) {
  const row = disciplineTable({ period }).rows.find((r) => r.typeId === typeId)
  if (!row?.meetingIds.length) return { typeName: row?.typeName ?? '', meetings: [] }
  const list = getDb().select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt }).from(meetings).where(inArray(meetings.id, row.meetingIds)).orderBy(asc(meetings.startsAt)).all()
  return { typeName: row.typeName, meetings: list.map((m) => ({ id: m.id, title: m.title, date: vietnamDate(m.startsAt) })) }
}

/** The header of the report's files: the Office's issuing body (or the first). */
export function reportHeader() {
  return issuingBodyHeader({ issuingBodyId: null, preferOffice: true })
}

export async function reportFile(doc: ReportDoc, kind: 'docx' | 'xlsx', name: string) {
  const body = kind === 'docx' ? await reportDocx(doc) : await reportXlsx(doc)
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w-]+/g, '-').slice(0, 120)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${ascii}.${kind}"; filename*=UTF-8''${encodeURIComponent(`${name}.${kind}`)}`,
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
export { canSeeBodyReports, reportScopeFor } from './permissions.server'
