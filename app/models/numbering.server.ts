import { and, eq, sql } from 'drizzle-orm'
import { formatDocumentNumber, numberingPeriod } from '~/lib/document-number'
import { DomainError } from '~/lib/errors'
import type { DBOrTx } from '#db/client'
import { documentSequences, issuingBodies } from '#db/schema'

/**
 * Takes the next number of a document kind for an issuing body. Call it inside the transaction
 * that issues the document: the increment is one atomic statement (insert or bump, returning the
 * value), so two issuings — even from two processes on the same file — get consecutive numbers,
 * and a rolled-back issuing gives its number back (no gaps).
 */
export function allocateDocumentNumber(tx: DBOrTx, issuingBodyId: number, kindCode: string, issuedOn: string) {
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
export function peekDocumentNumber(db: DBOrTx, issuingBodyId: number, kindCode: string, issuedOn: string) {
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
