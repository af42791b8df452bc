import { and, asc, count, eq, inArray, like, or, type SQL } from 'drizzle-orm'
import { SqliteError } from 'better-sqlite3'
import { DomainError } from '~/core/errors'
import { normaliseForSearch } from '~/core/text'
import type { UnitInput } from './schemas/units'
import { type DBOrTx } from '#db/client'
import { units, userRoles, users } from '#db/schema/index'
import { changedFields, writeAudit } from '~/core/audit.server'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

export type Unit = typeof units.$inferSelect
export type UnitNode = Pick<Unit, 'id' | 'name' | 'code' | 'kind' | 'parentId' | 'active'> & { depth: number }

const unitColumns = { id: units.id, name: units.name, code: units.code, kind: units.kind, parentId: units.parentId, active: units.active }

/**
 * All units in tree order (parents before children, siblings by name) with their depth,
 * for pickers and the admin tree. A province has a few hundred units: one query, ordered in memory.
 */
export function listUnitTree(options: { includeInactive?: boolean } = {}, ctx: Partial<Context> = {}): UnitNode[] {
  const { db } = contextOf(ctx)
  const rows = db
    .select(unitColumns)
    .from(units)
    .where(options.includeInactive ? undefined : eq(units.active, true))
    .orderBy(asc(units.name))
    .all()
  const byParent = new Map<number | null, typeof rows>()
  const ids = new Set(rows.map((r) => r.id))
  for (const row of rows) {
    // A child whose parent is filtered out (inactive) is shown at the top level.
    const key = row.parentId != null && ids.has(row.parentId) ? row.parentId : null
    const list = byParent.get(key) ?? []
    list.push(row)
    byParent.set(key, list)
  }
  const out: UnitNode[] = []
  const walk = (parentId: number | null, depth: number) => {
    for (const row of byParent.get(parentId) ?? []) {
      out.push({ ...row, depth })
      walk(row.id, depth + 1)
    }
  }
  walk(null, 0)
  return out
}

export function listUnits({ filter = {} }: { filter?: { q?: string; includeInactive?: boolean } } = {}, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const conditions: SQL[] = []
  if (!filter.includeInactive) conditions.push(eq(units.active, true))
  const q = filter.q ? normaliseForSearch(filter.q) : ''
  if (q) {
    const pattern = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    conditions.push(or(like(units.searchText, pattern), like(units.code, pattern.toUpperCase()))!)
  }
  return db
    .select(unitColumns)
    .from(units)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(units.name))
    .all()
}

export function getUnit({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const unit = db.select(unitColumns).from(units).where(eq(units.id, id)).get()
  if (!unit) return null
  const memberCount = db.select({ n: count() }).from(users).where(and(eq(users.unitId, id), eq(users.active, true))).get()?.n ?? 0
  return { ...unit, memberCount }
}

/** True when `candidateParentId` is `unitId` itself or lies below it: that parent would make a cycle. */
function wouldCreateCycle(unitId: number, candidateParentId: number, db: DBOrTx) {
  let current: number | null = candidateParentId
  const seen = new Set<number>()
  while (current != null && !seen.has(current)) {
    if (current === unitId) return true
    seen.add(current)
    current = db.select({ parentId: units.parentId }).from(units).where(eq(units.id, current)).get()?.parentId ?? null
  }
  return false
}

function rethrowUnique(error: unknown): never {
  if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DomainError('unit.codeTaken', 'conflict', 'code')
  throw error
}

function assertParent(parentId: number | null | undefined, db: DBOrTx) {
  if (parentId == null) return
  if (!db.select({ id: units.id }).from(units).where(eq(units.id, parentId)).get()) throw new DomainError('unit.parentMissing', 'invalid', 'parentId')
}

export function createUnit({ input, actor }: { input: UnitInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  try {
    const id = db.transaction((tx) => {
      assertParent(input.parentId, tx)
      const values = { name: input.name, code: input.code, kind: input.kind, parentId: input.parentId ?? null, active: input.active ?? true }
      const row = tx
        .insert(units)
        .values({ ...values, searchText: normaliseForSearch(input.name) })
        .returning({ id: units.id })
        .get()
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'unit.create', entityType: 'unit', entityId: row.id, after: values })
      return row.id
    })
    return id
  } catch (error) {
    rethrowUnique(error)
  }
}

export function updateUnit({ id, input, actor }: { id: number; input: Partial<UnitInput>; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  try {
    db.transaction((tx) => {
      const before = tx.select(unitColumns).from(units).where(eq(units.id, id)).get()
      if (!before) throw new DomainError('unit.notFound', 'not_found')
      if (input.parentId != null) {
        assertParent(input.parentId, tx)
        if (wouldCreateCycle(id, input.parentId, tx)) throw new DomainError('unit.parentCycle', 'invalid', 'parentId')
      }
      const next = { ...before, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) }
      if (input.parentId === null) next.parentId = null
      tx.update(units)
        .set({
          name: next.name,
          code: next.code,
          kind: next.kind,
          parentId: next.parentId,
          active: next.active,
          searchText: normaliseForSearch(next.name),
          updatedAt: new Date(),
        })
        .where(eq(units.id, id))
        .run()
      const { before: b, after: a } = changedFields(before, next)
      const action = before.active && next.active === false ? 'unit.deactivate' : !before.active && next.active ? 'unit.activate' : 'unit.update'
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action, entityType: 'unit', entityId: id, before: b, after: a })
    })
  } catch (error) {
    rethrowUnique(error)
  }
}

/**
 * The active unit officers (cán bộ đơn vị) of the given units, with their unit: who hears of a unit's
 * tasks, reminders and invitations. One query for every place that needs them.
 */
export function unitOfficers({ unitIds }: { unitIds: number[] }, ctx: Partial<Context> = {}): { id: number; unitId: number }[] {
  const { db } = contextOf(ctx)
  if (!unitIds.length) return []
  return db
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'unit_officer')))
    .where(and(inArray(users.unitId, unitIds), eq(users.active, true)))
    .all() as { id: number; unitId: number }[]
}
