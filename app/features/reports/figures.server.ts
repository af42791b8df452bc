import { and, asc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm'
import { type DBOrTx } from '#db/client'
import { attendance, conclusions, documentDistributions, documentReads, documents, meetingParticipants, meetings, meetingTypes, programmeItems, programmes, speeches, taskEvents, tasks, units } from '#db/schema'
import { vietnamDate } from '~/core/days'
import { isSubstitute } from '~/features/meetings/index.server'
import { type Context, contextOf } from '~/core/context'

/**
 * The figures of a periodic report (REPORTS.md), computed from the records for a period
 * [from, to] (YYYY-MM-DD, Asia/Ho_Chi_Minh) and a scope (the whole body, or one lead unit), as at
 * the period's end (or today, for a period not over). The same function serves the screen, the
 * drill-down, the DOCX, the XLSX, the API and the snapshot an issued report keeps.
 */
export type Period = { from: string; to: string; unitId?: number | null }
export type Cell = 'total' | 'done_on_time' | 'done_late' | 'open_within' | 'open_overdue' | 'standing' | 'over30'

const shiftYear = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`
const dayStart = (d: string) => new Date(`${d}T00:00:00+07:00`)
const dayEnd = (d: string) => new Date(`${d}T23:59:59.999+07:00`)

type TaskRow = { id: number; leadUnitId: number; deadline: string | null; completedOn: string | null; startedOn: string; deadlineDay: number }
/** Days since 1970 of a YYYY-MM-DD date (computed once per task: the trend compares many days). */
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / 86_400_000)

/** A task's cell as at `asOf`: done (on time, late) or open (within, overdue, no deadline), with the days overdue. */
function cellOf(t: Pick<TaskRow, 'deadline' | 'completedOn' | 'deadlineDay'>, asOf: string, asOfDay = dayNumber(asOf)): { cell: Cell; daysOverdue: number } {
  if (t.completedOn && t.completedOn <= asOf) return { cell: t.deadline && t.completedOn > t.deadline ? 'done_late' : 'done_on_time', daysOverdue: 0 }
  if (!t.deadline) return { cell: 'standing', daysOverdue: 0 }
  const over = asOfDay - t.deadlineDay
  return over > 0 ? { cell: 'open_overdue', daysOverdue: over } : { cell: 'open_within', daysOverdue: 0 }
}

/** Each task of the period in its cell as at `asOf` (new or carried over). */
function classify(rows: TaskRow[], asOf: string) {
  const asOfDay = dayNumber(asOf)
  return rows.map((t) => ({ ...t, ...cellOf(t, asOf, asOfDay) }))
}

/** The tasks of the period: only what the count needs (the overdue list reads its texts apart). */
function tasksOf(p: Period, db: DBOrTx): TaskRow[] {
  return db
    .select({ id: tasks.id, leadUnitId: tasks.leadUnitId, deadline: tasks.deadline, completedOn: tasks.completedOn, startedOn: tasks.startedOn })
    .from(tasks)
    .where(and(lte(tasks.startedOn, p.to), sql`(${tasks.completedOn} is null or ${tasks.completedOn} >= ${p.from})`, p.unitId ? eq(tasks.leadUnitId, p.unitId) : undefined))
    .all()
    .map((t) => ({ ...t, deadlineDay: t.deadline ? dayNumber(t.deadline) : 0 }))
}

type Counts = Record<Cell, number> & { extensions: number; maxOverdue: number; avgOverdue: number }
function countsOf(list: ReturnType<typeof classify>, extensions: number): Counts {
  const c = { total: list.length, done_on_time: 0, done_late: 0, open_within: 0, open_overdue: 0, standing: 0, over30: 0, extensions, maxOverdue: 0, avgOverdue: 0 }
  let sum = 0
  for (const t of list) {
    c[t.cell]++
    if (t.cell === 'open_overdue') {
      sum += t.daysOverdue
      c.maxOverdue = Math.max(c.maxOverdue, t.daysOverdue)
      if (t.daysOverdue > 30) c.over30++
    }
  }
  c.avgOverdue = c.open_overdue ? Math.round((10 * sum) / c.open_overdue) / 10 : 0
  return c
}

/** The two percentages in use, each with its denominator: on time of those completed; overdue of all. */
export function rates(c: Pick<Counts, 'total' | 'done_on_time' | 'done_late' | 'open_overdue'>) {
  const done = c.done_on_time + c.done_late
  return { onTimeOfDone: done ? (100 * c.done_on_time) / done : null, overdueOfTotal: c.total ? (100 * c.open_overdue) / c.total : null }
}

function extensionsByUnit(p: Period, db: DBOrTx) {
  const rows = db
    .select({ unitId: tasks.leadUnitId, n: sql<number>`count(*)` })
    .from(taskEvents)
    .innerJoin(tasks, eq(tasks.id, taskEvents.taskId))
    .where(and(eq(taskEvents.kind, 'extension_approved'), gte(taskEvents.at, dayStart(p.from)), lte(taskEvents.at, dayEnd(p.to)), p.unitId ? eq(tasks.leadUnitId, p.unitId) : undefined))
    .groupBy(tasks.leadUnitId)
    .all()
  return new Map(rows.map((r) => [r.unitId, r.n]))
}

/** Biểu 1 (by lead unit, with a total and the same period a year earlier), and the tasks behind every number. */
export function taskTables({ period: p, today }: { period: Period; today?: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  today ??= vietnamDate(now)
  const asOf = p.to < today ? p.to : today
  const raw = tasksOf(p, db)
  const list = classify(raw, asOf)
  const ext = extensionsByUnit(p, db)
  const byUnit = new Map<number, typeof list>()
  for (const t of list) {
    const group = byUnit.get(t.leadUnitId)
    if (group) group.push(t)
    else byUnit.set(t.leadUnitId, [t])
  }
  const unitNames = new Map(db.select({ id: units.id, name: units.name }).from(units).all().map((u) => [u.id, u.name]))
  const rows = [...byUnit.entries()]
    .map(([unitId, l]) => ({ unitId, unitName: unitNames.get(unitId) ?? '', ...countsOf(l, ext.get(unitId) ?? 0) }))
    .sort((a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName, 'vi'))
  const total = countsOf(list, [...ext.values()].reduce((a, b) => a + b, 0))
  const lastYear = { from: shiftYear(p.from, -1), to: shiftYear(p.to, -1), unitId: p.unitId }
  const previous = countsOf(classify(tasksOf(lastYear, db), lastYear.to < today ? lastYear.to : today), 0)
  // Biểu 2: the overdue tasks, the longest first, with the latest obstacle and proposal reported.
  const overdue = list.filter((t) => t.cell === 'open_overdue').sort((a, b) => b.daysOverdue - a.daysOverdue)
  const shownIds = overdue.slice(0, 500).map((t) => t.id)
  const texts = new Map(
    shownIds.length
      ? db.select({ id: tasks.id, content: tasks.content, notice: conclusions.numberFormatted }).from(tasks).innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId)).where(inArray(tasks.id, shownIds)).all().map((x) => [x.id, x])
      : [],
  )
  const notes = overdue.length
    ? db
        .select({ taskId: taskEvents.taskId, kind: taskEvents.kind, text: taskEvents.text, at: taskEvents.at })
        .from(taskEvents)
        .where(and(inArray(taskEvents.taskId, overdue.slice(0, 500).map((t) => t.id)), inArray(taskEvents.kind, ['obstacle', 'extension_requested'])))
        .orderBy(asc(taskEvents.at))
        .all()
    : []
  const latest = (taskId: number, kind: string) => notes.filter((n) => n.taskId === taskId && n.kind === kind).at(-1)?.text ?? null
  // The trend: the share overdue of the tasks in hand at each month's end (months not over are left out).
  const trend: { label: string; value: number }[] = []
  for (let y = Number(p.from.slice(0, 4)), m = Number(p.from.slice(5, 7)); y * 12 + m <= Number(asOf.slice(0, 4)) * 12 + Number(asOf.slice(5, 7)) && trend.length < 24; m === 12 ? ((m = 1), y++) : m++) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`
    const monthEnd = vietnamDate(new Date(Date.UTC(y, m, 0, 12)))
    const end = monthEnd < asOf ? monthEnd : asOf
    let inHand = 0
    let overdue = 0
    const endDay = dayNumber(end)
    for (const t of raw) {
      if (t.startedOn > end || (t.completedOn && t.completedOn < start)) continue
      inHand++
      if (cellOf(t, end, endDay).cell === 'open_overdue') overdue++
    }
    trend.push({ label: `${String(m).padStart(2, '0')}/${y}`, value: inHand ? Math.round((1000 * overdue) / inHand) / 10 : 0 })
  }
  return {
    asOf,
    trend,
    rows,
    total,
    rates: rates(total),
    lastYear: { ...previous, rates: rates(previous), from: lastYear.from, to: lastYear.to },
    overdue: overdue.slice(0, 500).map((t) => ({ id: t.id, content: texts.get(t.id)?.content ?? '', notice: texts.get(t.id)?.notice ?? null, unitName: unitNames.get(t.leadUnitId) ?? '', deadline: t.deadline!, daysOverdue: t.daysOverdue, obstacle: latest(t.id, 'obstacle'), proposal: latest(t.id, 'extension_requested') })),
    /** The tasks behind a number (the drill-down). */
    idsOf: (cell: Cell, unitId?: number) => list.filter((t) => (cell === 'total' || t.cell === cell || (cell === 'over30' && t.cell === 'open_overdue' && t.daysOverdue > 30)) && (!unitId || t.leadUnitId === unitId)).map((t) => t.id),
  }
}

