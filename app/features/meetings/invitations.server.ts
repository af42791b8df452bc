// Invitations: the N-working-days deadline, sending them, the invitees' answers (RSVP) and one's upcoming invitations.
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import { events } from '~/core/events.server'
import { formatDateTime } from '~/core/dates'
import { DomainError } from '~/core/errors'
import { getWorkingCalendar, type WorkingCalendar } from '~/features/calendar/index.server'
import { vietnamDate } from '~/core/days'
import type { RsvpInput } from './schemas'
import { meetingParticipants, meetings, meetingTypes, userRoles, users } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import type { AuditActor } from '~/core/actor'
import { participantShortfall } from './participants.server'
import { EDITABLE } from './meetings.server'
import { participantSource } from './participant-source'
import { notASubstitute } from './participants.server'
import { type Context, contextOf } from '~/core/context'

/** The rule for invitations (R4.6d, QĐ 45/2018): they must go out N working days before the meeting day. */
export function invitationDeadline(startsAt: Date, leadDays: number, calendar: WorkingCalendar) {
  return calendar.daysBeforeMeeting(startsAt, leadDays)
}

export type InvitationTiming = {
  deadline: string
  sentAt: Date | null
  state: 'onTime' | 'late' | 'notSent' | 'overdue' | 'urgent'
  lateByWorkingDays: number
}

export function invitationTiming(
  meeting: { startsAt: Date; urgent: boolean; invitationsSentAt: Date | null; invitationDeadline: string | null },
  leadDays: number,
  calendar: WorkingCalendar,
  now = new Date(),
): InvitationTiming {
  const deadline = meeting.invitationDeadline ?? invitationDeadline(meeting.startsAt, leadDays, calendar)
  const sentAt = meeting.invitationsSentAt
  const reference = sentAt ? vietnamDate(sentAt) : vietnamDate(now)
  const lateBy = reference > deadline ? calendar.workingDaysBetween(deadline, reference) : 0
  if (meeting.urgent) return { deadline, sentAt, state: 'urgent', lateByWorkingDays: 0 }
  if (!sentAt) return { deadline, sentAt, state: reference > deadline ? 'overdue' : 'notSent', lateByWorkingDays: lateBy }
  return { deadline, sentAt, state: reference > deadline ? 'late' : 'onTime', lateByWorkingDays: lateBy }
}

/**
 * Sending invitations is the Office's explicit act: every participant not yet invited gets an
 * in-app notification (and an e-mail, through the `meeting.invited` event). The first sending
 * fixes the deadline and decides whether the meeting's invitations were on time.
 */
export function sendInvitations({ id, actor, confirmFew = false }: { id: number; actor: AuditActor; confirmFew?: boolean }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const result = db.transaction((tx) => {
    // Fewer people than the type's usual composition: only once the Office has confirmed it.
    if (!confirmFew && participantShortfall({ id }, { db: tx })) throw new DomainError('meeting.fewParticipants', 'conflict', 'confirmFew')
    const meeting = tx
      .select({ m: meetings, leadDays: meetingTypes.documentLeadDays })
      .from(meetings)
      .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
      .where(eq(meetings.id, id))
      .get()
    if (!meeting) throw new DomainError('meeting.notFound', 'not_found')
    if (!EDITABLE.includes(meeting.m.status)) throw new DomainError('meeting.notEditable', 'conflict')
    const pending = tx
      .select({ id: meetingParticipants.id, userId: meetingParticipants.userId })
      .from(meetingParticipants)
      // A substitute the Office has not confirmed is invited by the confirmation, not here.
      .where(and(eq(meetingParticipants.meetingId, id), isNull(meetingParticipants.invitedAt), notASubstitute()))
      .all()
    if (!pending.length) throw new DomainError('meeting.nobodyToInvite', 'invalid')
    const calendar = getWorkingCalendar({ db: tx })
    const first = meeting.m.invitationsSentAt == null
    const deadline = meeting.m.invitationDeadline ?? invitationDeadline(meeting.m.startsAt, meeting.leadDays, calendar)
    tx.update(meetingParticipants).set({ invitedAt: now }).where(inArray(meetingParticipants.id, pending.map((p) => p.id))).run()
    tx.update(meetings)
      .set({
        status: 'invited',
        statusReason: null,
        invitationsSentAt: meeting.m.invitationsSentAt ?? now,
        invitationDeadline: deadline,
        updatedAt: now,
      })
      .where(eq(meetings.id, id))
      .run()
    const when = `${formatDateTime(meeting.m.startsAt)}`
    notify(pending.map((p) => ({
        userId: p.userId,
        kind: 'meeting.invitation',
        params: (meeting.m.location ? { title: meeting.m.title, when, place: meeting.m.location, context: 'place' } : { title: meeting.m.title, when }) as Record<string, string>,
        link: `/meetings/${id}`,
      })), { db: tx, now })
    const timing = invitationTiming({ ...meeting.m, invitationsSentAt: meeting.m.invitationsSentAt ?? now, invitationDeadline: deadline }, meeting.leadDays, calendar, now)
    writeAudit(tx, {
      actorId: actor.id,
      ip: actor.ip,
      action: 'meeting.invite',
      entityType: 'meeting',
      entityId: id,
      after: { invited: pending.length, deadline, state: first ? timing.state : 'additional', lateByWorkingDays: timing.lateByWorkingDays },
    })
    return { userIds: pending.map((p) => p.userId), timing }
  })
  events.emit('meeting.invited', { meetingId: id, userIds: result.userIds })
  events.emit('notification.created', { userIds: result.userIds })
  events.emit('meeting.updated', { meetingId: id })
  return result
}

