import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import { z } from '~/core/zod'
import { events } from '~/core/events.server'
import { DomainError } from '~/core/errors'
import { bucketOf, deriveStandingTaskStatus, deriveTaskStatus, statusesOfBucket, type TaskBucket, type TaskStatus } from './task-status'
import { vietnamDate } from '~/core/days'
import type { completionSchema, contributionSchema, decisionSchema, extensionRequestSchema, progressSchema, reassignSchema } from './schemas'
import { type DBOrTx } from '#db/client'
import { conclusions, files, meetings, taskEventFiles, taskEvents, taskUnits, tasks, units, userRoles, users } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { recordFiles, type StoredFile } from '~/core/files.server'
import { can, hasRole } from '~/core/permissions.server'
import { type TaskAccess } from './permissions.server'
import type { SessionUser } from '~/features/directory/index.server'
import { notify } from '~/features/notifications/index.server'
import { unitOfficers } from '~/features/directory/index.server'
import { findById } from '~/core/schemas'
import type { Actor, AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

type Task = typeof tasks.$inferSelect
type EventKind = (typeof taskEvents.$inferInsert)['kind']

/** What a task block in an issued conclusion says (validated before issuing). */
export type TaskBlock = {
  blockId: string
  content: string
  leadUnitId: number
  coordinatingUnitIds: number[]
  deadline: string | null
  standingCycle: 'month' | 'quarter' | 'half_year' | 'year' | null
  followingLeaderId: number | null
}

/** Creates the tasks of a conclusion being issued, inside the issuing transaction. */
export function createTasks({ conclusionId, blocks, issuedOn }: { conclusionId: number; blocks: TaskBlock[]; issuedOn: string }, ctx: Partial<Context> = {}) {
  const { db: tx, now } = contextOf(ctx)
  return blocks.map((b, i) => {
    if (!b.deadline && !b.standingCycle) throw new DomainError('task.deadlineRequired', 'invalid', b.blockId)
    return tx
      .insert(tasks)
      .values({
        conclusionId,
        position: i + 1,
        blockId: b.blockId,
        content: b.content,
        leadUnitId: b.leadUnitId,
        coordinatingUnitIds: b.coordinatingUnitIds.filter((u) => u !== b.leadUnitId),
        deadline: b.deadline,
        standingCycle: b.standingCycle,
        followingLeaderId: b.followingLeaderId,
        startedOn: issuedOn,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: tasks.id })
      .get().id
  }).map((id, i) => {
    setTaskUnits({ taskId: id, leadUnitId: blocks[i]!.leadUnitId, coordinatingUnitIds: blocks[i]!.coordinatingUnitIds }, { db: tx })
    return id
  })
}

/** The tasks a notice assigned, by the block of the notice each came from (what a correction must keep). */
export function tasksOfConclusion({ conclusionId }: { conclusionId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ id: tasks.id, blockId: tasks.blockId }).from(tasks).where(eq(tasks.conclusionId, conclusionId)).all()
}

/**
 * The tasks of a notice being issued, inside the issuing transaction. A block new to the notice
 * becomes a task; with `correcting` (the notice it supersedes), a block that was already a task of
 * that notice carries the task over to the new one — content, units and deadline as now written,
 * the first deadline kept for reporting — with a `corrected` event saying why.
 */
export function issueTasks(
  { conclusionId, blocks, issuedOn, correcting }: { conclusionId: number; blocks: TaskBlock[]; issuedOn: string; correcting?: { conclusionId: number; actorId: number; note: string } },
  ctx: Partial<Context> = {},
) {
  const { db: tx, now } = contextOf(ctx)
  const previous = correcting ? tx.select().from(tasks).where(eq(tasks.conclusionId, correcting.conclusionId)).all() : []
  const byBlock = new Map(previous.map((t) => [t.blockId, t]))
  const createdIds = createTasks({ conclusionId, blocks: blocks.filter((b) => !byBlock.has(b.blockId)), issuedOn }, { db: tx, now })
  const carriedIds: number[] = []
  blocks.forEach((next, i) => {
    const old = byBlock.get(next.blockId)
    if (!old || !correcting) return
    const deadlineChanged = old.deadline !== next.deadline
    tx.update(tasks)
      .set({
        conclusionId,
        position: i + 1,
        content: next.content,
        leadUnitId: next.leadUnitId,
        coordinatingUnitIds: next.coordinatingUnitIds.filter((u) => u !== next.leadUnitId),
        deadline: next.deadline,
        originalDeadline: deadlineChanged ? (old.originalDeadline ?? old.deadline) : old.originalDeadline,
        standingCycle: next.standingCycle,
        followingLeaderId: next.followingLeaderId,
        updatedAt: now,
      })
      .where(eq(tasks.id, old.id))
      .run()
    setTaskUnits({ taskId: old.id, leadUnitId: next.leadUnitId, coordinatingUnitIds: next.coordinatingUnitIds }, { db: tx })
    tx.insert(taskEvents).values({ taskId: old.id, kind: 'corrected', actorId: correcting.actorId, at: now, text: correcting.note, fromValue: old.deadline, toValue: next.deadline }).run()
    carriedIds.push(old.id)
  })
  return { createdIds, carriedIds }
}

