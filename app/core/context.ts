import { type DB, type DBOrTx, getDb } from '#db/client'

/**
 * What a model function runs against: the database (the app's, a test's own, or the transaction
 * a caller is already in) and the moment it takes as now. Model functions take their options as one
 * object and this context last, every part optional: `createProgramme({ input, actor }, { db, now })`.
 */
export type Context = { db: DBOrTx; now: Date }

export function contextOf(given: Partial<Context> = {}): Context {
  return { db: given.db ?? getDb(), now: given.now ?? new Date() }
}

/** Whether `db` is the database itself rather than a caller's transaction: what batches its own
 *  transactions or checkpoints the write-ahead log needs the database. */
export function isDatabase(db: DBOrTx): db is DB {
  return '$client' in db
}
