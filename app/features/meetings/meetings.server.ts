// Creating and editing a meeting (one transaction: the meeting, its agenda, its participants, the audit). Participants, conflicts, invitations, status and queries are their own modules beside it.
import { and, eq, inArray } from 'drizzle-orm'
import { events } from '~/core/events.server'
import { DomainError } from '~/core/errors'
import type { MeetingFormInput } from './schemas'
import { type DBOrTx } from '#db/client'
import { agendaItems, meetings, meetingTypes, type MeetingStatus, programmeItems, units, userRoles, users } from '#db/schema/index'
import { followMeeting } from '~/features/programme/index.server'
import { writeAudit } from '~/core/audit.server'
import type { AuditActor } from '~/core/actor'
import { expandParticipants, syncParticipants } from './participants.server'
import { type Context, contextOf } from '~/core/context'

export type MeetingSaveInput = Omit<MeetingFormInput, 'date' | 'startTime' | 'endTime' | 'confirmConflicts' | 'memberGroupIds'> & { memberGroupIds?: number[]; startsAt: Date; endsAt: Date }

export const EDITABLE: MeetingStatus[] = ['draft', 'invited', 'postponed']

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

/**
 * A meeting created with nobody but its chair invites the type's default participant groups
 * (roles and units), e.g. the Standing Committee for "Họp Ban Thường vụ".
 */
export function withTypeDefaults({ input }: { input: MeetingSaveInput }, ctx: Partial<Context> = {}): MeetingSaveInput {
  const { db } = contextOf(ctx)
  const nobody = !input.memberUserIds.length && !input.memberRoles.length && !(input.memberGroupIds ?? []).length && !input.guestUnitIds.length && !input.guestUserIds.length
  if (!nobody) return input
  const type = db.select({ roles: meetingTypes.defaultRoles, unitIds: meetingTypes.defaultUnitIds, groupIds: meetingTypes.defaultGroupIds }).from(meetingTypes).where(eq(meetingTypes.id, input.meetingTypeId)).get()
  return type ? { ...input, memberRoles: type.roles, memberGroupIds: type.groupIds, guestUnitIds: type.unitIds } : input
}

export function createMeeting({ input: rawInput, actor }: { input: MeetingSaveInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const id = db.transaction((tx) => {
    const input = withTypeDefaults({ input: rawInput }, { db: tx })
    assertReferences(input, tx)
    const row = tx
      .insert(meetings)
      .values({ ...meetingValues(input), status: 'draft', createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: meetings.id })
      .get()
    writeAgenda(tx, row.id, input.agenda)
    syncParticipants({ meetingId: row.id, wanted: expandParticipants({ input }, { db: tx }) }, { db: tx })
    if (input.programmeItemId)
      followMeeting({ itemId: input.programmeItemId, status: 'scheduled' }, { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'meeting.create', entityType: 'meeting', entityId: row.id, after: { title: input.title, startsAt: input.startsAt.toISOString(), programmeItemId: input.programmeItemId ?? null, offProgrammeReason: input.offProgrammeReason ?? null, urgent: input.urgent } })
    return row.id
  })
  events.emit('meeting.updated', { meetingId: id })
  return id
}

export function updateMeeting({ id, input, actor }: { id: number; input: MeetingSaveInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const before = tx.select().from(meetings).where(eq(meetings.id, id)).get()
    if (!before) throw new DomainError('meeting.notFound', 'not_found')
    if (!EDITABLE.includes(before.status)) throw new DomainError('meeting.notEditable', 'conflict')
    assertReferences(input, tx)
    const values = meetingValues(input)
    tx.update(meetings).set({ ...values, updatedAt: now }).where(eq(meetings.id, id)).run()
    writeAgenda(tx, id, input.agenda)
    syncParticipants({ meetingId: id, wanted: expandParticipants({ input }, { db: tx }) }, { db: tx })
    if (input.programmeItemId && input.programmeItemId !== before.programmeItemId)
      followMeeting({ itemId: input.programmeItemId, status: 'scheduled' }, { db: tx, now })
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

/** Creates the meeting, or updates it when `existingId` is given; returns its id. */
export function saveMeeting({ input, existingId, actor }: { input: MeetingSaveInput; existingId: number | null; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  if (!existingId) return createMeeting({ input: input, actor }, { db })
  updateMeeting({ id: existingId, input, actor }, { db })
  return existingId
}
