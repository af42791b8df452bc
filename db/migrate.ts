import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { DB } from './client'

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

/** Applies the drizzle-kit migrations in db/migrations that the database has not seen yet. */
export function migrateDatabase(db: DB) {
  migrate(db, { migrationsFolder })
}
