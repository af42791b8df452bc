import { sql } from 'drizzle-orm'
import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { minutesStatuses } from './enums'
import { meetings } from './meetings'
import { issuingBodies } from './numbering'
import { users } from './users'

/**
 * The minutes (biên bản) of a meeting: a Tiptap document written by the minute-taker during the
 * meeting, prefilled from the room. Approval by the chair fixes the text (HTML rendered then), takes
 * the issuing body's `BB` number and records the signatories; a correction is a new row that
 * supersedes the approved one and keeps its number (version + 1).
 */
export const minutes = sqliteTable(
  'minutes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    status: text('status', { enum: minutesStatuses }).notNull().default('draft'),
    takerUserId: integer('taker_user_id').references(() => users.id),
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    revision: integer('revision').notNull().default(0),
    /** Whether the meeting's people (not only its chair, minute-taker and the Office) read it once approved. */
    shared: integer('shared', { mode: 'boolean' }).notNull().default(false),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    returnComment: text('return_comment'),
    returnedAt: integer('returned_at', { mode: 'timestamp_ms' }),
    issuingBodyId: integer('issuing_body_id').references(() => issuingBodies.id),
    numberFormatted: text('number_formatted'),
    approvedOn: text('approved_on'),
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
    approvedBy: integer('approved_by').references(() => users.id),
    /** Who signs: the chair (chủ trì) and the minute-taker (thư ký), name and post as at approval. */
    signatories: text('signatories', { mode: 'json' }).$type<{ chair: { name: string; post: string | null }; taker: { name: string; post: string | null } | null }>(),
    html: text('html'),
    version: integer('version').notNull().default(1),
    supersedesId: integer('supersedes_id').references((): AnySQLiteColumn => minutes.id),
    correctionReason: text('correction_reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('minutes_meeting_idx').on(t.meetingId, t.status), uniqueIndex('minutes_one_open_uq').on(t.meetingId).where(sql`status in ('draft', 'submitted')`)],
)

/** Saved states of a draft: who saved what when (saves by the same person within minutes coalesce). */
export const minutesVersions = sqliteTable(
  'minutes_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    minutesId: integer('minutes_id')
      .notNull()
      .references(() => minutes.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    savedBy: integer('saved_by')
      .notNull()
      .references(() => users.id),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('minutes_versions_idx').on(t.minutesId, t.savedAt)],
)
