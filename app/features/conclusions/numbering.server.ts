import { and, asc, eq, sql } from 'drizzle-orm'
import { formatDocumentNumber, numberingPeriod } from './document-number'
import { DomainError } from '~/core/errors'
import { documentSequences, issuingBodies, units } from '#db/schema/index'
import { changedFields, writeAudit } from '~/core/audit.server'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

/**
 * Takes the next number of a document kind for an issuing body. Call it inside the transaction
 * that issues the document: the increment is one atomic statement (insert or bump, returning the
 * value), so two issuings — even from two processes on the same file — get consecutive numbers,
 * and a rolled-back issuing gives its number back (no gaps).
 */
export function allocateDocumentNumber({ issuingBodyId, kindCode, issuedOn }: { issuingBodyId: number; kindCode: string; issuedOn: string }, ctx: Partial<Context> = {}) {
  const { db: tx } = contextOf(ctx)
  const body = tx.select().from(issuingBodies).where(eq(issuingBodies.id, issuingBodyId)).get()
  if (!body) throw new DomainError('numbering.bodyMissing', 'invalid')
  const config = { style: body.style, bodyCode: body.bodyCode, termStartYear: body.termStartYear ?? undefined }
  const period = numberingPeriod(config, issuedOn)
  const row = tx
    .insert(documentSequences)
    .values({ issuingBodyId, kindCode, period, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentSequences.issuingBodyId, documentSequences.kindCode, documentSequences.period],
      set: { lastNumber: sql`${documentSequences.lastNumber} + 1` },
    })
    .returning({ lastNumber: documentSequences.lastNumber })
    .get()
  return { number: row.lastNumber, period, formatted: formatDocumentNumber(config, kindCode, row.lastNumber) }
}

/**
 * The number the next document of this kind would take today, without taking it (what the chair
 * is asked to confirm before issuing). Issuing itself still allocates in its transaction.
 */
export function peekDocumentNumber({ issuingBodyId, kindCode, issuedOn }: { issuingBodyId: number; kindCode: string; issuedOn: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const body = db.select().from(issuingBodies).where(eq(issuingBodies.id, issuingBodyId)).get()
  if (!body) return null
  const config = { style: body.style, bodyCode: body.bodyCode, termStartYear: body.termStartYear ?? undefined }
  const period = numberingPeriod(config, issuedOn)
  const last = db
    .select({ n: documentSequences.lastNumber })
    .from(documentSequences)
    .where(and(eq(documentSequences.issuingBodyId, issuingBodyId), eq(documentSequences.kindCode, kindCode), eq(documentSequences.period, period)))
    .get()?.n ?? 0
  return formatDocumentNumber(config, kindCode, last + 1)
}

/**
 * The head of an issuing body's documents: its name as registered ("TỈNH ỦY HÀ TĨNH", or its
 * unit's name when none is set) and where it signs. `issuingBodyId` null: the Office's body when
 * `preferOffice`, else the first body. One place for the conclusion, the minutes and the reports.
 */
export function issuingBodyHeader({ issuingBodyId, preferOffice = false }: { issuingBodyId: number | null; preferOffice?: boolean }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const select = db.select({ headerName: issuingBodies.headerName, unitName: units.name, place: issuingBodies.place }).from(issuingBodies).innerJoin(units, eq(units.id, issuingBodies.unitId))
  const row = issuingBodyId
    ? select.where(eq(issuingBodies.id, issuingBodyId)).get()
    : select.orderBy(...(preferOffice ? [sql`case when ${units.kind} = 'office' then 0 else 1 end`] : []), asc(issuingBodies.id)).get()
  return { bodyName: row?.headerName?.trim() || row?.unitName || '', place: row?.place ?? '' }
}

/** Every issuing body, for the administrator's page. */
export function listIssuingBodies(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: issuingBodies.id, unitName: units.name, headerName: issuingBodies.headerName, place: issuingBodies.place, bodyCode: issuingBodies.bodyCode, style: issuingBodies.style })
    .from(issuingBodies)
    .innerJoin(units, eq(units.id, issuingBodies.unitId))
    .orderBy(asc(issuingBodies.id))
    .all()
}

/** Sets how an issuing body is named at the head of its documents and where it signs. */
export function updateIssuingBody({ id, input, actor }: { id: number; input: { headerName: string | null; place: string }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    const before = tx.select().from(issuingBodies).where(eq(issuingBodies.id, id)).get()
    if (!before) throw new DomainError('issuingBodies.notFound', 'not_found')
    tx.update(issuingBodies).set({ headerName: input.headerName, place: input.place }).where(eq(issuingBodies.id, id)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'issuingBody.update', entityType: 'issuingBody', entityId: id, ...changedFields({ headerName: before.headerName, place: before.place }, input) })
  })
}
