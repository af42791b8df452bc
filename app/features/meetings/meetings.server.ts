import { and, asc, eq, gt, inArray, isNull, lt, ne, notInArray, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { RsvpState } from '#db/schema/enums'
import { events } from '~/core/events.server'
import { formatDate, formatDateTime } from '~/core/dates'
import { DomainError } from '~/core/errors'
import { getWorkingCalendar, type WorkingCalendar } from '~/features/calendar/index.server'
import { vietnamDate } from '~/core/days'
import type { MeetingFormInput, RsvpInput } from './schemas'
import { type DB, type DBOrTx, getDb } from '#db/client'
import {
  agendaItems,
  meetingParticipants,
  meetings,
  meetingTypes,
  type MeetingStatus,
  programmeItems,
  type Role,
  units,
  userRoles,
  users,
} from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import { groupMemberIds } from '~/features/groups/index.server'
import type { MeetingAccess } from './permissions.server'
import { unitOfficers } from '~/features/directory/index.server'
import { findById } from '~/core/schemas'
import type { AuditActor } from '~/core/actor'

type ParticipantRole = (typeof meetingParticipants.$inferInsert)['role']
export type MeetingSaveInput = Omit<MeetingFormInput, 'date' | 'startTime' | 'endTime' | 'confirmConflicts' | 'memberGroupIds'> & { memberGroupIds?: number[]; startsAt: Date; endsAt: Date }

const EDITABLE: MeetingStatus[] = ['draft', 'invited', 'postponed']
// A member who also presents or keeps the minutes stays a member: membership decides the quorum and who votes.
const ROLE_RANK: Record<ParticipantRole, number> = { chair: 0, member: 1, secretary: 2, preparing_unit: 3, guest: 4 }

/**
 * Who is invited, from people, role groups and units (R4.6c): each active person once, with the
 * strongest meeting role that brought them in, and where they came from (for grouping).
 * The preparing unit of the meeting and of each agenda item is invited through its unit officers.
 */
export function expandParticipants(input: MeetingSaveInput, db: DBOrTx = getDb()) {
  const result = new Map<number, { role: ParticipantRole; source: string }>()
  const add = (userId: number, role: ParticipantRole, source: string) => {
    const current = result.get(userId)
    if (!current || ROLE_RANK[role] < ROLE_RANK[current.role]) result.set(userId, { role, source })
  }
  const activeOf = (ids: number[]) =>
    ids.length ? db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.active, true))).all().map((r) => r.id) : []

  add(input.chairUserId, 'chair', 'person')
  if (input.secretaryUserId) for (const id of activeOf([input.secretaryUserId])) add(id, 'secretary', 'person')
  const presenters = input.agenda.map((a) => a.presenterUserId).filter((x): x is number => !!x)
  for (const id of activeOf(presenters)) add(id, 'preparing_unit', 'person')
  const preparingUnits = [...new Set([input.preparingUnitId, ...input.agenda.map((a) => a.presenterUnitId)].filter((x): x is number => !!x))]
  if (preparingUnits.length) {
    for (const o of unitOfficers(preparingUnits, db)) add(o.id, 'preparing_unit', `unit:${o.unitId}`)
  }
  for (const id of activeOf(input.memberUserIds)) add(id, 'member', 'person')
  // Named groups: exactly their people (decision 019), not everyone holding a role.
  for (const [groupId, userIds] of groupMemberIds(input.memberGroupIds ?? [], db)) for (const id of userIds) add(id, 'member', `group:${groupId}`)
  for (const role of input.memberRoles) {
    const holders = db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
      .where(eq(users.active, true))
      .all()
    for (const h of holders) add(h.id, 'member', `role:${role}`)
  }
  if (input.guestUnitIds.length) {
    const members = db.select({ id: users.id, unitId: users.unitId }).from(users).where(and(inArray(users.unitId, input.guestUnitIds), eq(users.active, true))).all()
    for (const m of members) add(m.id, 'guest', `unit:${m.unitId}`)
  }
  for (const id of activeOf(input.guestUserIds)) add(id, 'guest', 'person')
  return result
}

export type Conflict = { kind: 'chair' | 'participant' | 'room'; meetingId: number; title: string; startsAt: Date; endsAt: Date; names: string[] }

