import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { SqliteError } from 'better-sqlite3'
import { DomainError } from '~/core/errors'
import type { ProgrammeInput, ProgrammeItemInput } from '~/features/meetings/index.server'
import type { DBOrTx } from '#db/client'
import { type Context, contextOf } from '~/core/context'
import { meetings, meetingTypes, programmeItems, type ProgrammeItemStatus, programmes, units, users } from '#db/schema/index'
import { changedFields, writeAudit } from '~/core/audit.server'
import type { AuditActor } from '~/core/actor'

const issuing = alias(units, 'issuing')
const presiding = alias(users, 'presiding')

export function listProgrammes(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({
      id: programmes.id,
      title: programmes.title,
      year: programmes.year,
      period: programmes.period,
      periodNumber: programmes.periodNumber,
      issuingUnitName: issuing.name,
      itemCount: count(programmeItems.id),
    })
    .from(programmes)
    .innerJoin(issuing, eq(issuing.id, programmes.issuingUnitId))
    .leftJoin(programmeItems, eq(programmeItems.programmeId, programmes.id))
    .groupBy(programmes.id)
    .orderBy(asc(programmes.year), asc(programmes.period), asc(programmes.periodNumber))
    .all()
}

export function getProgramme({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return (
    db
      .select({ id: programmes.id, title: programmes.title, year: programmes.year, period: programmes.period, periodNumber: programmes.periodNumber, issuingUnitId: programmes.issuingUnitId, issuingUnitName: issuing.name })
      .from(programmes)
      .innerJoin(issuing, eq(issuing.id, programmes.issuingUnitId))
      .where(eq(programmes.id, id))
      .get() ?? null
  )
}

export function createProgramme({ input, actor }: { input: ProgrammeInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  try {
    return db.transaction((tx) => {
      const values = { ...input, periodNumber: input.period === 'year' ? null : (input.periodNumber ?? null), createdAt: now }
      const row = tx.insert(programmes).values(values).returning({ id: programmes.id }).get()
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'programme.create', entityType: 'programme', entityId: row.id, after: input })
      return row.id
    })
  } catch (error) {
    if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DomainError('programme.exists', 'conflict', 'period')
    if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new DomainError('unit.notFound', 'invalid', 'issuingUnitId')
    throw error
  }
}

export type ItemFilter = { preparingUnitId?: number; presidingUserId?: number; status?: ProgrammeItemStatus }

export function listProgrammeItems({ programmeId, filter = {} }: { programmeId: number; filter?: ItemFilter }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const conditions: SQL[] = [eq(programmeItems.programmeId, programmeId)]
  if (filter.preparingUnitId) conditions.push(eq(programmeItems.preparingUnitId, filter.preparingUnitId))
  if (filter.presidingUserId) conditions.push(eq(programmeItems.presidingUserId, filter.presidingUserId))
  if (filter.status) conditions.push(eq(programmeItems.status, filter.status))
  const rows = db
    .select({
      id: programmeItems.id,
      content: programmeItems.content,
      plannedMonth: programmeItems.plannedMonth,
      plannedDate: programmeItems.plannedDate,
      status: programmeItems.status,
      statusReason: programmeItems.statusReason,
      notes: programmeItems.notes,
      meetingTypeId: programmeItems.meetingTypeId,
      meetingTypeName: meetingTypes.name,
      presidingUserId: programmeItems.presidingUserId,
      presidingName: presiding.fullName,
      preparingUnitId: programmeItems.preparingUnitId,
      preparingUnitName: units.name,
      preparingUnitCode: units.code,
      presidingUsername: presiding.username,
    })
    .from(programmeItems)
    .leftJoin(meetingTypes, eq(meetingTypes.id, programmeItems.meetingTypeId))
    .leftJoin(presiding, eq(presiding.id, programmeItems.presidingUserId))
    .leftJoin(units, eq(units.id, programmeItems.preparingUnitId))
    .where(and(...conditions))
    .orderBy(asc(programmeItems.plannedMonth), asc(programmeItems.plannedDate), asc(programmeItems.id))
    .all()
  return rows
}

