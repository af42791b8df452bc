import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users'

/** Who did what, when, with a before/after summary. Every change writes here (R4.1). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** JSON: { before?, after? } with only the fields that changed. */
    summary: text('summary', { mode: 'json' }).$type<{ before?: Record<string, unknown>; after?: Record<string, unknown> }>(),
    ip: text('ip'),
  },
  (t) => [index('audit_entity_idx').on(t.entityType, t.entityId, t.at), index('audit_actor_idx').on(t.actorId, t.at)],
)