/** Meetings overlapping [startsAt, endsAt) that share the chair, a participant or the room (warnings, not errors). */
export function findConflicts(
  input: { startsAt: Date; endsAt: Date; chairUserId: number; location?: string | null; userIds: number[] },
  excludeMeetingId: number | null,
  db: DBOrTx = getDb(),
): Conflict[] {
  const overlapping = db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, chairUserId: meetings.chairUserId, location: meetings.location })
    .from(meetings)
    .where(
      and(
        lt(meetings.startsAt, input.endsAt),
        gt(meetings.endsAt, input.startsAt),
        notInArray(meetings.status, ['cancelled', 'postponed']),
        excludeMeetingId ? ne(meetings.id, excludeMeetingId) : undefined,
      ),
    )
    .all()
  if (!overlapping.length) return []
  const conflicts: Conflict[] = []
  const room = input.location?.trim().toLowerCase()
  const chairName = db.select({ name: users.fullName }).from(users).where(eq(users.id, input.chairUserId)).get()?.name ?? ''
  const busy = input.userIds.length
    ? db
        .select({ meetingId: meetingParticipants.meetingId, userId: meetingParticipants.userId, name: users.fullName })
        .from(meetingParticipants)
        .innerJoin(users, eq(users.id, meetingParticipants.userId))
        .where(
          and(
            inArray(meetingParticipants.meetingId, overlapping.map((m) => m.id)),
            inArray(meetingParticipants.userId, input.userIds),
            notInArray(meetingParticipants.rsvp, ['declined', 'substituted']),
          ),
        )
        .all()
    : []
  for (const m of overlapping) {
    const base = { meetingId: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt }
    const chairBusy = m.chairUserId === input.chairUserId
    if (chairBusy) conflicts.push({ ...base, kind: 'chair', names: [chairName] })
    if (room && m.location?.trim().toLowerCase() === room) conflicts.push({ ...base, kind: 'room', names: [m.location!] })
    // The chair's clash is said once, as the chair's, not again among the participants.
    const names = busy.filter((b) => b.meetingId === m.id && !(chairBusy && b.userId === input.chairUserId)).map((b) => b.name)
    if (names.length) conflicts.push({ ...base, kind: 'participant', names })
  }
  return conflicts
}

function assertReferences(input: MeetingSaveInput, db: DBOrTx) {
  const type = db.select().from(meetingTypes).where(eq(meetingTypes.id, input.meetingTypeId)).get()
  if (!type?.active) throw new DomainError('meeting.typeMissing', 'invalid', 'meetingTypeId')
  // The type's rules are enforced, not just shown (R4.2).
  if (type.maxDurationMinutes && input.endsAt.getTime() - input.startsAt.getTime() > type.maxDurationMinutes * 60_000)
    throw new DomainError('meeting.tooLong', 'invalid', 'endTime')
  const chair = db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'chair')))
    .where(and(eq(users.id, input.chairUserId), eq(users.active, true)))
    .get()
  if (!chair) throw new DomainError('meeting.chairNotAllowed', 'invalid', 'chairUserId')
  if (input.programmeItemId) {
    const item = db.select({ status: programmeItems.status }).from(programmeItems).where(eq(programmeItems.id, input.programmeItemId)).get()
    if (!item) throw new DomainError('programme.itemMissing', 'invalid', 'programmeItemId')
    if (item.status === 'cancelled' || item.status === 'moved') throw new DomainError('programme.itemClosed', 'invalid', 'programmeItemId')
  }
  if (input.endsAt <= input.startsAt) throw new DomainError('meeting.endBeforeStart', 'invalid', 'endTime')
  // Every person and unit named must exist and be active: an unknown id is the user's mistake (400), not a foreign-key failure (500).
  const people: [string, number | null | undefined][] = [
    ['secretaryUserId', input.secretaryUserId],
    ...input.memberUserIds.map((id) => ['memberUserIds', id] as [string, number]),
    ...input.guestUserIds.map((id) => ['guestUserIds', id] as [string, number]),
    ...input.agenda.map((a, i) => [`agenda[${i}].presenterUserId`, a.presenterUserId] as [string, number | null | undefined]),
  ]
  const unitsNamed: [string, number | null | undefined][] = [
    ['preparingUnitId', input.preparingUnitId],
    ...input.guestUnitIds.map((id) => ['guestUnitIds', id] as [string, number]),
    ...input.agenda.map((a, i) => [`agenda[${i}].presenterUnitId`, a.presenterUnitId] as [string, number | null | undefined]),
  ]
  const known = (table: typeof users | typeof units, ids: number[]) =>
    new Set(ids.length ? db.select({ id: table.id }).from(table).where(and(inArray(table.id, [...new Set(ids)]), eq(table.active, true))).all().map((r) => r.id) : [])
  const userIds = known(users, people.flatMap(([, id]) => (id ? [id] : [])))
  const missingUser = people.find(([, id]) => id && !userIds.has(id))
  if (missingUser) throw new DomainError('validation.unknownReference', 'invalid', missingUser[0])
  const unitIds = known(units, unitsNamed.flatMap(([, id]) => (id ? [id] : [])))
  const missingUnit = unitsNamed.find(([, id]) => id && !unitIds.has(id))
  if (missingUnit) throw new DomainError('validation.unknownReference', 'invalid', missingUnit[0])
}