/** A participant answers: attend, decline with a reason, or send a substitute (an active user not already invited). */
export function respondToInvitation({ meetingId, userId, input }: { meetingId: number; userId: number; input: RsvpInput }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const notified = db.transaction((tx) => {
    const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get()
    if (!meeting) throw new DomainError('meeting.notFound', 'not_found')
    if (!EDITABLE.includes(meeting.status) || meeting.startsAt <= now) throw new DomainError('meeting.rsvpClosed', 'conflict')
    const participant = tx
      .select()
      .from(meetingParticipants)
      .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId)))
      .get()
    if (!participant) throw new DomainError('meeting.notInvited', 'not_found')
    const notifiedIds: number[] = []
    if (input.response === 'substituted') {
      const substitute = tx.select({ id: users.id, active: users.active, fullName: users.fullName }).from(users).where(eq(users.id, input.substituteUserId!)).get()
      if (!substitute?.active || substitute.id === userId) throw new DomainError('meeting.substituteInactive', 'invalid', 'substituteUserId')
      const already = tx
        .select({ id: meetingParticipants.id })
        .from(meetingParticipants)
        .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, substitute.id)))
        .get()
      if (already) throw new DomainError('meeting.substituteAlreadyInvited', 'conflict', 'substituteUserId')
      // The type's rule: a colleague from the participant's own unit may be in at once; anyone
      // else (and everyone under the `office` rule) waits for the Office, seeing nothing meanwhile.
      const rule = tx.select({ rule: meetingTypes.substituteRule }).from(meetingTypes).where(eq(meetingTypes.id, meeting.meetingTypeId)).get()?.rule ?? 'office'
      const original = tx.select({ name: users.fullName, unitId: users.unitId }).from(users).where(eq(users.id, userId)).get()
      const substituteUnit = tx.select({ unitId: users.unitId }).from(users).where(eq(users.id, substitute.id)).get()?.unitId ?? null
      const atOnce = rule === 'same_unit' && original?.unitId != null && substituteUnit === original.unitId
      tx.insert(meetingParticipants)
        .values({ meetingId, userId: substitute.id, role: participant.role, source: participantSource.substitute(userId), invitedAt: atOnce ? now : null, substituteConfirmedAt: atOnce ? now : null })
        .run()
      if (atOnce) {
        notify([{ userId: substitute.id, kind: 'meeting.invitation', params: { title: meeting.title, original: original?.name ?? '', when: formatDateTime(meeting.startsAt), context: 'substitute' }, link: `/meetings/${meetingId}` }], { db: tx, now })
        notifiedIds.push(substitute.id)
      } else {
        const office = tx.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'office'))).where(eq(users.active, true)).all().map((u) => u.id)
        notify(office.map((id) => ({ userId: id, kind: 'meeting.substituteProposed', params: { original: original?.name ?? '', substitute: substitute.fullName, title: meeting.title }, link: `/meetings/${meetingId}` })), { db: tx, now })
        notifiedIds.push(...office)
      }
    }
    if (participant.rsvp === 'substituted' && participant.substituteUserId && (input.response !== 'substituted' || input.substituteUserId !== participant.substituteUserId)) {
      // Taking back a substitution (or naming someone else) removes the earlier substitute's own invitation.
      tx.delete(meetingParticipants)
        .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, participant.substituteUserId), eq(meetingParticipants.source, participantSource.substitute(userId))))
        .run()
    }
    tx.update(meetingParticipants)
      .set({
        rsvp: input.response,
        rsvpReason: input.response === 'attending' ? null : (input.reason ?? null),
        substituteUserId: input.response === 'substituted' ? input.substituteUserId! : null,
        respondedAt: now,
      })
      .where(eq(meetingParticipants.id, participant.id))
      .run()
    writeAudit(tx, { actorId: userId, action: 'meeting.rsvp', entityType: 'meeting', entityId: meetingId, after: { response: input.response, reason: input.reason ?? null, substituteUserId: input.substituteUserId ?? null } })
    return notifiedIds
  })
  events.emit('meeting.participants.updated', { meetingId })
  if (notified.length) events.emit('notification.created', { userIds: notified })
}

/** The invitations a person has to answer or attend: upcoming meetings they were invited to. */
export function upcomingInvitations({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, location: meetings.location, status: meetings.status, rsvp: meetingParticipants.rsvp })
    .from(meetingParticipants)
    .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
    .where(and(eq(meetingParticipants.userId, userId), sql`${meetingParticipants.invitedAt} is not null`, gt(meetings.endsAt, now), inArray(meetings.status, ['invited', 'postponed'])))
    .orderBy(asc(meetings.startsAt))
    .limit(20)
    .all()
}
