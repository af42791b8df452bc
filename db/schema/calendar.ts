import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users'

/** The Office's corrections to the computed calendar: extra days off, weekend days worked. */
export const calendarOverrides = sqliteTable('calendar_overrides', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** YYYY-MM-DD (Asia/Ho_Chi_Minh). */
  date: text('date').notNull().unique(),
  kind: text('kind', { enum: ['day_off', 'working_day'] }).notNull(),
  note: text('note').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
})

/** Personal iCalendar feeds (`/calendar/<token>.ics`), revocable. */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('calendar_feeds_user_idx').on(t.userId)],
)