function meetingValues(input: MeetingSaveInput) {
  return {
    title: input.title,
    meetingTypeId: input.meetingTypeId,
    programmeItemId: input.programmeItemId ?? null,
    offProgrammeReason: input.programmeItemId ? null : (input.offProgrammeReason ?? null),
    urgent: input.urgent,
    chairUserId: input.chairUserId,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    mode: input.mode,
    location: input.mode === 'online' ? null : (input.location ?? null),
    joinUrl: input.mode === 'in_person' ? null : (input.joinUrl ?? null),
    preparingUnitId: input.preparingUnitId ?? null,
  }
}

function writeAgenda(tx: DBOrTx, meetingId: number, agenda: MeetingSaveInput['agenda']) {
  tx.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId)).run()
  if (agenda.length)
    tx.insert(agendaItems)
      .values(
        agenda.map((a, i) => ({
          meetingId,
          position: i + 1,
          title: a.title,
          presenterUserId: a.presenterUserId ?? null,
          presenterUnitId: a.presenterUnitId ?? null,
          plannedMinutes: a.plannedMinutes ?? null,
        })),
      )
      .run()
}

/** Brings the participant rows in line with the expanded list; answers already given are kept. */
function syncParticipants(tx: DBOrTx, meetingId: number, wanted: Map<number, { role: ParticipantRole; source: string }>) {
  const existing = tx.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId)).all()
  const substitutes = new Set(existing.filter((p) => p.source.startsWith('substitute:')).map((p) => p.userId))
  for (const row of existing) {
    const next = wanted.get(row.userId)
    if (!next && !substitutes.has(row.userId)) tx.delete(meetingParticipants).where(eq(meetingParticipants.id, row.id)).run()
    else if (next && (next.role !== row.role || next.source !== row.source) && !substitutes.has(row.userId))
      tx.update(meetingParticipants).set(next).where(eq(meetingParticipants.id, row.id)).run()
  }
  const have = new Set(existing.map((p) => p.userId))
  const fresh = [...wanted].filter(([userId]) => !have.has(userId)).map(([userId, p]) => ({ meetingId, userId, ...p }))
  if (fresh.length) tx.insert(meetingParticipants).values(fresh).run()
}

/**
 * A meeting created with nobody but its chair invites the type's default participant groups
 * (roles and units), e.g. the Standing Committee for "Họp Ban Thường vụ".
 */
function withTypeDefaults(input: MeetingSaveInput, db: DBOrTx): MeetingSaveInput {
  const nobody = !input.memberUserIds.length && !input.memberRoles.length && !(input.memberGroupIds ?? []).length && !input.guestUnitIds.length && !input.guestUserIds.length
  if (!nobody) return input
  const type = db.select({ roles: meetingTypes.defaultRoles, unitIds: meetingTypes.defaultUnitIds, groupIds: meetingTypes.defaultGroupIds }).from(meetingTypes).where(eq(meetingTypes.id, input.meetingTypeId)).get()
  return type ? { ...input, memberRoles: type.roles, memberGroupIds: type.groupIds, guestUnitIds: type.unitIds } : input
}