export function getProgrammeItem({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const item = db
    .select({
      item: programmeItems,
      meetingTypeName: meetingTypes.name,
      presidingName: presiding.fullName,
      preparingUnitName: units.name,
      programmeTitle: programmes.title,
      programmeYear: programmes.year,
      issuingUnitId: programmes.issuingUnitId,
    })
    .from(programmeItems)
    .innerJoin(programmes, eq(programmes.id, programmeItems.programmeId))
    .leftJoin(meetingTypes, eq(meetingTypes.id, programmeItems.meetingTypeId))
    .leftJoin(presiding, eq(presiding.id, programmeItems.presidingUserId))
    .leftJoin(units, eq(units.id, programmeItems.preparingUnitId))
    .where(eq(programmeItems.id, id))
    .get()
  if (!item) return null
  const itemMeetings = db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .where(eq(meetings.programmeItemId, id))
    .orderBy(asc(meetings.startsAt))
    .all()
  const movedFrom = db.select({ id: programmeItems.id, plannedMonth: programmeItems.plannedMonth }).from(programmeItems).where(eq(programmeItems.movedToItemId, id)).get() ?? null
  return { ...item.item, meetingTypeName: item.meetingTypeName, presidingName: item.presidingName, preparingUnitName: item.preparingUnitName, programmeTitle: item.programmeTitle, programmeYear: item.programmeYear, issuingUnitId: item.issuingUnitId, meetings: itemMeetings, movedFrom }
}

function assertItemRefs(input: ProgrammeItemInput, db: DBOrTx) {
  if (input.meetingTypeId && !db.select({ id: meetingTypes.id }).from(meetingTypes).where(eq(meetingTypes.id, input.meetingTypeId)).get())
    throw new DomainError('meeting.typeMissing', 'invalid', 'meetingTypeId')
  if (input.presidingUserId && !db.select({ id: users.id }).from(users).where(and(eq(users.id, input.presidingUserId), eq(users.active, true))).get())
    throw new DomainError('user.notFound', 'invalid', 'presidingUserId')
  if (input.preparingUnitId && !db.select({ id: units.id }).from(units).where(eq(units.id, input.preparingUnitId)).get())
    throw new DomainError('unit.notFound', 'invalid', 'preparingUnitId')
}

function itemValues(input: ProgrammeItemInput) {
  return {
    content: input.content,
    meetingTypeId: input.meetingTypeId ?? null,
    presidingUserId: input.presidingUserId ?? null,
    preparingUnitId: input.preparingUnitId ?? null,
    plannedMonth: input.plannedMonth,
    plannedDate: input.plannedDate ?? null,
    notes: input.notes ?? null,
  }
}

function insertItem(tx: DBOrTx, programmeId: number, input: ProgrammeItemInput, now: Date) {
  assertItemRefs(input, tx)
  return tx
    .insert(programmeItems)
    .values({ programmeId, ...itemValues(input), createdAt: now, updatedAt: now })
    .returning({ id: programmeItems.id })
    .get().id
}

export function createProgrammeItem({ programmeId, input, actor }: { programmeId: number; input: ProgrammeItemInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  return db.transaction((tx) => {
    if (!tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, programmeId)).get()) throw new DomainError('programme.notFound', 'not_found')
    const id = insertItem(tx, programmeId, input, now)
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'programmeItem.create', entityType: 'programmeItem', entityId: id, after: itemValues(input) })
    return id
  })
}

export function updateProgrammeItem({ id, input, actor }: { id: number; input: ProgrammeItemInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const before = tx.select().from(programmeItems).where(eq(programmeItems.id, id)).get()
    if (!before) throw new DomainError('programme.itemMissing', 'not_found')
    assertItemRefs(input, tx)
    const values = itemValues(input)
    tx.update(programmeItems).set({ ...values, updatedAt: now }).where(eq(programmeItems.id, id)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'programmeItem.update', entityType: 'programmeItem', entityId: id, ...changedFields(before, { ...before, ...values }) })
  })
}

/**
 * The item follows the meeting held for it, inside the meeting's transaction (the meeting's audit
 * covers it): scheduled when a meeting is set for it, then held, postponed, or planned again when
 * the meeting is cancelled.
 */
export function followMeeting({ itemId, status, reason }: { itemId: number; status: 'scheduled' | 'held' | 'postponed' | 'planned'; reason?: string | null }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.update(programmeItems)
    .set({ status, updatedAt: now, ...(reason !== undefined ? { statusReason: reason } : {}) })
    .where(eq(programmeItems.id, itemId))
    .run()
}