/** Biểu 3: the work programme's items due in the period by what became of them; meetings outside the programme with their reasons. */
export function programmeTable({ period: p, today }: { period: Period; today?: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  today ??= vietnamDate(now)
  const months: { year: number; month: number }[] = []
  for (let y = Number(p.from.slice(0, 4)), m = Number(p.from.slice(5, 7)); y * 12 + m <= Number(p.to.slice(0, 4)) * 12 + Number(p.to.slice(5, 7)); m === 12 ? ((m = 1), y++) : m++) months.push({ year: y, month: m })
  const items = db
    .select({ id: programmeItems.id, content: programmeItems.content, status: programmeItems.status, year: programmes.year, month: programmeItems.plannedMonth, reason: programmeItems.statusReason })
    .from(programmeItems)
    .innerJoin(programmes, eq(programmes.id, programmeItems.programmeId))
    .where(and(inArray(programmes.year, [...new Set(months.map((x) => x.year))]), p.unitId ? eq(programmeItems.preparingUnitId, p.unitId) : undefined))
    .all()
    .filter((i) => months.some((x) => x.year === i.year && x.month === i.month))
  const monthEnd = (y: number, m: number) => vietnamDate(new Date(Date.UTC(y, m, 0, 12)))
  const owed = items.filter((i) => (i.status === 'planned' || i.status === 'scheduled') && monthEnd(i.year, i.month) < today)
  const count = (s: string) => items.filter((i) => i.status === s).length
  const outside = db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, reason: meetings.offProgrammeReason, urgent: meetings.urgent })
    .from(meetings)
    .where(and(sql`${meetings.programmeItemId} is null`, gte(meetings.startsAt, dayStart(p.from)), lte(meetings.startsAt, dayEnd(p.to)), inArray(meetings.status, ['in_session', 'held', 'concluded']), p.unitId ? eq(meetings.preparingUnitId, p.unitId) : undefined))
    .orderBy(asc(meetings.startsAt))
    .all()
  return {
    due: items.length,
    held: count('held'),
    postponed: count('postponed'),
    cancelled: count('cancelled'),
    moved: count('moved'),
    owed: owed.length,
    owedItems: owed.map((i) => ({ id: i.id, content: i.content, month: `${String(i.month).padStart(2, '0')}/${i.year}` })),
    outside: outside.map((m) => ({ id: m.id, title: m.title, date: vietnamDate(m.startsAt), reason: m.reason, urgent: m.urgent })),
  }
}