export function createMeeting(rawInput: MeetingSaveInput, actor: AuditActor, db: DB = getDb(), now = new Date()) {
  const id = db.transaction((tx) => {
    const input = withTypeDefaults(rawInput, tx)
    assertReferences(input, tx)
    const row = tx
      .insert(meetings)
      .values({ ...meetingValues(input), status: 'draft', createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: meetings.id })
      .get()
    writeAgenda(tx, row.id, input.agenda)
    syncParticipants(tx, row.id, expandParticipants(input, tx))
    if (input.programmeItemId)
      tx.update(programmeItems).set({ status: 'scheduled', updatedAt: now }).where(eq(programmeItems.id, input.programmeItemId)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: { title: input.title, startsAt: input.startsAt.toISOString(), programmeItemId: input.programmeItemId ?? null, offProgrammeReason: input.offProgrammeReason ?? null, urgent: input.urgent } })
    return row.id
  })
  events.emit('meeting.updated', { meetingId: id })
  return id
}

export function updateMeeting(id: number, input: MeetingSaveInput, actor: AuditActor, db: DB = getDb(), now = new Date()) {
  db.transaction((tx) => {
    const before = tx.select().from(meetings).where(eq(meetings.id, id)).get()
    if (!before) throw new DomainError('meeting.notFound', 'not_found')
    if (!EDITABLE.includes(before.status)) throw new DomainError('meeting.notEditable', 'conflict')
    assertReferences(input, tx)
    const values = meetingValues(input)
    tx.update(meetings).set({ ...values, updatedAt: now }).where(eq(meetings.id, id)).run()
    writeAgenda(tx, id, input.agenda)
    syncParticipants(tx, id, expandParticipants(input, tx))
    if (input.programmeItemId && input.programmeItemId !== before.programmeItemId)
      tx.update(programmeItems).set({ status: 'scheduled', updatedAt: now }).where(eq(programmeItems.id, input.programmeItemId)).run()
    const changed: Record<string, unknown> = {}
    const old: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(values)) {
      const prev = before[k as keyof typeof before]
      if (JSON.stringify(prev) !== JSON.stringify(v)) {
        old[k] = prev instanceof Date ? prev.toISOString() : prev
        changed[k] = v instanceof Date ? v.toISOString() : v
      }
    }
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'meeting.update', entityType: 'meeting', entityId: id, before: old, after: changed })
  })
  events.emit('meeting.updated', { meetingId: id })
}

/** The rule for invitations (R4.6d, QĐ 45/2018): they must go out N working days before the meeting day. */
export function invitationDeadline(startsAt: Date, leadDays: number, calendar: WorkingCalendar) {
  return calendar.subtractWorkingDays(vietnamDate(startsAt), leadDays)
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

/** With no composition of its own, a meeting is expected to have at least this many people (the chair and two). */
const FEWEST_PARTICIPANTS = 3

/**
 * Whether a meeting is about to invite fewer people than its type usually brings together (the
 * people its default groups, roles and units stand for, or three): the Office is asked to confirm
 * before the invitations go. Null when the composition is as expected.
 */
export function participantShortfall(id: number, db: DBOrTx = getDb()) {
  const row = db
    .select({ typeName: meetingTypes.name, meetingTypeId: meetings.meetingTypeId, chairUserId: meetings.chairUserId })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .where(eq(meetings.id, id))
    .get()
  if (!row) return null
  const count = db
    .select({ n: sql<number>`count(*)` })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, id), sql`${meetingParticipants.source} not like 'substitute:%'`))
    .get()!.n
  const defaults = withTypeDefaults({ meetingTypeId: row.meetingTypeId, chairUserId: row.chairUserId, agenda: [], memberUserIds: [], memberRoles: [], memberGroupIds: [], guestUnitIds: [], guestUserIds: [] } as unknown as MeetingSaveInput, db)
  const expected = Math.max(FEWEST_PARTICIPANTS, expandParticipants(defaults, db).size)
  return count < expected ? { count, expected, typeName: row.typeName } : null
}

/**
 * Sending invitations is the Office's explicit act: every participant not yet invited gets an
 * in-app notification (and an e-mail, through the `meeting.invited` event). The first sending
 * fixes the deadline and decides whether the meeting's invitations were on time.
 */
