// Who takes part in a meeting: the participant list from the form (members, groups, units' officers, guests), the too-few warning, substitutes.
import { type AnyColumn, and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm'
import { events } from '~/core/events.server'
import { formatDateTime } from '~/core/dates'
import { DomainError } from '~/core/errors'
import { meetingParticipants, meetings, meetingTypes, userRoles, users } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import { groupMemberIds } from '~/features/groups/index.server'
import { unitOfficers } from '~/features/directory/index.server'
import type { AuditActor } from '~/core/actor'
import { type MeetingSaveInput, withTypeDefaults } from './meetings.server'
import { isSubstitute, parseSource, participantSource, SUBSTITUTE_PREFIX } from './participant-source'
import { type Context, contextOf } from '~/core/context'

type ParticipantRole = (typeof meetingParticipants.$inferInsert)['role']

// A member who also presents or keeps the minutes stays a member: membership decides the quorum and who votes.
const ROLE_RANK: Record<ParticipantRole, number> = { chair: 0, member: 1, secretary: 2, preparing_unit: 3, guest: 4 }

/**
 * Who is invited, from people, role groups and units (R4.6c): each active person once, with the
 * strongest meeting role that brought them in, and where they came from (for grouping).
 * The preparing unit of the meeting and of each agenda item is invited through its unit officers.
 */
export function expandParticipants({ input }: { input: MeetingSaveInput }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const result = new Map<number, { role: ParticipantRole; source: string }>()
  const add = (userId: number, role: ParticipantRole, source: string) => {
    const current = result.get(userId)
    if (!current || ROLE_RANK[role] < ROLE_RANK[current.role]) result.set(userId, { role, source })
  }
  const activeOf = (ids: number[]) =>
    ids.length ? db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.active, true))).all().map((r) => r.id) : []

  add(input.chairUserId, 'chair', participantSource.person)
  if (input.secretaryUserId) for (const id of activeOf([input.secretaryUserId])) add(id, 'secretary', participantSource.person)
  const presenters = input.agenda.map((a) => a.presenterUserId).filter((x): x is number => !!x)
  for (const id of activeOf(presenters)) add(id, 'preparing_unit', participantSource.person)
  const preparingUnits = [...new Set([input.preparingUnitId, ...input.agenda.map((a) => a.presenterUnitId)].filter((x): x is number => !!x))]
  if (preparingUnits.length) {
    for (const o of unitOfficers({ unitIds: preparingUnits }, { db })) add(o.id, 'preparing_unit', participantSource.unit(o.unitId))
  }
  for (const id of activeOf(input.memberUserIds)) add(id, 'member', participantSource.person)
  // Named groups: exactly their people (decision 019), not everyone holding a role.
  for (const [groupId, userIds] of groupMemberIds({ groupIds: input.memberGroupIds ?? [] }, { db })) for (const id of userIds) add(id, 'member', participantSource.group(groupId))
  for (const role of input.memberRoles) {
    const holders = db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
      .where(eq(users.active, true))
      .all()
    for (const h of holders) add(h.id, 'member', participantSource.role(role))
  }
  if (input.guestUnitIds.length) {
    const members = db.select({ id: users.id, unitId: users.unitId }).from(users).where(and(inArray(users.unitId, input.guestUnitIds), eq(users.active, true))).all()
    for (const m of members) add(m.id, 'guest', participantSource.unit(m.unitId!))
  }
  for (const id of activeOf(input.guestUserIds)) add(id, 'guest', participantSource.person)
  return result
}

/** Brings the participant rows in line with the expanded list; answers already given are kept. */
export function syncParticipants({ meetingId, wanted }: { meetingId: number; wanted: Map<number, { role: ParticipantRole; source: string }> }, ctx: Partial<Context> = {}) {
  const { db: tx } = contextOf(ctx)
  const existing = tx.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId)).all()
  const substitutes = new Set(existing.filter((p) => isSubstitute(p.source)).map((p) => p.userId))
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

