import { auditLog, users } from '#db/schema'
import type { DBOrTx } from '#db/client'
import { getDb } from '#db/client'
import { and, desc, eq } from 'drizzle-orm'

export type AuditEntry = {
  actorId: number | null
  action: string
  entityType: string
  entityId?: string | number | null
  before?: Record<string, unknown>
  after?: Record<string, unknown>
  ip?: string | null
}

/** Keeps only the fields that differ, so the log says what changed and nothing more. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key]
      a[key] = after[key]
    }
  }
  return { before: b, after: a }
}

/** Writes one audit row; call it inside the transaction that makes the change. */
export function writeAudit(db: DBOrTx, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      at: new Date(),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      summary: entry.before || entry.after ? { before: entry.before, after: entry.after } : null,
      ip: entry.ip ?? null,
    })
    .run()
}

/** The history of one record, newest first, with the actor's name. */
export function listAuditFor(entityType: string, entityId: string | number, db: DBOrTx = getDb(), limit = 100) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, summary: auditLog.summary, actorName: users.fullName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all()
}
