import { asc, eq, inArray } from 'drizzle-orm'
import { bucketOf, deriveStandingTaskStatus, deriveTaskStatus, type ReportingCycle, type TaskBucket, type TaskStatus } from './task-status'
import { byUnitOrder } from '~/features/dashboard/index.server'
import { type DBOrTx } from '#db/client'
import { conclusions, dataVersions, meetings, tasks, units } from '#db/schema/index'
import { reportDatesOf } from './tasks.server'
import { type Context, contextOf } from '~/core/context'

/**
 * The task follow-up read model: what every task's bucket depends on, for every task, kept in
 * memory. The dashboards' four buckets, their by-unit table and the ids of a page of tasks are
 * computed from it (a pass over ~30,000 small objects: about a millisecond) instead of an SQL
 * aggregate over all tasks per request (tens of milliseconds).
 *
 * Kept true in two ways: the tasks model's `task.updated` event reloads the one task it names
 * (`refreshTasks`), and every read compares the `tasks` data version — bumped by triggers on
 * tasks, task_events and units, whoever writes — with the one the index was built or last
 * refreshed at; any other writer (a seed, a test, another process) makes the next read rebuild it.
 */
export type TaskFacts = {
  id: number
  leadUnitId: number
  coordinatingUnitIds: number[]
  followingLeaderId: number | null
  meetingId: number
  deadline: string | null
  originalDeadline: string | null
  completedOn: string | null
  progress: number
  standingCycle: ReportingCycle | null
  startedOn: string
  /** Days (Asia/Ho_Chi_Minh) of progress/obstacle reports: standing tasks only. */
  reportDates: string[]
}

export type TaskScope = { kind: 'body'; id: 0 } | { kind: 'unit' | 'leader' | 'meeting'; id: number }
export type BucketCounts = Record<TaskBucket, number>
export type ScopeCounts = { total: BucketCounts; byUnit: { unitId: number; unitName: string; counts: BucketCounts }[] }

/** A scope's counts as kept: by unit in a map, the sorted table made when read. */
type Tally = { scope: TaskScope; total: BucketCounts; byUnit: Map<number, BucketCounts>; table: ScopeCounts | null }

type Index = {
  dataVersion: number
  facts: Map<number, TaskFacts>
  unitNames: Map<number, string>
  /** Derived status per task for `today` (cleared when the day changes). */
  today: string
  statuses: Map<number, { status: TaskStatus; daysOverdue: number }>
  /** Every task in the lists' order (dated by deadline, then standing; each by id), built on demand. */
  ordered: TaskFacts[] | null
  sorted: boolean
  /** Counts per scope for `today`, cleared on every change of the index. */
  counts: Map<string, Tally>
  /** Bumped on every change of the index (a task, a rebuild, a new day): derived caches key on it. */
  generation: number
}

// One index per database per process: the production server loads app modules twice (its own
// sources for the socket publisher, the Remix build for pages), and both must share it.
const shared = globalThis as unknown as { __nghisuTaskIndex?: { indexes: WeakMap<object, Index>; generations: number } }
const state = (shared.__nghisuTaskIndex ??= { indexes: new WeakMap(), generations: 0 })
const indexes = state.indexes
const nextGeneration = () => ++state.generations
const emptyCounts = (): BucketCounts => ({ done_on_time: 0, done_late: 0, open_within: 0, open_overdue: 0 })

function dataVersionOf(db: DBOrTx) {
  return db.select({ v: dataVersions.version }).from(dataVersions).where(eq(dataVersions.name, 'tasks')).get()?.v ?? 0
}

function loadFacts(db: DBOrTx, ids?: number[]) {
  const rows = db
    .select({
      id: tasks.id,
      leadUnitId: tasks.leadUnitId,
      coordinatingUnitIds: tasks.coordinatingUnitIds,
      followingLeaderId: tasks.followingLeaderId,
      meetingId: conclusions.meetingId,
      deadline: tasks.deadline,
      originalDeadline: tasks.originalDeadline,
      completedOn: tasks.completedOn,
      progress: tasks.progress,
      standingCycle: tasks.standingCycle,
      startedOn: tasks.startedOn,
    })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .where(ids ? inArray(tasks.id, ids) : undefined)
    .all()
  const reports = reportDatesOf({ taskIds: rows.filter((r) => !r.deadline).map((r) => r.id) }, { db })
  return rows.map((r): TaskFacts => ({ ...r, reportDates: reports.get(r.id) ?? [] }))
}