/** Keeps `task_units` (the unit index of tasks) in step with a task's lead and coordinating units. */
export function setTaskUnits({ taskId, leadUnitId, coordinatingUnitIds }: { taskId: number; leadUnitId: number; coordinatingUnitIds: number[] }, ctx: Partial<Context> = {}) {
  const { db: tx } = contextOf(ctx)
  tx.delete(taskUnits).where(eq(taskUnits.taskId, taskId)).run()
  tx.insert(taskUnits).values(taskUnitRows(taskId, leadUnitId, coordinatingUnitIds)).run()
}

/** The `task_units` rows of a task: its lead, then each other coordinating unit once. */
export function taskUnitRows(taskId: number, leadUnitId: number, coordinatingUnitIds: number[]) {
  return [{ taskId, unitId: leadUnitId, lead: true }, ...[...new Set(coordinatingUnitIds)].filter((u) => u !== leadUnitId).map((unitId) => ({ taskId, unitId, lead: false }))]
}

/** Pick<Actor, 'id' | 'unitId' | 'ip'> leads, coordinates, follows and chaired: what the permission rules need about a task. */
export function taskAccess({ taskId }: { taskId: number }, ctx: Partial<Context> = {}): TaskAccess | null {
  const { db } = contextOf(ctx)
  const row = db
    .select({ leadUnitId: tasks.leadUnitId, coordinatingUnitIds: tasks.coordinatingUnitIds, followingLeaderId: tasks.followingLeaderId, chairUserId: meetings.chairUserId })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
    .where(eq(tasks.id, taskId))
    .get()
  return row ?? null
}

/** The status a task has today, derived from its dates and reports (never stored). */
function statusOfTask(task: Task, reportDates: string[], today: string): { status: TaskStatus; daysOverdue: number } {
  if (task.standingCycle && !task.deadline) {
    const s = deriveStandingTaskStatus({ startedOn: task.startedOn, cycle: task.standingCycle, reportDates }, today)
    return { status: s.status, daysOverdue: s.daysOverdue }
  }
  return deriveTaskStatus({ deadline: task.deadline!, originalDeadline: task.originalDeadline ?? undefined, completedOn: task.completedOn, progress: task.progress }, today)
}

/** Applies a change to a task and records it: one transaction, an event in the task's history, an audit row. */
function change(
  taskId: number,
  actor: AuditActor & { unitId?: number | null },
  kind: EventKind,
  mutate: (task: Task) => { set?: Partial<Task>; event?: { percent?: number; text?: string | null; fromValue?: string | null; toValue?: string | null } },
  db: DBOrTx,
  now: Date,
  attachments: StoredFile[] = [],
) {
  const unitIds = db.transaction((tx) => {
    const task = tx.select().from(tasks).where(eq(tasks.id, taskId)).get()
    if (!task) throw new DomainError('task.notFound', 'not_found')
    const { set, event } = mutate(task)
    if (set) tx.update(tasks).set({ ...set, updatedAt: now }).where(eq(tasks.id, taskId)).run()
    if (set?.leadUnitId !== undefined || set?.coordinatingUnitIds !== undefined)
      setTaskUnits({ taskId, leadUnitId: set.leadUnitId ?? task.leadUnitId, coordinatingUnitIds: set.coordinatingUnitIds ?? task.coordinatingUnitIds }, { db: tx })
    const eventId = tx
      .insert(taskEvents)
      .values({ taskId, kind, actorId: actor.id!, unitId: actor.unitId ?? null, at: now, percent: event?.percent ?? null, text: event?.text ?? null, fromValue: event?.fromValue ?? null, toValue: event?.toValue ?? null })
      .returning({ id: taskEvents.id })
      .get().id
    if (attachments.length) {
      recordFiles(tx, attachments, now)
      tx.insert(taskEventFiles).values(attachments.map((f) => ({ taskEventId: eventId, sha256: f.sha256, name: f.name, uploadedBy: actor.id! }))).run()
    }
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: `task.${kind}`, entityType: 'task', entityId: taskId, after: { ...event, ...(set ? { set } : {}) } })
    const notified = notifyTaskEvent(tx, { ...task, ...(set ?? {}) }, kind, actor.id, event?.text ?? null, now)
    return { unitIds: [...new Set([task.leadUnitId, set?.leadUnitId ?? task.leadUnitId, ...task.coordinatingUnitIds])], notified }
  })
  events.emit('task.updated', { taskId, unitIds: unitIds.unitIds })
  if (unitIds.notified.userIds.length) {
    events.emit('notification.created', { userIds: unitIds.notified.userIds })
    events.emit('notification.email', { notificationIds: unitIds.notified.ids })
  }
}