/** With no composition of its own, a meeting is expected to have at least this many people (the chair and two). */
const FEWEST_PARTICIPANTS = 3

/**
 * Whether a meeting is about to invite fewer people than its type usually brings together (the
 * people its default groups, roles and units stand for, or three): the Office is asked to confirm
 * before the invitations go. Null when the composition is as expected.
 */
export function participantShortfall({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
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
    .where(and(eq(meetingParticipants.meetingId, id), notASubstitute()))
    .get()!.n
  const defaults = withTypeDefaults({ input: { meetingTypeId: row.meetingTypeId, chairUserId: row.chairUserId, agenda: [], memberUserIds: [], memberRoles: [], memberGroupIds: [], guestUnitIds: [], guestUserIds: [] } as unknown as MeetingSaveInput }, { db })
  const expected = Math.max(FEWEST_PARTICIPANTS, expandParticipants({ input: defaults }, { db }).size)
  return count < expected ? { count, expected, typeName: row.typeName } : null
}

/**
 * The Office confirms a proposed substitute (who is then invited and sees the meeting and its
 * documents) or refuses them (their row goes; the participant's answer is open again, and they are told).
 */
export function decideSubstitute({ meetingId, substituteUserId, approve, actor }: { meetingId: number; substituteUserId: number; approve: boolean; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const notified = db.transaction((tx) => {
    const meeting = tx.select().from(meetings).where(eq(meetings.id, meetingId)).get()
    if (!meeting) throw new DomainError('meeting.notFound', 'not_found')
    const row = tx.select().from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, substituteUserId))).get()
    const source = row ? parseSource(row.source) : null
    if (!row || source?.kind !== 'substitute' || row.substituteConfirmedAt) throw new DomainError('meeting.noSubstitutePending', 'conflict')
    const originalId = source.forUserId
    const original = tx.select({ name: users.fullName }).from(users).where(eq(users.id, originalId)).get()
    if (approve) {
      tx.update(meetingParticipants).set({ substituteConfirmedAt: now, invitedAt: now }).where(eq(meetingParticipants.id, row.id)).run()
      notify([{ userId: substituteUserId, kind: 'meeting.invitation', params: { title: meeting.title, original: original?.name ?? '', when: formatDateTime(meeting.startsAt), context: 'substitute' }, link: `/meetings/${meetingId}` }], { db: tx, now })
    } else {
      tx.delete(meetingParticipants).where(eq(meetingParticipants.id, row.id)).run()
      tx.update(meetingParticipants).set({ rsvp: 'pending', substituteUserId: null, respondedAt: now }).where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, originalId))).run()
      notify([{ userId: originalId, kind: 'meeting.substituteRefused', params: { title: meeting.title }, link: `/meetings/${meetingId}` }], { db: tx, now })
    }
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: approve ? 'meeting.substituteConfirmed' : 'meeting.substituteRefused', entityType: 'meeting', entityId: meetingId, after: { substituteUserId, originalId } })
    return approve ? [substituteUserId] : [originalId]
  })
  events.emit('meeting.participants.updated', { meetingId })
  events.emit('notification.created', { userIds: notified })
}

/** Who attends each of the given meetings (not declined), by meeting, chair and members first. */
export function participantNames({ meetingIds }: { meetingIds: number[] }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
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

/** In SQL: not standing in for someone (the list invitations go to). */
export function notASubstitute() {
  return sql`${meetingParticipants.source} not like ${SUBSTITUTE_PREFIX + '%'}`
}

/** In SQL: taking part in the meeting — anyone but a substitute the Office has not confirmed yet. */
export function takesPart() {
  return sql`(${meetingParticipants.source} not like ${SUBSTITUTE_PREFIX + '%'} or ${meetingParticipants.substituteConfirmedAt} is not null)`
}

/** In SQL: this participant row stands in for the user in `userIdColumn`. */
export function standsInFor(userIdColumn: AnyColumn) {
  return sql`${meetingParticipants.source} = ${SUBSTITUTE_PREFIX} || ${userIdColumn}`
}