/** Postpone or cancel (with a reason), or put back to planned / mark held. */
export function setItemStatus({ id, input, actor }: { id: number; input: { status: 'postponed' | 'cancelled' | 'planned' | 'held'; reason?: string }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const before = tx.select().from(programmeItems).where(eq(programmeItems.id, id)).get()
    if (!before) throw new DomainError('programme.itemMissing', 'not_found')
    if (before.status === 'moved') throw new DomainError('programme.itemClosed', 'conflict')
    tx.update(programmeItems).set({ status: input.status, statusReason: input.reason ?? null, updatedAt: now }).where(eq(programmeItems.id, id)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: `programmeItem.${input.status}`, entityType: 'programmeItem', entityId: id, before: { status: before.status }, after: { status: input.status, reason: input.reason ?? null } })
  })
}

/**
 * Moves an item to another month (of the same or another year): a new item continues it in the
 * issuing body's year programme for that year (created if needed); the old one is marked moved
 * and keeps the link.
 */
export function moveItem({ id, input, actor }: { id: number; input: { targetYear: number; targetMonth: number; reason: string }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  return db.transaction((tx) => {
    const item = tx
      .select({ item: programmeItems, issuingUnitId: programmes.issuingUnitId, year: programmes.year })
      .from(programmeItems)
      .innerJoin(programmes, eq(programmes.id, programmeItems.programmeId))
      .where(eq(programmeItems.id, id))
      .get()
    if (!item) throw new DomainError('programme.itemMissing', 'not_found')
    if (['moved', 'held', 'cancelled'].includes(item.item.status)) throw new DomainError('programme.itemClosed', 'conflict')
    if (item.year === input.targetYear && item.item.plannedMonth === input.targetMonth) throw new DomainError('programme.sameMonth', 'invalid', 'targetMonth')
    let target = tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.issuingUnitId, item.issuingUnitId), eq(programmes.year, input.targetYear), eq(programmes.period, 'year')))
      .get()
    if (!target) {
      const unit = tx.select({ name: units.name }).from(units).where(eq(units.id, item.issuingUnitId)).get()
      target = tx
        .insert(programmes)
        .values({ issuingUnitId: item.issuingUnitId, year: input.targetYear, period: 'year', title: `Chương trình công tác năm ${input.targetYear} của ${unit?.name ?? ''}`.trim(), createdAt: now })
        .returning({ id: programmes.id })
        .get()
    }
    const newId = tx
      .insert(programmeItems)
      .values({ ...item.item, id: undefined, programmeId: target.id, plannedMonth: input.targetMonth, plannedDate: null, status: 'planned', statusReason: null, movedToItemId: null, createdAt: now, updatedAt: now })
      .returning({ id: programmeItems.id })
      .get().id
    tx.update(programmeItems).set({ status: 'moved', statusReason: input.reason, movedToItemId: newId, updatedAt: now }).where(eq(programmeItems.id, id)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'programmeItem.move', entityType: 'programmeItem', entityId: id, after: { movedToItemId: newId, year: input.targetYear, month: input.targetMonth, reason: input.reason } })
    return newId
  })
}

/** Inserts parsed rows in one transaction: all or nothing. */
export function importProgrammeItems({ programmeId, items, actor }: { programmeId: number; items: ProgrammeItemInput[]; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  return db.transaction((tx) => {
    if (!tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, programmeId)).get()) throw new DomainError('programme.notFound', 'not_found')
    const ids = items.map((item) => insertItem(tx, programmeId, item, now))
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'programme.import', entityType: 'programme', entityId: programmeId, after: { items: ids.length } })
    return ids
  })
}

/** Lookups an import needs: meeting types by name, people by username, units by code (all lower-cased). */
export function importLookups(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const types = db.select({ id: meetingTypes.id, name: meetingTypes.name }).from(meetingTypes).all()
  const people = db.select({ id: users.id, username: users.username }).from(users).where(eq(users.active, true)).all()
  const unitRows = db.select({ id: units.id, code: units.code }).from(units).all()
  return {
    meetingTypes: new Map(types.map((t) => [t.name.trim().toLowerCase(), t.id])),
    users: new Map(people.map((p) => [p.username.toLowerCase(), p.id])),
    units: new Map(unitRows.map((u) => [u.code.toLowerCase(), u.id])),
  }
}

/** Items a meeting can be scheduled from: planned or postponed, any year's programme. */
export function schedulableItems(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: programmeItems.id, content: programmeItems.content, plannedMonth: programmeItems.plannedMonth, year: programmes.year })
    .from(programmeItems)
    .innerJoin(programmes, eq(programmes.id, programmeItems.programmeId))
    .where(inArray(programmeItems.status, ['planned', 'postponed', 'scheduled']))
    .orderBy(asc(programmes.year), asc(programmeItems.plannedMonth))
    .all()
}
