import { and, asc, eq, gt, isNotNull, isNull, lte, ne, notInArray, sql } from 'drizzle-orm'
import { conclusions, meetingParticipants, meetings, tasks } from '#db/schema/index'
import { addDays, vietnamDate } from '~/core/days'
import { meetingReadiness } from '~/features/documents/index.server'
import { notASubstitute } from '~/features/meetings/index.server'
import { type Context, contextOf } from '~/core/context'

/** How far ahead "due soon" looks on a unit officer's home page. */
const DUE_SOON_DAYS = 14

/**
 * A unit officer's next things to do: their unit's open tasks (as lead) that are overdue or due
 * within two weeks, nearest deadline first.
 */
export function tasksDueSoon({ unitId, limit = 10 }: { unitId: number; limit?: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const today = vietnamDate(now)
  return db
    .select({ id: tasks.id, content: tasks.content, deadline: tasks.deadline, progress: tasks.progress, completionDeclaredOn: tasks.completionDeclaredOn })
    .from(tasks)
    .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
    .where(and(eq(conclusions.status, 'issued'), eq(tasks.leadUnitId, unitId), isNull(tasks.completedOn), isNull(tasks.completionDeclaredOn), isNotNull(tasks.deadline), lte(tasks.deadline, addDays(today, DUE_SOON_DAYS))))
    .orderBy(asc(tasks.deadline), asc(tasks.id))
    .limit(limit)
    .all()
    .map((t) => ({ ...t, overdue: t.deadline! < today, dueToday: t.deadline === today }))
}

/**
 * How ready the next meeting a chair presides is: who has answered, and how much of its
 * distributed documents its people have read.
 */
export function nextChairedMeetingReadiness({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const next = db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status, invitationsSentAt: meetings.invitationsSentAt })
    .from(meetings)
    .where(and(eq(meetings.chairUserId, userId), gt(meetings.endsAt, now), notInArray(meetings.status, ['cancelled', 'held', 'concluded'])))
    .orderBy(asc(meetings.startsAt))
    .get()
  if (!next) return null
  const answers = db
    .select({ rsvp: meetingParticipants.rsvp, n: sql<number>`count(*)` })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, next.id), ne(meetingParticipants.userId, userId), notASubstitute()))
    .groupBy(meetingParticipants.rsvp)
    .all()
  const count = (state: string) => answers.find((a) => a.rsvp === state)?.n ?? 0
  const documents = meetingReadiness({ meetingId: next.id }, { db })
  const reads = documents.reduce((sum, d) => sum + d.read, 0)
  const expected = documents.reduce((sum, d) => sum + d.total, 0)
  return {
    ...next,
    answers: { attending: count('attending'), declined: count('declined') + count('substituted'), pending: count('pending') },
    documents: { count: documents.length, readPercent: expected ? Math.round((100 * reads) / expected) : null },
  }
}

/** The Office's next things to do: meetings of the coming two weeks whose invitations have not gone out. */
export function meetingsWithoutInvitations({ limit = 10 }: { limit?: number } = {}, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.status, 'draft'), isNull(meetings.invitationsSentAt), gt(meetings.startsAt, now), lte(meetings.startsAt, new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000))))
    .orderBy(asc(meetings.startsAt))
    .limit(limit)
    .all()
}

