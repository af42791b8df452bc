import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Data versions: one counter per kind of data a live view reads, bumped by triggers on every
 * write to its tables (migration 0008), whoever writes — the app, a seed, a CLI in another
 * process. A read model kept in memory compares the counter with the one it was built at and
 * rebuilds when they differ (decision 011).
 */
export const dataVersions = sqliteTable('data_versions', {
  name: text('name').primaryKey(),
  version: integer('version').notNull().default(0),
})
