import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { taskEvents } from './conclusions'
import { users } from './users'

/**
 * Stored file contents, addressed by their SHA-256: the same bytes uploaded twice are stored once
 * (at FILES_DIR/<first two hex>/<hash>). Names belong to whatever refers to a file, never to paths.
 */
export const files = sqliteTable('files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  /** Detected from the content (magic bytes), not taken from the browser. */
  mime: text('mime').notNull(),
  ext: text('ext').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
})

/** Files attached to a task's progress report, completion evidence or contribution. */
export const taskEventFiles = sqliteTable(
  'task_event_files',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskEventId: integer('task_event_id')
      .notNull()
      .references(() => taskEvents.id),
    sha256: text('sha256')
      .notNull()
      .references(() => files.sha256),
    name: text('name').notNull(),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [index('task_event_files_event_idx').on(t.taskEventId)],
)