export function sendInvitations(id: number, actor: AuditActor, db: DB = getDb(), now = new Date(), options: { confirmFew?: boolean } = {}) {
  const result = db.transaction((tx) => {
    // Fewer people than the type's usual composition: only once the Office has confirmed it.
    if (!options.confirmFew && participantShortfall(id, tx)) throw new DomainError('meeting.fewParticipants', 'conflict', 'confirmFew')
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
      .where(and(eq(meetingParticipants.meetingId, id), isNull(meetingParticipants.invitedAt), sql`${meetingParticipants.source} not like 'substitute:%'`))
      .all()
    if (!pending.length) throw new DomainError('meeting.nobodyToInvite', 'invalid')
    const calendar = getWorkingCalendar(tx)
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
    notify(
      tx,
      pending.map((p) => ({
        userId: p.userId,
        kind: 'meeting.invitation',
        params: (meeting.m.location ? { title: meeting.m.title, when, place: meeting.m.location, context: 'place' } : { title: meeting.m.title, when }) as Record<string, string>,
        link: `/meetings/${id}`,
      })),
      now,
    )
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
export function respondToInvitation(meetingId: number, userId: number, input: RsvpInput, db: DB = getDb(), now = new Date()) {
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
        .values({ meetingId, userId: substitute.id, role: participant.role, source: `substitute:${userId}`, invitedAt: atOnce ? now : null, substituteConfirmedAt: atOnce ? now : null })
        .run()
      if (atOnce) {
        notify(tx, [{ userId: substitute.id, kind: 'meeting.invitation', params: { title: meeting.title, original: original?.name ?? '', when: formatDateTime(meeting.startsAt), context: 'substitute' }, link: `/meetings/${meetingId}` }], now)
        notifiedIds.push(substitute.id)
      } else {
        const office = tx.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'office'))).where(eq(users.active, true)).all().map((u) => u.id)
        notify(tx, office.map((id) => ({ userId: id, kind: 'meeting.substituteProposed', params: { original: original?.name ?? '', substitute: substitute.fullName, title: meeting.title }, link: `/meetings/${meetingId}` })), now)
        notifiedIds.push(...office)
      }
    }
    if (participant.rsvp === 'substituted' && participant.substituteUserId && (input.response !== 'substituted' || input.substituteUserId !== participant.substituteUserId)) {
      // Taking back a substitution (or naming someone else) removes the earlier substitute's own invitation.
      tx.delete(meetingParticipants)
        .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, participant.substituteUserId), eq(meetingParticipants.source, `substitute:${userId}`)))
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

