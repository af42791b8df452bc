import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Submissions already taken, so that a second click, a retried request or a replayed form never
 * writes twice. `scope` is `form` for page forms (their key is random per rendering of the form)
 * or `api:<userId>` for the API's `Idempotency-Key`. A key is claimed (`pending`) before the
 * change runs and kept (`done`, with the API's reply) when it succeeded; released when it failed,
 * so a corrected form can be sent again. Kept a day.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** What was asked (method, path and a hash of the body): the same key for another request is refused. */
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['pending', 'done'] }).notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
)