/** Biểu 4: meeting discipline by meeting type — documents on time, notices on time, attendance, lateness, documents read before, speeches over time. */
export function disciplineTable({ period: p }: { period: Period }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const held = db
    .select({ id: meetings.id, typeId: meetings.meetingTypeId, typeName: meetingTypes.name, startsAt: meetings.startsAt, mode: meetings.mode, programmeItemId: meetings.programmeItemId })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .where(and(gte(meetings.startsAt, dayStart(p.from)), lte(meetings.startsAt, dayEnd(p.to)), inArray(meetings.status, ['in_session', 'held', 'concluded']), p.unitId ? eq(meetings.preparingUnitId, p.unitId) : undefined))
    .all()
  const ids = held.map((m) => m.id)
  const none = <T,>(): T[] => []
  // The first distribution of each meeting's documents: how many working days late it was (0: on time).
  const firstDistribution = new Map<number, number>()
  if (ids.length) for (const d of db.select({ meetingId: documentDistributions.meetingId, late: documentDistributions.lateByWorkingDays }).from(documentDistributions).where(inArray(documentDistributions.meetingId, ids)).orderBy(asc(documentDistributions.at)).all()) if (!firstDistribution.has(d.meetingId)) firstDistribution.set(d.meetingId, d.late)
  const notices = ids.length ? db.select({ meetingId: conclusions.meetingId, onTime: conclusions.onTime }).from(conclusions).where(and(inArray(conclusions.meetingId, ids), isNotNull(conclusions.issuedOn))).all() : none<{ meetingId: number; onTime: boolean | null }>()
  const people = ids.length ? db.select({ meetingId: meetingParticipants.meetingId, userId: meetingParticipants.userId, role: meetingParticipants.role, source: meetingParticipants.source, rsvp: meetingParticipants.rsvp }).from(meetingParticipants).where(inArray(meetingParticipants.meetingId, ids)).all() : []
  const marks = ids.length ? db.select({ meetingId: attendance.meetingId, userId: attendance.userId, state: attendance.state, late: attendance.late, leftAt: attendance.leftAt }).from(attendance).where(inArray(attendance.meetingId, ids)).all() : []
  const reads = ids.length
    ? db
        .select({ meetingId: documents.meetingId, userId: documentReads.userId, startsAt: meetings.startsAt, at: sql<number>`min(${documentReads.firstOpenedAt})` })
        .from(documentReads)
        .innerJoin(documents, eq(documents.id, documentReads.documentId))
        .innerJoin(meetings, eq(meetings.id, documents.meetingId))
        .where(inArray(documents.meetingId, ids))
        .groupBy(documents.meetingId, documentReads.userId)
        .all()
    : []
  const spoken = ids.length ? db.select({ meetingId: speeches.meetingId, spokenMs: speeches.spokenMs, limitMs: speeches.limitMs }).from(speeches).where(and(inArray(speeches.meetingId, ids), eq(speeches.state, 'done'))).all() : []
  // Grouped by meeting once, so each meeting's figures are lookups, not scans of the whole period.
  const groupBy = <T extends { meetingId: number }>(list: T[]) => {
    const m = new Map<number, T[]>()
    for (const x of list) {
      const g = m.get(x.meetingId)
      if (g) g.push(x)
      else m.set(x.meetingId, [x])
    }
    return m
  }
  const noticesBy = groupBy(notices)
  const peopleBy = groupBy(people)
  const marksBy = groupBy(marks)
  const readsBy = groupBy(reads)
  const spokenBy = groupBy(spoken)
  const types = new Map<number, { typeName: string; meetings: number; inProgramme: number; outside: number; online: number; docsOnTime: number; docsLate: number; docsLateDays: number; docsNone: number; noticesOnTime: number; noticesLate: number; convened: number; present: number; excused: number; unexcused: number; substituted: number; late: number; leftEarly: number; readBefore: number; speeches: number; overTime: number }>()
  const meetingIds = new Map<number, number[]>()
  for (const m of held) {
    const t = types.get(m.typeId) ?? { typeName: m.typeName, meetings: 0, inProgramme: 0, outside: 0, online: 0, docsOnTime: 0, docsLate: 0, docsLateDays: 0, docsNone: 0, noticesOnTime: 0, noticesLate: 0, convened: 0, present: 0, excused: 0, unexcused: 0, substituted: 0, late: 0, leftEarly: 0, readBefore: 0, speeches: 0, overTime: 0 }
    meetingIds.set(m.typeId, [...(meetingIds.get(m.typeId) ?? []), m.id])
    t.meetings++
    if (m.programmeItemId) t.inProgramme++
    else t.outside++
    if (m.mode !== 'in_person') t.online++
    const late = firstDistribution.get(m.id)
    if (late === undefined) t.docsNone++
    else if (late > 0) {
      t.docsLate++
      t.docsLateDays += late
    }
    else t.docsOnTime++
    for (const n of noticesBy.get(m.id) ?? []) {
      if (n.onTime) t.noticesOnTime++
      else t.noticesLate++
    }
    const members = (peopleBy.get(m.id) ?? []).filter((x) => (x.role === 'chair' || x.role === 'member') && !isSubstitute(x.source))
    const memberIds = new Set(members.map((x) => x.userId))
    const recorded = marksBy.get(m.id) ?? []
    const recordedBy = new Map(recorded.map((x) => [x.userId, x]))
    t.convened += members.length
    for (const member of members) {
      const a = recordedBy.get(member.userId)
      if (a && a.state !== 'absent') t.present++
      else if (member.rsvp === 'substituted') t.substituted++
      else if (member.rsvp === 'declined' || a?.state === 'absent') t.excused++
      else t.unexcused++
    }
    t.late += recorded.filter((x) => x.late).length
    t.leftEarly += recorded.filter((x) => x.leftAt).length
    t.readBefore += (readsBy.get(m.id) ?? []).filter((r) => memberIds.has(r.userId) && r.at < m.startsAt.getTime()).length
    const s = spokenBy.get(m.id) ?? []
    t.speeches += s.length
    t.overTime += s.filter((x) => x.limitMs != null && x.spokenMs > x.limitMs).length
    types.set(m.typeId, t)
  }
  return { rows: [...types.entries()].map(([typeId, t]) => ({ typeId, ...t, meetingIds: meetingIds.get(typeId) ?? [] })) }
}

/** Every table of the report, as at the period's end. */
export function reportFigures({ period: p, today }: { period: Period; today?: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  today ??= vietnamDate(now)
  const { idsOf: _ids, ...tasksPart } = taskTables({ period: p, today }, { db })
  return { period: p, tasks: tasksPart, programme: programmeTable({ period: p, today }, { db }), discipline: disciplineTable({ period: p }, { db }) }
}
export type ReportFigures = ReturnType<typeof reportFigures>

/** Unit names for the scope selector. */
export function reportUnits(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ id: units.id, name: units.name }).from(units).where(eq(units.active, true)).orderBy(asc(units.name)).all()
}