/** Held, postponed or cancelled (the last two with a reason; every invited participant is told). */
export function setMeetingStatus(id: number, input: { status: 'held' | 'postponed' | 'cancelled'; reason?: string }, actor: AuditActor, db: DB = getDb(), now = new Date()) {
  const userIds = db.transaction((tx) => {
    const meeting = tx.select().from(meetings).where(eq(meetings.id, id)).get()
    if (!meeting) throw new DomainError('meeting.notFound', 'not_found')
    const allowed: Record<typeof input.status, MeetingStatus[]> = { held: ['invited', 'draft'], postponed: ['draft', 'invited'], cancelled: ['draft', 'invited', 'postponed'] }
    if (!allowed[input.status].includes(meeting.status)) throw new DomainError('meeting.badTransition', 'conflict')
    if (input.status === 'held' && meeting.startsAt > now) throw new DomainError('meeting.notStartedYet', 'conflict')
    tx.update(meetings).set({ status: input.status, statusReason: input.reason ?? null, updatedAt: now }).where(eq(meetings.id, id)).run()
    if (meeting.programmeItemId) {
      const itemStatus = input.status === 'held' ? 'held' : input.status === 'postponed' ? 'postponed' : 'planned'
      tx.update(programmeItems).set({ status: itemStatus, statusReason: input.reason ?? null, updatedAt: now }).where(eq(programmeItems.id, meeting.programmeItemId)).run()
    }
    const invited = tx
      .select({ userId: meetingParticipants.userId })
      .from(meetingParticipants)
      .where(and(eq(meetingParticipants.meetingId, id), sql`${meetingParticipants.invitedAt} is not null`))
      .all()
      .map((p) => p.userId)
    if (input.status !== 'held') {
      notify(tx, invited.map((userId) => ({ userId, kind: `meeting.${input.status}`, params: { title: meeting.title, reason: input.reason ?? '' }, link: `/meetings/${id}` })), now)
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

/** Who chairs and who is invited: what the permission module needs about a meeting. */
export function meetingAccess(id: number, db: DBOrTx = getDb()): MeetingAccess | null {
  const meeting = db.select({ chairUserId: meetings.chairUserId }).from(meetings).where(eq(meetings.id, id)).get()
  if (!meeting) return null
  // A substitute not yet confirmed is not a participant: no meeting page, no documents.
  const participantUserIds = db
    .select({ userId: meetingParticipants.userId })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, id), sql`(${meetingParticipants.source} not like 'substitute:%' or ${meetingParticipants.substituteConfirmedAt} is not null)`))
    .all()
    .map((p) => p.userId)
  return { chairUserId: meeting.chairUserId, participantUserIds }
}

/**
 * The Office confirms a proposed substitute (who is then invited and sees the meeting and its
 * documents) or refuses them (their row goes; the participant's answer is open again, and they are told).
 */
export function decideSubstitute(meetingId: number, substituteUserId: number, approve: boolean, actor: AuditActor, db: DB = getDb(), now = new Date()) {
  const notified = db.transaction((tx) => {
    const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get()
    if (!meeting) throw new DomainError('meeting.notFound', 'not_found')
    const row = tx.select().from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, substituteUserId))).get()
    if (!row || !row.source.startsWith('substitute:') || row.substituteConfirmedAt) throw new DomainError('meeting.noSubstitutePending', 'conflict')
    const originalId = Number(row.source.slice('substitute:'.length))
    const original = tx.select({ name: users.fullName }).from(users).where(eq(users.id, originalId)).get()
    if (approve) {
      tx.update(meetingParticipants).set({ substituteConfirmedAt: now, invitedAt: now }).where(eq(meetingParticipants.id, row.id)).run()
      notify(tx, [{ userId: substituteUserId, kind: 'meeting.invitation', params: { title: meeting.title, original: original?.name ?? '', when: formatDateTime(meeting.startsAt), context: 'substitute' }, link: `/meetings/${meetingId}` }], now)
    } else {
      tx.delete(meetingParticipants).where(eq(meetingParticipants.id, row.id)).run()
      tx.update(meetingParticipants).set({ rsvp: 'pending', substituteUserId: null, respondedAt: now }).where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, originalId))).run()
      notify(tx, [{ userId: originalId, kind: 'meeting.substituteRefused', params: { title: meeting.title }, link: `/meetings/${meetingId}` }], now)
    }
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: approve ? 'meeting.substituteConfirmed' : 'meeting.substituteRefused', entityType: 'meeting', entityId: meetingId, after: { substituteUserId, originalId } })
    return approve ? [substituteUserId] : [originalId]
  })
  events.emit('meeting.participants.updated', { meetingId })
  events.emit('notification.created', { userIds: notified })
}

const chair = alias(users, 'chair')
const presenter = alias(users, 'presenter')
const substitute = alias(users, 'substitute')
const prepUnit = alias(units, 'prep_unit')

