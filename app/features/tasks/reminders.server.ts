import { and, eq, gte, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm'
import { events } from '~/core/events.server'
import { vnDate } from '~/features/conclusions/index.server'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { addDays, vietnamDate } from '~/core/days'
import { conclusions, meetings, taskReminders, tasks, units } from '#db/schema/index'
import { notify } from '~/features/notifications/index.server'
import { unitOfficers } from '~/features/directory/index.server'
import { type Context, contextOf } from '~/core/context'

/** Overdue tasks are escalated if their deadline passed within this many days (a server that was down catches up; years-old data is not re-sent). */
const ESCALATION_WINDOW_DAYS = 30

export type ReminderRun = { today: string; sent: { taskId: number; kind: 'before' | 'due' | 'escalated'; userIds: number[] }[] }

/**
 * The daily job for tasks (R5): reminds the lead unit's officers `reminderDays` working days
 * before the deadline and on the day, and escalates to the following leader (or the meeting's
 * chair) once a task is overdue. Each reminder is written to `task_reminders` under a unique
 * (task, kind, deadline) key before it is sent: running the job twice, or after a restart,
 * sends nothing twice. A new deadline (an approved extension) gets its own reminders.
 */
export function runTaskReminders(options: { reminderDays: number }, ctx: Partial<Context> = {}): ReminderRun {
  const { db, now } = contextOf(ctx)
  const today = vietnamDate(now)
  const calendar = getWorkingCalendar({ db: db })
  const horizon = calendar.addWorkingDays(today, options.reminderDays)
  const open = and(eq(conclusions.status, 'issued'), isNull(tasks.completedOn), isNotNull(tasks.deadline))
  const columns = { id: tasks.id, content: tasks.content, deadline: tasks.deadline, leadUnitId: tasks.leadUnitId, followingLeaderId: tasks.followingLeaderId, chairUserId: meetings.chairUserId, unitName: units.name }
  const base = () => db.select(columns).from(tasks).innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId)).innerJoin(meetings, eq(meetings.id, conclusions.meetingId)).innerJoin(units, eq(units.id, tasks.leadUnitId))
  const upcoming = base().where(and(open, gte(tasks.deadline, today), lte(tasks.deadline, horizon))).all()
  const overdue = base().where(and(open, lt(tasks.deadline, today), gte(tasks.deadline, addDays(today, -ESCALATION_WINDOW_DAYS)))).all()

  const sent: ReminderRun['sent'] = []
  const ids = db.transaction((tx) => {
    const officersOf = new Map<number, number[]>()
    const officers = (unitId: number) => {
      if (!officersOf.has(unitId))
        officersOf.set(
          unitId,
          unitOfficers({ unitIds: [unitId] }, { db: tx }).map((u) => u.id),
        )
      return officersOf.get(unitId)!
    }
    const once = (taskId: number, kind: 'before' | 'due' | 'escalated', deadline: string) =>
      tx.insert(taskReminders).values({ taskId, kind, deadline, sentAt: now }).onConflictDoNothing().returning({ id: taskReminders.id }).get() !== undefined
    const created: number[] = []
    const write = (userIds: number[], kind: string, params: Record<string, string | number>, link: string) => {
      if (!userIds.length) return
      created.push(...notify(userIds.map((userId) => ({ userId, kind, params, link })), { db: tx, now }))
    }
    for (const t of upcoming) {
      const deadline = t.deadline!
      const kind = deadline === today ? 'due' : 'before'
      if (!once(t.id, kind, deadline)) continue
      const userIds = officers(t.leadUnitId)
      const left = calendar.workingDaysBetween(today, deadline)
      write(userIds, `task.${kind}`, { days: left, content: t.content, deadline: vnDate(deadline) }, `/tasks/${t.id}`)
      sent.push({ taskId: t.id, kind, userIds })
    }
    for (const t of overdue) {
      const deadline = t.deadline!
      if (!once(t.id, 'escalated', deadline)) continue
      const leader = t.followingLeaderId ?? t.chairUserId
      write([leader], 'task.escalated', { unit: t.unitName, content: t.content, deadline: vnDate(deadline), days: Math.round((Date.parse(today) - Date.parse(deadline)) / 86_400_000) }, `/tasks/${t.id}`)
      sent.push({ taskId: t.id, kind: 'escalated', userIds: [leader] })
    }
    return created
  })
  const userIds = [...new Set(sent.flatMap((s) => s.userIds))]
  if (userIds.length) events.emit('notification.created', { userIds })
  if (ids.length) events.emit('notification.email', { notificationIds: ids })
  return { today, sent }
}

/** How many reminders of each kind a task has had (for its page and for tests). */
export function remindersOf({ taskId }: { taskId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ kind: taskReminders.kind, deadline: taskReminders.deadline, sentAt: taskReminders.sentAt }).from(taskReminders).where(eq(taskReminders.taskId, taskId)).orderBy(sql`${taskReminders.id}`).all()
}