function build(db: DBOrTx, today: string): Index {
  const dataVersion = dataVersionOf(db)
  const facts = new Map(loadFacts(db).map((f) => [f.id, f]))
  const unitNames = new Map(db.select({ id: units.id, name: units.name }).from(units).all().map((u) => [u.id, u.name]))
  return { dataVersion, facts, unitNames, today, ordered: null, sorted: false, statuses: new Map(), counts: new Map(), generation: nextGeneration() }
}

/** The index of this database, rebuilt when someone else wrote since, with statuses for `today`. */
function indexOf(db: DBOrTx, today: string) {
  let index = indexes.get(db)
  if (!index || index.dataVersion !== dataVersionOf(db)) {
    index = build(db, today)
    indexes.set(db, index)
  }
  if (index.today !== today) {
    index.today = today
    index.statuses.clear()
    index.counts.clear()
    index.generation = nextGeneration()
  }
  return index
}

/**
 * Reloads the named tasks after the tasks model changed them (called on `task.updated`, right
 * after the commit). Returns the scopes the tasks were in before or are in now (the rooms whose
 * view changed) and their lead units before and after (the by-unit rows that changed).
 */
export function refreshTasks({ taskIds }: { taskIds: number[] }, ctx: Partial<Context> = {}): { scopes: TaskScope[]; leadUnitIds: number[] } {
  const { db } = contextOf(ctx)
  const index = indexes.get(db)
  const before = taskIds.map((id) => index?.facts.get(id)).filter((f): f is TaskFacts => !!f)
  const after = loadFacts(db, taskIds)
  if (index) {
    // The counts already made are adjusted (the old facts out, the new in), not recounted.
    const adjust = (f: TaskFacts, by: 1 | -1) => {
      const bucket = bucketOf(statusIn(index, f).status)
      for (const tally of index.counts.values()) {
        if (!inScope(f, tally.scope)) continue
        tally.total[bucket] += by
        let c = tally.byUnit.get(f.leadUnitId)
        if (!c) tally.byUnit.set(f.leadUnitId, (c = emptyCounts()))
        c[bucket] += by
        if (Object.values(c).every((n) => n === 0)) tally.byUnit.delete(f.leadUnitId)
        tally.table = null
      }
    }
    for (const f of before) adjust(f, -1)
    for (const id of taskIds) {
      index.facts.delete(id)
      index.statuses.delete(id)
    }
    for (const f of after) {
      index.facts.set(f.id, f)
      adjust(f, 1)
    }
    // Keep the old order with the changed tasks moved to the end: nearly sorted, so re-sorting
    // it on the next read is close to a single pass.
    if (index.ordered) {
      const changed = new Set(taskIds)
      index.ordered = [...index.ordered.filter((f) => !changed.has(f.id)), ...after]
      index.sorted = false
    }
    index.generation = nextGeneration()
    index.dataVersion = dataVersionOf(db)
  }
  const scopes = new Map<string, TaskScope>()
  for (const f of [...before, ...after]) for (const s of scopesOf(f)) scopes.set(`${s.kind}:${s.id}`, s)
  return { scopes: [...scopes.values()], leadUnitIds: [...new Set([...before, ...after].map((f) => f.leadUnitId))] }
}

/** The scopes a task appears in: the body, each of its units, its following leader, its meeting. */
function scopesOf(f: Pick<TaskFacts, 'leadUnitId' | 'coordinatingUnitIds' | 'followingLeaderId' | 'meetingId'>): TaskScope[] {
  const list: TaskScope[] = [{ kind: 'body', id: 0 }, { kind: 'unit', id: f.leadUnitId }, ...f.coordinatingUnitIds.map((id) => ({ kind: 'unit' as const, id })), { kind: 'meeting', id: f.meetingId }]
  if (f.followingLeaderId) list.push({ kind: 'leader', id: f.followingLeaderId })
  return list
}

export function inScope(f: TaskFacts, scope: TaskScope) {
  switch (scope.kind) {
    case 'body':
      return true
    case 'unit':
      return f.leadUnitId === scope.id || f.coordinatingUnitIds.includes(scope.id)
    case 'leader':
      return f.followingLeaderId === scope.id
    case 'meeting':
      return f.meetingId === scope.id
  }
}