export function getMeeting(id: number, db: DBOrTx = getDb()) {
  const row = db
    .select({
      meeting: meetings,
      typeName: meetingTypes.name,
      leadDays: meetingTypes.documentLeadDays,
      conclusionDeadlineDays: meetingTypes.conclusionDeadlineDays,
      speakingLimitMinutes: meetingTypes.speakingLimitMinutes,
      chairName: chair.fullName,
      chairPosition: chair.position,
      preparingUnitName: prepUnit.name,
      programmeItemContent: programmeItems.content,
    })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .innerJoin(chair, eq(chair.id, meetings.chairUserId))
    .leftJoin(prepUnit, eq(prepUnit.id, meetings.preparingUnitId))
    .leftJoin(programmeItems, eq(programmeItems.id, meetings.programmeItemId))
    .where(eq(meetings.id, id))
    .get()
  if (!row) return null
  const agenda = db
    .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, presenterUserId: agendaItems.presenterUserId, presenterUnitId: agendaItems.presenterUnitId, plannedMinutes: agendaItems.plannedMinutes, presenterName: presenter.fullName, presenterUnitName: units.name })
    .from(agendaItems)
    .leftJoin(presenter, eq(presenter.id, agendaItems.presenterUserId))
    .leftJoin(units, eq(units.id, agendaItems.presenterUnitId))
    .where(eq(agendaItems.meetingId, id))
    .orderBy(asc(agendaItems.position))
    .all()
  const participants = db
    .select({
      userId: meetingParticipants.userId,
      fullName: users.fullName,
      position: users.position,
      unitName: units.name,
      role: meetingParticipants.role,
      source: meetingParticipants.source,
      rsvp: meetingParticipants.rsvp,
      rsvpReason: meetingParticipants.rsvpReason,
      substituteUserId: meetingParticipants.substituteUserId,
      substituteName: substitute.fullName,
      invitedAt: meetingParticipants.invitedAt,
      respondedAt: meetingParticipants.respondedAt,
      substituteConfirmedAt: meetingParticipants.substituteConfirmedAt,
    })
    .from(meetingParticipants)
    .innerJoin(users, eq(users.id, meetingParticipants.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(substitute, eq(substitute.id, meetingParticipants.substituteUserId))
    .where(eq(meetingParticipants.meetingId, id))
    .orderBy(asc(users.searchText))
    .all()
    .map(({ substituteConfirmedAt, ...p }) => ({ ...p, pendingSubstitute: p.source.startsWith('substitute:') && !substituteConfirmedAt }))
  return { ...row.meeting, typeName: row.typeName, leadDays: row.leadDays, conclusionDeadlineDays: row.conclusionDeadlineDays, speakingLimitMinutes: row.speakingLimitMinutes, chairName: row.chairName, chairPosition: row.chairPosition, preparingUnitName: row.preparingUnitName, programmeItemContent: row.programmeItemContent, agenda, participants }
}
export type MeetingDetail = NonNullable<ReturnType<typeof getMeeting>>

/** Form values to edit a meeting: the groups it was built from are recovered from participant sources. */
export function meetingFormValues(m: MeetingDetail) {
  const bySource = (prefix: string) => [...new Set(m.participants.filter((p) => p.source.startsWith(prefix)).map((p) => Number(p.source.slice(prefix.length))))]
  const roleSources = [...new Set(m.participants.filter((p) => p.source.startsWith('role:')).map((p) => p.source.slice(5) as Role))]
  return {
    title: m.title,
    meetingTypeId: m.meetingTypeId,
    programmeItemId: m.programmeItemId,
    offProgrammeReason: m.offProgrammeReason,
    urgent: m.urgent,
    chairUserId: m.chairUserId,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    mode: m.mode,
    location: m.location,
    joinUrl: m.joinUrl,
    preparingUnitId: m.preparingUnitId,
    agenda: m.agenda.map((a) => ({ title: a.title, presenterUserId: a.presenterUserId, presenterUnitId: a.presenterUnitId, plannedMinutes: a.plannedMinutes })),
    memberUserIds: m.participants.filter((p) => p.role === 'member' && p.source === 'person').map((p) => p.userId),
    memberRoles: roleSources,
    memberGroupIds: bySource('group:'),
    guestUnitIds: bySource('unit:').filter((unitId) => m.participants.some((p) => p.role === 'guest' && p.source === `unit:${unitId}`)),
    guestUserIds: m.participants.filter((p) => p.role === 'guest' && p.source === 'person').map((p) => p.userId),
    secretaryUserId: m.participants.find((p) => p.role === 'secretary')?.userId ?? null,
  }
}

/** `userId`: only that person's meetings — those they declined or sent a substitute to as well with `includeDeclined`. */
export type MeetingListFilter = { from: Date; to: Date; userId?: number; includeCancelled?: boolean; includeDeclined?: boolean }

/** Meetings starting in [from, to), with what a schedule shows (and, with `userId`, that person's answer). */
export function listMeetings(filter: MeetingListFilter, db: DBOrTx = getDb()) {
  const mine = filter.userId
    ? or(
        eq(meetings.chairUserId, filter.userId),
        inArray(
          meetings.id,
          db
            .select({ id: meetingParticipants.meetingId })
            .from(meetingParticipants)
            .where(and(eq(meetingParticipants.userId, filter.userId), filter.includeDeclined ? undefined : notInArray(meetingParticipants.rsvp, ['declined', 'substituted']))),
        ),
      )
    : undefined
  const rows = db
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      endsAt: meetings.endsAt,
      status: meetings.status,
      statusReason: meetings.statusReason,
      mode: meetings.mode,
      location: meetings.location,
      urgent: meetings.urgent,
      programmeItemId: meetings.programmeItemId,
      typeName: meetingTypes.name,
      chairName: chair.fullName,
      preparingUnitName: prepUnit.name,
      participantCount: sql<number>`(select count(*) from ${meetingParticipants} where ${meetingParticipants.meetingId} = ${meetings.id} and ${meetingParticipants.rsvp} not in ('declined','substituted'))`,
      myAnswer: filter.userId
        ? sql<RsvpState | null>`(select ${meetingParticipants.rsvp} from ${meetingParticipants} where ${meetingParticipants.meetingId} = ${meetings.id} and ${meetingParticipants.userId} = ${filter.userId})`
        : sql<RsvpState | null>`null`,
    })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .innerJoin(chair, eq(chair.id, meetings.chairUserId))
    .leftJoin(prepUnit, eq(prepUnit.id, meetings.preparingUnitId))
    .where(and(gt(meetings.endsAt, filter.from), lt(meetings.startsAt, filter.to), filter.includeCancelled ? undefined : ne(meetings.status, 'cancelled'), mine))
    .orderBy(asc(meetings.startsAt))
    .all()
  return rows
}