/** Whose move it is after a task event: the leaders and the Office decide requests; the lead unit hears decisions; the following leader (else the chair) follows reports. */
const DECIDERS = new Set<EventKind>(['extension_requested', 'completion_declared', 'obstacle'])
const TO_LEAD_UNIT = new Set<EventKind>(['extension_approved', 'extension_rejected', 'completion_accepted', 'completion_returned', 'lead_reassigned', 'contribution'])
/** The task events someone is told about (their wording: app/i18n/notices.ts, `task.<kind>`). */
const NOTIFIED: ReadonlySet<EventKind> = new Set<EventKind>(['progress', 'obstacle', 'contribution', 'extension_requested', 'extension_approved', 'extension_rejected', 'completion_declared', 'completion_accepted', 'completion_returned', 'lead_reassigned'])

function notifyTaskEvent(tx: DBOrTx, task: Task, kind: EventKind, actorId: number | null, text: string | null, now: Date): { userIds: number[]; ids: number[] } {
  if (!NOTIFIED.has(kind)) return { userIds: [], ids: [] }
  const chair = tx.select({ chair: meetings.chairUserId }).from(conclusions).innerJoin(meetings, eq(meetings.id, conclusions.meetingId)).where(eq(conclusions.id, task.conclusionId)).get()?.chair ?? null
  const officersOf = (unitId: number) => unitOfficers({ unitIds: [unitId] }, { db: tx }).map((u) => u.id)
  const office = () => tx.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'office'))).where(eq(users.active, true)).all().map((u) => u.id)
  const to = new Set<number>()
  if (DECIDERS.has(kind)) [chair, task.followingLeaderId, ...office()].forEach((id) => id && to.add(id))
  else if (TO_LEAD_UNIT.has(kind)) officersOf(task.leadUnitId).forEach((id) => to.add(id))
  else (task.followingLeaderId ? [task.followingLeaderId] : chair ? [chair] : []).forEach((id) => to.add(id))
  if (actorId) to.delete(actorId)
  if (!to.size) return { userIds: [], ids: [] }
  const ids = notify([...to].map((userId) => ({ userId, kind: `task.${kind}`, params: { content: task.content.slice(0, 200), text: text ? text.slice(0, 500) : '' }, link: `/tasks/${task.id}` })), { db: tx, now })
  return { userIds: [...to], ids }
}

/**
 * What waits for this person's decision: extension requests and declared completions (and reported
 * obstacles) of open tasks they decide on — every task for the Office, those they chaired or follow
 * for a chair.
 */
