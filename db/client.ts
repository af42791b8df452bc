import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import * as schema from './schema'

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0]
export type DBOrTx = DB | Tx

/** Opens a SQLite file with the settings the app relies on: WAL, foreign keys, busy timeout. */
export function openDatabase(file: string): DB {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  return drizzle(sqlite, { schema }) as DB
}

const globalForDb = globalThis as unknown as { __nghisuDb?: DB; __nghisuDbPath?: string }

/**
 * The process-wide database handle. One handle even when Vite loads app modules a second
 * time in development (STACK-NOTES), so it lives on globalThis.
 */
export function getDb(): DB {
  const file = process.env.DATABASE_PATH ?? 'data/nghisu.db'
  if (!globalForDb.__nghisuDb || globalForDb.__nghisuDbPath !== file || !globalForDb.__nghisuDb.$client.open) {
    const next = openDatabase(file) // throws before the current handle is touched
    if (globalForDb.__nghisuDb?.$client.open) globalForDb.__nghisuDb.$client.close()
    globalForDb.__nghisuDb = next
    globalForDb.__nghisuDbPath = file
  }
  return globalForDb.__nghisuDb
}

export function closeDb() {
  if (globalForDb.__nghisuDb?.$client.open) globalForDb.__nghisuDb.$client.close()
  globalForDb.__nghisuDb = undefined
}