/** Who attends each of the given meetings (not declined), by meeting, chair and members first. */
export function participantNames(meetingIds: number[], db: DBOrTx = getDb()) {
  const rows = meetingIds.length
    ? db
        .select({ meetingId: meetingParticipants.meetingId, name: users.fullName, role: meetingParticipants.role })
        .from(meetingParticipants)
        .innerJoin(users, eq(users.id, meetingParticipants.userId))
        .where(and(inArray(meetingParticipants.meetingId, meetingIds), notInArray(meetingParticipants.rsvp, ['declined', 'substituted'])))
        .orderBy(asc(users.searchText))
        .all()
    : []
  const byMeeting = new Map<number, string[]>()
  for (const r of rows.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role])) byMeeting.set(r.meetingId, [...(byMeeting.get(r.meetingId) ?? []), r.name])
  return byMeeting
}

/** The invitations a person has to answer or attend: upcoming meetings they were invited to. */
export function upcomingInvitations(userId: number, db: DBOrTx = getDb(), now = new Date()) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, location: meetings.location, status: meetings.status, rsvp: meetingParticipants.rsvp })
    .from(meetingParticipants)
    .innerJoin(meetings, eq(meetings.id, meetingParticipants.meetingId))
    .where(and(eq(meetingParticipants.userId, userId), sql`${meetingParticipants.invitedAt} is not null`, gt(meetings.endsAt, now), inArray(meetings.status, ['invited', 'postponed'])))
    .orderBy(asc(meetings.startsAt))
    .limit(20)
    .all()
}

const CONFLICT_MESSAGES = { chair: 'meetings.conflictChair', participant: 'meetings.conflictParticipant', room: 'meetings.conflictRoom' } as const

export function describeConflict(c: Conflict) {
  return {
    kind: c.kind,
    title: c.title,
    names: c.names.slice(0, 8),
    /** i18n key of the sentence that explains it. */
    messageKey: CONFLICT_MESSAGES[c.kind],
    when: `${formatDate(c.startsAt)} ${formatDateTime(c.startsAt).slice(11)}–${formatDateTime(c.endsAt).slice(11)}`,
  }
}

/** The double bookings saving this meeting would make: chair, any invited person, the room. */
export function scheduleConflicts(input: MeetingSaveInput, existingId: number | null, db: DBOrTx = getDb()) {
  const userIds = [...expandParticipants(input, db).keys()]
  return findConflicts({ startsAt: input.startsAt, endsAt: input.endsAt, chairUserId: input.chairUserId, location: input.location, userIds }, existingId, db).map(describeConflict)
}

/** Creates the meeting, or updates it when `existingId` is given; returns its id. */
export function saveMeeting(input: MeetingSaveInput, existingId: number | null, actor: AuditActor, db: DB = getDb()) {
  if (!existingId) return createMeeting(input, actor, db)
  updateMeeting(existingId, input, actor, db)
  return existingId
}

/** A meeting by the id a page or the API was given: its id and who chairs and attends it, or not found (the caller authorizes). */
export function findMeeting(param: string | number | undefined) {
  const { id, found } = findById(param, meetingAccess, 'meeting.notFound')
  return { id, access: found }
}