export function tasksAwaitingDecision({ user, limit = 50 }: { user: Pick<SessionUser, 'id' | 'roles' | 'unitId'>; limit?: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  // The same rule as canDecideOnTask, as a query: the Office decides on every task, a chair on those they chaired or follow.
  const office = can(user, 'meetings.manage')
  if (!office && !hasRole(user, 'chair')) return []
  return db
    .select({ id: tasks.id, content: tasks.content, deadline: tasks.deadline, pendingDeadline: tasks.pendingDeadline, completionDeclaredOn: tasks.completionDeclaredOn, leadUnitName: units.name })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(
      and(
        sql`${tasks.completedOn} is null and (${tasks.pendingDeadline} is not null or ${tasks.completionDeclaredOn} is not null)`,
        office ? undefined : sql`(${meetings.chairUserId} = ${user.id} or ${tasks.followingLeaderId} = ${user.id})`,
      ),
    )
    .orderBy(asc(tasks.deadline))
    .limit(limit)
    .all()
}

const actorOf = (who: Pick<Actor, 'id' | 'unitId' | 'ip'>) => ({ id: who.id, ip: who.ip ?? null, unitId: who.unitId })

function assertOpen(task: Task) {
  if (task.completedOn) throw new DomainError('task.alreadyCompleted', 'conflict')
}

/** The lead unit reports progress (or an obstacle needing the leader's decision). */
export function postProgress({ taskId, who, input, attachments = [] }: { taskId: number; who: Pick<Actor, 'id' | 'unitId' | 'ip'>; input: z.infer<typeof progressSchema>; attachments?: StoredFile[] }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  change(taskId, actorOf(who), input.obstacle ? 'obstacle' : 'progress', (task) => {
    assertOpen(task)
    return { set: { progress: input.percent }, event: { percent: input.percent, text: input.text } }
  }, db, now, attachments)
}

/** A coordinating unit's contribution: recorded, status untouched. */
export function addContribution({ taskId, who, input, attachments = [] }: { taskId: number; who: Pick<Actor, 'id' | 'unitId' | 'ip'>; input: z.infer<typeof contributionSchema>; attachments?: StoredFile[] }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  change(taskId, actorOf(who), 'contribution', () => ({ event: { text: input.text } }), db, now, attachments)
}

export function requestExtension({ taskId, who, input }: { taskId: number; who: Pick<Actor, 'id' | 'unitId' | 'ip'>; input: z.infer<typeof extensionRequestSchema> }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  change(taskId, actorOf(who), 'extension_requested', (task) => {
    assertOpen(task)
    if (!task.deadline) throw new DomainError('task.standingNoExtension', 'invalid', 'newDeadline')
    if (task.pendingDeadline) throw new DomainError('task.extensionPending', 'conflict', 'newDeadline')
    if (input.newDeadline <= task.deadline) throw new DomainError('task.extensionNotLater', 'invalid', 'newDeadline')
    return { set: { pendingDeadline: input.newDeadline }, event: { text: input.reason, fromValue: task.deadline, toValue: input.newDeadline } }
  }, db, now)
}

/** Approving moves the deadline and keeps the original for reporting; rejecting needs a reason. */
export function decideExtension({ taskId, who, input }: { taskId: number; who: Pick<Actor, 'id' | 'unitId' | 'ip'>; input: z.infer<typeof decisionSchema> }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  change(taskId, actorOf(who), input.approve ? 'extension_approved' : 'extension_rejected', (task) => {
    if (!task.pendingDeadline) throw new DomainError('task.noExtensionPending', 'conflict')
    const event = { text: input.reason ?? null, fromValue: task.deadline, toValue: task.pendingDeadline }
    if (!input.approve) return { set: { pendingDeadline: null }, event }
    return { set: { deadline: task.pendingDeadline, originalDeadline: task.originalDeadline ?? task.deadline, pendingDeadline: null }, event }
  }, db, now)
}

export function declareCompletion({ taskId, who, input, attachments = [] }: { taskId: number; who: Pick<Actor, 'id' | 'unitId' | 'ip'>; input: z.infer<typeof completionSchema>; attachments?: StoredFile[] }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  change(taskId, actorOf(who), 'completion_declared', (task) => {
    assertOpen(task)
    if (input.completedOn > vietnamDate(now)) throw new DomainError('task.completionInFuture', 'invalid', 'completedOn')
    return { set: { completionDeclaredOn: input.completedOn }, event: { text: input.text, toValue: input.completedOn } }
  }, db, now, attachments)
}

/** Accepting fixes the completion date (on time or late follows from it); returning needs a reason. */
export function decideCompletion({ taskId, who, input }: { taskId: number; who: Pick<Actor, 'id' | 'unitId' | 'ip'>; input: z.infer<typeof decisionSchema> }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  change(taskId, actorOf(who), input.approve ? 'completion_accepted' : 'completion_returned', (task) => {
    if (!task.completionDeclaredOn) throw new DomainError('task.noCompletionDeclared', 'conflict')
    const event = { text: input.reason ?? null, toValue: task.completionDeclaredOn }
    if (!input.approve) return { set: { completionDeclaredOn: null }, event }
    return { set: { completedOn: task.completionDeclaredOn, progress: 100 }, event }
  }, db, now)
}

/** The chair gives the task another lead unit; a task is never without one. */
export function reassignLead({ taskId, who, input }: { taskId: number; who: Pick<Actor, 'id' | 'unitId' | 'ip'>; input: z.infer<typeof reassignSchema> }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  if (!db.select({ id: units.id }).from(units).where(and(eq(units.id, input.leadUnitId), eq(units.active, true))).get())
    throw new DomainError('unit.notFound', 'invalid', 'leadUnitId')
  change(taskId, actorOf(who), 'lead_reassigned', (task) => {
    if (task.leadUnitId === input.leadUnitId) throw new DomainError('task.sameLead', 'invalid', 'leadUnitId')
    return {
      set: { leadUnitId: input.leadUnitId, coordinatingUnitIds: task.coordinatingUnitIds.filter((u) => u !== input.leadUnitId) },
      event: { text: input.reason, fromValue: String(task.leadUnitId), toValue: String(input.leadUnitId) },
    }
  }, db, now)
}

/** A task with its history and its status today. */
export function getTask({ taskId, today }: { taskId: number; today?: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  today ??= vietnamDate(now)
  const task = db.select().from(tasks).where(eq(tasks.id, taskId)).get()
  if (!task) return null
  const events = db.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(asc(taskEvents.at), asc(taskEvents.id)).all()
  const attached = events.length
    ? db
        .select({ id: taskEventFiles.id, taskEventId: taskEventFiles.taskEventId, name: taskEventFiles.name, size: files.size, mime: files.mime })
        .from(taskEventFiles)
        .innerJoin(files, eq(files.sha256, taskEventFiles.sha256))
        .where(inArray(taskEventFiles.taskEventId, events.map((e) => e.id)))
        .orderBy(asc(taskEventFiles.id))
        .all()
    : []
  const history = events.map((e) => ({ ...e, files: attached.filter((f) => f.taskEventId === e.id).map(({ taskEventId: _, ...f }) => f) }))
  const reportDates = history.filter((e) => e.kind === 'progress' || e.kind === 'obstacle').map((e) => vietnamDate(e.at))
  const derived = statusOfTask(task, reportDates, today)
  const source = db
    .select({ meetingId: conclusions.meetingId, meetingTitle: meetings.title, numberFormatted: conclusions.numberFormatted, leadUnitName: units.name })
    .from(conclusions)
    .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
    .innerJoin(units, eq(units.id, task.leadUnitId))
    .where(eq(conclusions.id, task.conclusionId))
    .get()!
  return { ...task, ...source, ...derived, bucket: bucketOf(derived.status), history }
}

export type TaskFilter = {
  unitId?: number
  meetingId?: number
  leaderId?: number
  status?: TaskStatus
  bucket?: TaskBucket
  deadlineFrom?: string
  deadlineTo?: string
  /**
   * Only what this person may see (the rule of `canViewTask`, in SQL): their unit's tasks (lead
   * or coordinating), those they follow, those of meetings they chaired. Omit for those who oversee.
   */
  viewer?: { userId: number; unitId: number | null }
}

/**
 * The status of a dated task, in SQL: the same rule as `deriveTaskStatus` (the deadline day is
 * within the deadline; completion on it is on time), so filters and counts run in the database.
 * Standing tasks (no deadline) report per cycle and are derived in code.
 */
function taskStatusSql(today: string) {
  return sql<TaskStatus>`(case when ${tasks.completedOn} is not null then (case when ${tasks.completedOn} <= ${tasks.deadline} then 'done_on_time' else 'done_late' end) when ${tasks.deadline} < ${today} then 'overdue' when ${tasks.progress} > 0 then 'in_progress' else 'not_due' end)`
}

/**
 * Tasks matching the filter (not the status: see `statusCondition`). Tasks exist only for issued
 * notices (they are created when a notice is issued, and a correction moves them to the notice
 * that supersedes it), so no join is needed to leave drafts out.
 */
function scopeConditions(filter: TaskFilter) {
  const ofUnit = (unitId: number) => sql`${tasks.id} in (select ${taskUnits.taskId} from ${taskUnits} where ${taskUnits.unitId} = ${unitId})`
  return and(
    filter.meetingId ? sql`${tasks.conclusionId} in (select ${conclusions.id} from ${conclusions} where ${conclusions.meetingId} = ${filter.meetingId})` : undefined,
    filter.leaderId ? eq(tasks.followingLeaderId, filter.leaderId) : undefined,
    filter.unitId ? ofUnit(filter.unitId) : undefined,
    filter.deadlineFrom ? gte(tasks.deadline, filter.deadlineFrom) : undefined,
    filter.deadlineTo ? lte(tasks.deadline, filter.deadlineTo) : undefined,
    filter.viewer
      ? sql`(${tasks.followingLeaderId} = ${filter.viewer.userId} or ${tasks.conclusionId} in (select ${conclusions.id} from ${conclusions} inner join ${meetings} on ${meetings.id} = ${conclusions.meetingId} where ${meetings.chairUserId} = ${filter.viewer.userId})${
          filter.viewer.unitId ? sql` or ${ofUnit(filter.viewer.unitId)}` : sql``
        })`
      : undefined,
  )
}

/** Standing tasks always pass (their status is derived afterwards); dated ones are filtered here. */
function statusCondition(filter: TaskFilter, today: string) {
  const wanted = filter.status ? [filter.status] : filter.bucket ? statusesOfBucket[filter.bucket] : null
  if (!wanted) return undefined
  return sql`(${tasks.deadline} is null or ${taskStatusSql(today)} in (${sql.join(wanted.map((w) => sql`${w}`), sql`, `)}))`
}

/** The days (Asia/Ho_Chi_Minh) of each task's progress and obstacle reports, read 500 tasks at a time. */
export function reportDatesOf({ taskIds }: { taskIds: number[] }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const reports = new Map<number, string[]>()
  for (let i = 0; i < taskIds.length; i += 500) {
    const chunk = taskIds.slice(i, i + 500)
    for (const e of db.select({ taskId: taskEvents.taskId, at: taskEvents.at }).from(taskEvents).where(and(inArray(taskEvents.taskId, chunk), inArray(taskEvents.kind, ['progress', 'obstacle']))).all()) {
      const list = reports.get(e.taskId)
      if (list) list.push(vietnamDate(e.at))
      else reports.set(e.taskId, [vietnamDate(e.at)])
    }
  }
  return reports
}

/**
 * Tasks with their status today, filtered in SQL. `unitId` keeps those the unit leads or
 * coordinates. `limit`/`offset` page through them: dated tasks by deadline (read in the order of
 * the deadline index, so a page costs the page), then standing tasks.
 */
export function listTasks({ filter = {}, today }: { filter?: TaskFilter & { limit?: number; offset?: number }; today?: string } = {}, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  today ??= vietnamDate(now)
  const select = () =>
    db
      .select({ task: tasks, meetingId: conclusions.meetingId, meetingTitle: meetings.title, chairUserId: meetings.chairUserId, numberFormatted: conclusions.numberFormatted, leadUnitName: units.name })
      .from(tasks)
      .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
      .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
      .innerJoin(units, eq(units.id, tasks.leadUnitId))
  const datedWhere = and(scopeConditions(filter), statusCondition(filter, today), sql`${tasks.deadline} is not null`)
  const standingWhere = and(scopeConditions(filter), sql`${tasks.deadline} is null`)
  const offset = filter.offset ?? 0
  let rows
  if (!filter.limit) {
    rows = [...select().where(datedWhere).orderBy(asc(tasks.deadline), asc(tasks.id)).all(), ...select().where(standingWhere).orderBy(asc(tasks.id)).all()]
  } else {
    rows = select().where(datedWhere).orderBy(asc(tasks.deadline), asc(tasks.id)).limit(filter.limit).offset(offset).all()
    if (rows.length < filter.limit) {
      const datedTotal = db.select({ n: sql<number>`count(*)` }).from(tasks).where(datedWhere).get()!.n
      rows.push(...select().where(standingWhere).orderBy(asc(tasks.id)).limit(filter.limit - rows.length).offset(Math.max(0, offset - datedTotal)).all())
    }
  }
  const reports = reportDatesOf({ taskIds: rows.filter((r) => r.task.standingCycle && !r.task.deadline).map((r) => r.task.id) }, { db })
  return rows
    .map((r) => {
      const derived = statusOfTask(r.task, reports.get(r.task.id) ?? [], today)
      return { ...r.task, meetingId: r.meetingId, meetingTitle: r.meetingTitle, chairUserId: r.chairUserId, numberFormatted: r.numberFormatted, leadUnitName: r.leadUnitName, ...derived, bucket: bucketOf(derived.status) }
    })
    .filter((t) => (!filter.status || t.status === filter.status) && (!filter.bucket || t.bucket === filter.bucket))
}

/** The meetings and leaders that occur among the tasks in scope: the choices of the list's filters. */
export function taskFilterOptions({ filter }: { filter: TaskFilter }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const where = scopeConditions({ ...filter, meetingId: undefined, leaderId: undefined })
  const meetingsInScope = db
    .selectDistinct({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
    .where(where)
    .orderBy(sql`${meetings.startsAt} desc`)
    .limit(300)
    .all()
  const leaders = db
    .selectDistinct({ id: users.id, name: users.fullName })
    .from(tasks)
    .innerJoin(users, eq(users.id, tasks.followingLeaderId))
    .where(where)
    .orderBy(asc(users.fullName))
    .all()
  return { meetings: meetingsInScope, leaders }
}

export type BucketCounts = Record<TaskBucket, number>
const emptyCounts = (): BucketCounts => ({ done_on_time: 0, done_late: 0, open_within: 0, open_overdue: 0 })

/**
 * The four buckets (completed on time / late, open within the deadline / overdue), in total and
 * by lead unit. Dated tasks are counted by SQL; standing tasks are derived from their reports.
 */
export function countTasks({ filter = {}, today }: { filter?: TaskFilter; today?: string } = {}, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  today ??= vietnamDate(now)
  const status = taskStatusSql(today)
  const bucket = sql<TaskBucket>`(case ${status} when 'overdue' then 'open_overdue' when 'not_due' then 'open_within' when 'in_progress' then 'open_within' else ${status} end)`
  const dated = db
    .select({ unitId: tasks.leadUnitId, bucket, n: sql<number>`count(*)` })
    .from(tasks)
    .where(and(scopeConditions(filter), sql`${tasks.deadline} is not null`))
    .groupBy(tasks.leadUnitId, bucket)
    .all()
  const standing = db
    .select({ id: tasks.id, leadUnitId: tasks.leadUnitId, standingCycle: tasks.standingCycle, startedOn: tasks.startedOn })
    .from(tasks)
    .where(and(scopeConditions(filter), sql`${tasks.deadline} is null`))
    .all()
  const reports = reportDatesOf({ taskIds: standing.map((s) => s.id) }, { db })
  const rows = [
    ...dated,
    ...standing.map((s) => ({ unitId: s.leadUnitId, bucket: bucketOf(deriveStandingTaskStatus({ startedOn: s.startedOn, cycle: s.standingCycle ?? 'quarter', reportDates: reports.get(s.id) ?? [] }, today).status), n: 1 })),
  ]
  const total = emptyCounts()
  const byUnit = new Map<number, BucketCounts>()
  for (const r of rows) {
    total[r.bucket] += r.n
    const c = byUnit.get(r.unitId) ?? emptyCounts()
    c[r.bucket] += r.n
    byUnit.set(r.unitId, c)
  }
  const names = new Map(byUnit.size ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...byUnit.keys()])).all().map((u) => [u.id, u.name]) : [])
  return {
    total,
    byUnit: [...byUnit].map(([unitId, counts]) => ({ unitId, unitName: names.get(unitId) ?? '', counts })).sort((a, b) => b.counts.open_overdue - a.counts.open_overdue || a.unitName.localeCompare(b.unitName, 'vi')),
  }
}

/** A file attached to one of the task's reports, if it belongs to that task. */
export function taskAttachment({ taskId, attachmentId }: { taskId: number; attachmentId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return (
    db
      .select({ name: taskEventFiles.name, sha256: files.sha256, size: files.size, mime: files.mime })
      .from(taskEventFiles)
      .innerJoin(taskEvents, eq(taskEvents.id, taskEventFiles.taskEventId))
      .innerJoin(files, eq(files.sha256, taskEventFiles.sha256))
      .where(and(eq(taskEventFiles.id, attachmentId), eq(taskEvents.taskId, taskId)))
      .get() ?? null
  )
}

/** A task by the id a page or the API was given: its id and access facts, or not found (the caller authorizes). */
export function findTask(param: string | number | undefined) {
  const { id, found } = findById(param, (taskId) => taskAccess({ taskId }), 'task.notFound')
  return { id, access: found }
}
