import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { files } from './files'
import { agendaItems, meetings } from './meetings'
import { users } from './users'
import { documentKinds } from './enums'
export { documentKinds, type DocumentKind } from './enums'


/**
 * A meeting document (R4.6d): attached to the meeting or one of its agenda items; normal, or
 * restricted ("Mật": only the people named on it). Seen by the Office and its presenter until it
 * is distributed, then by the meeting's participants.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    agendaItemId: integer('agenda_item_id').references(() => agendaItems.id),
    title: text('title').notNull(),
    kind: text('kind', { enum: documentKinds }).notNull(),
    restricted: integer('restricted', { mode: 'boolean' }).notNull().default(false),
    /** Who presents it (the agenda item's presenter, or whoever uploaded it for the Office). */
    presenterUserId: integer('presenter_user_id').references(() => users.id),
    currentVersion: integer('current_version').notNull().default(1),
    distributedAt: integer('distributed_at', { mode: 'timestamp_ms' }),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('documents_meeting_idx').on(t.meetingId)],
)

/** Every version of a document's file, with who uploaded it, when, and why. */
export const documentVersions = sqliteTable(
  'document_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    version: integer('version').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => files.sha256),
    name: text('name').notNull(),
    note: text('note'),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: integer('uploaded_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('document_versions_unique').on(t.documentId, t.version)],
)

/** The people a restricted document is open to. */
export const documentReaders = sqliteTable(
  'document_readers',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] })],
)

/** Read receipts: first and last opening of each version by each person. */
export const documentReads = sqliteTable(
  'document_reads',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    version: integer('version').notNull(),
    firstOpenedAt: integer('first_opened_at', { mode: 'timestamp_ms' }).notNull(),
    lastOpenedAt: integer('last_opened_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId, t.version] })],
)

/** A delegate's private notes on a document: only they ever see them. */
export const documentNotes = sqliteTable(
  'document_notes',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] })],
)

/** Written opinions (góp ý) before the meeting: seen by the Office and the presenter. */
export const documentOpinions = sqliteTable(
  'document_opinions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    text: text('text').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('document_opinions_doc_idx').on(t.documentId)],
)

/** Each act of distribution: when, by whom, whether late (in working days) and why. */
export const documentDistributions = sqliteTable(
  'document_distributions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    by: integer('by')
      .notNull()
      .references(() => users.id),
    deadline: text('deadline').notNull(),
    lateByWorkingDays: integer('late_by_working_days').notNull().default(0),
    reason: text('reason'),
    documentIds: text('document_ids', { mode: 'json' }).$type<number[]>().notNull(),
  },
  (t) => [index('document_distributions_meeting_idx').on(t.meetingId)],
)
