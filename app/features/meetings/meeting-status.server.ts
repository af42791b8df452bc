// A meeting's status after it is planned: held, postponed or cancelled, with the participants told.
import { and, eq, sql } from 'drizzle-orm'
import { events } from '~/core/events.server'
import { DomainError } from '~/core/errors'
import { meetingParticipants, meetings, type MeetingStatus } from '#db/schema/index'
import { followMeeting } from '~/features/programme/index.server'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

/** Held, postponed or cancelled (the last two with a reason; every invited participant is told). */
export function setMeetingStatus({ id, input, actor }: { id: number; input: { status: 'held' | 'postponed' | 'cancelled'; reason?: string }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const userIds = db.transaction((tx) => {
    const meeting = tx.select().from(meetings).where(eq(meetings.id, id)).get()
    if (!meeting) throw new DomainError('meeting.notFound', 'not_found')
    const allowed: Record<typeof input.status, MeetingStatus[]> = { held: ['invited', 'draft'], postponed: ['draft', 'invited'], cancelled: ['draft', 'invited', 'postponed'] }
    if (!allowed[input.status].includes(meeting.status)) throw new DomainError('meeting.badTransition', 'conflict')
    if (input.status === 'held' && meeting.startsAt > now) throw new DomainError('meeting.notStartedYet', 'conflict')
    tx.update(meetings).set({ status: input.status, statusReason: input.reason ?? null, updatedAt: now }).where(eq(meetings.id, id)).run()
    if (meeting.programmeItemId) {
      const itemStatus = input.status === 'held' ? 'held' : input.status === 'postponed' ? 'postponed' : 'planned'
      followMeeting({ itemId: meeting.programmeItemId, status: itemStatus, reason: input.reason ?? null }, { db: tx, now })
    }
    const invited = tx
      .select({ userId: meetingParticipants.userId })
      .from(meetingParticipants)
      .where(and(eq(meetingParticipants.meetingId, id), sql`${meetingParticipants.invitedAt} is not null`))
      .all()
      .map((p) => p.userId)
    if (input.status !== 'held') {
      notify(invited.map((userId) => ({ userId, kind: `meeting.${input.status}`, params: { title: meeting.title, reason: input.reason ?? '' }, link: `/meetings/${id}` })), { db: tx, now })
    }
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: `meeting.${input.status}`, entityType: 'meeting', entityId: id, before: { status: meeting.status }, after: { status: input.status, reason: input.reason ?? null } })
    return input.status === 'held' ? [] : invited
  })
  events.emit('meeting.updated', { meetingId: id })
  if (userIds.length) {
    events.emit('notification.created', { userIds })
    events.emit('meeting.statusChanged', { meetingId: id, userIds })
  }
}

/** From which statuses the room and the notice move a meeting on (never back). */
const ADVANCES_FROM: Record<'in_session' | 'held' | 'concluded', readonly MeetingStatus[]> = {
  in_session: ['invited'],
  held: ['in_session'],
  concluded: ['draft', 'invited', 'in_session', 'held', 'postponed', 'cancelled'],
}

/**
 * The meeting moves on as its session and its notice move it, inside the caller's transaction (the
 * caller audits and emits): in session when the session opens, held when it closes (its programme
 * item held too), concluded when its notice is issued. A meeting already further on stays.
 */
export function advanceMeetingStatus({ id, to }: { id: number; to: keyof typeof ADVANCES_FROM }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const meeting = db.select({ status: meetings.status, programmeItemId: meetings.programmeItemId }).from(meetings).where(eq(meetings.id, id)).get()
  if (!meeting) throw new DomainError('meeting.notFound', 'not_found')
  if (ADVANCES_FROM[to].includes(meeting.status)) db.update(meetings).set({ status: to, updatedAt: now }).where(eq(meetings.id, id)).run()
  if (to === 'held' && meeting.programmeItemId) followMeeting({ itemId: meeting.programmeItemId, status: 'held' }, { db, now })
}
