import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { issuingBodies } from './numbering'
import { units } from './units'
import { users } from './users'

/**
 * Issued periodic reports (báo cáo): the figures frozen as a snapshot with the number and date;
 * a draft is not stored — it is computed from the records whenever it is opened.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    /** The lead unit of a unit's own monthly evaluation; null for the whole body. */
    unitId: integer('unit_id').references(() => units.id),
    issuingBodyId: integer('issuing_body_id').references(() => issuingBodies.id),
    numberFormatted: text('number_formatted').notNull(),
    issuedOn: text('issued_on').notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    signerName: text('signer_name'),
    signerTitle: text('signer_title'),
    figures: text('figures', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('reports_period_idx').on(t.periodFrom, t.periodTo)],
)

/** Reminders to the Office before a reporting deadline, one per deadline (restarts never send twice). */
export const reportReminders = sqliteTable('report_reminders', {
  key: text('key').primaryKey(),
  sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
})