function statusIn(index: Index, f: TaskFacts) {
  let s = index.statuses.get(f.id)
  if (!s) {
    s = f.deadline
      ? deriveTaskStatus({ deadline: f.deadline, originalDeadline: f.originalDeadline ?? undefined, completedOn: f.completedOn, progress: f.progress }, index.today)
      : (({ status, daysOverdue }) => ({ status, daysOverdue }))(deriveStandingTaskStatus({ startedOn: f.startedOn, cycle: f.standingCycle ?? 'quarter', reportDates: f.reportDates }, index.today))
    index.statuses.set(f.id, s)
  }
  return s
}

/** The four buckets in total and by lead unit for a scope, as of `today`. */
export function scopeCounts({ scope, today }: { scope: TaskScope; today: string }, ctx: Partial<Context> = {}): ScopeCounts {
  const { db } = contextOf(ctx)
  const index = indexOf(db, today)
  const key = `${scope.kind}:${scope.id}`
  let tally = index.counts.get(key)
  if (!tally) {
    tally = { scope, total: emptyCounts(), byUnit: new Map(), table: null }
    for (const f of index.facts.values()) {
      if (!inScope(f, scope)) continue
      const bucket = bucketOf(statusIn(index, f).status)
      tally.total[bucket]++
      let c = tally.byUnit.get(f.leadUnitId)
      if (!c) tally.byUnit.set(f.leadUnitId, (c = emptyCounts()))
      c[bucket]++
    }
    index.counts.set(key, tally)
  }
  tally.table ??= {
    total: { ...tally.total },
    byUnit: [...tally.byUnit].map(([unitId, counts]) => ({ unitId, unitName: index.unitNames.get(unitId) ?? '', counts: { ...counts } })).sort(byUnitOrder),
  }
  return tally.table
}

const listOrder = (a: TaskFacts, b: TaskFacts) =>
  a.deadline === b.deadline ? a.id - b.id : a.deadline === null ? 1 : b.deadline === null ? -1 : a.deadline < b.deadline ? -1 : 1

function ordered(index: Index) {
  if (!index.ordered) index.ordered = [...index.facts.values()]
  if (!index.sorted) {
    index.ordered.sort(listOrder)
    index.sorted = true
  }
  return index.ordered
}

/**
 * The ids of one page of a scope's tasks (optionally one bucket), in the lists' order: dated
 * tasks by deadline, then standing tasks, each by id. Stops reading once the page is full.
 */
export function scopeTaskIds({ scope, options, today }: { scope: TaskScope; options: { bucket?: TaskBucket; offset: number; limit: number }; today: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const index = indexOf(db, today)
  const ids: number[] = []
  let skip = options.offset
  for (const f of ordered(index)) {
    if (!inScope(f, scope)) continue
    if (options.bucket && bucketOf(statusIn(index, f).status) !== options.bucket) continue
    if (skip > 0) {
      skip--
      continue
    }
    ids.push(f.id)
    if (ids.length >= options.limit) break
  }
  return ids
}

/** Those of `ids` that belong to the scope (what a room of that scope may be told about). */
export function idsInScope({ ids, scope, today }: { ids: number[]; scope: TaskScope; today: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const index = indexOf(db, today)
  return ids.filter((id) => {
    const f = index.facts.get(id)
    return f ? inScope(f, scope) : false
  })
}

/** What a task list shows of each task, in the order of `ids`, with its status today. */
export function taskRows({ ids, today }: { ids: number[]; today: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  if (!ids.length) return []
  const index = indexOf(db, today)
  const rows = db
    .select({
      id: tasks.id,
      content: tasks.content,
      leadUnitId: tasks.leadUnitId,
      leadUnitName: units.name,
      deadline: tasks.deadline,
      originalDeadline: tasks.originalDeadline,
      standingCycle: tasks.standingCycle,
      progress: tasks.progress,
      completedOn: tasks.completedOn,
      completionDeclaredOn: tasks.completionDeclaredOn,
      numberFormatted: conclusions.numberFormatted,
      meetingId: conclusions.meetingId,
      meetingTitle: meetings.title,
    })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(inArray(tasks.id, ids))
    .orderBy(asc(tasks.id))
    .all()
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    const f = index.facts.get(id)
    if (!row || !f) return []
    const s = statusIn(index, f)
    return [{ ...row, status: s.status, daysOverdue: s.daysOverdue, bucket: bucketOf(s.status) }]
  })
}
export type TaskRow = ReturnType<typeof taskRows>[number]

/** Identifies the index's current state for `today`: equal generations mean equal derived results. */
export function taskIndexGeneration({ today }: { today: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return indexOf(db, today).generation
}
