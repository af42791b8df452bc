import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { meetings } from './meetings'
import { issuingBodies } from './numbering'
import { units } from './units'
import { users } from './users'
import { reportingCycles, taskEventKinds, reminderKinds } from './enums'
export { reportingCycles, taskEventKinds, reminderKinds } from './enums'

/** The chair's conclusion of a meeting (kết luận), drafted as Tiptap JSON and issued as a numbered notice. */
export const conclusions = sqliteTable(
  'conclusions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id),
    status: text('status', { enum: ['draft', 'issued', 'superseded'] }).notNull().default('draft'),
    /** Trích yếu: the summary line under the document kind. */
    summary: text('summary').notNull().default(''),
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    issuingBodyId: integer('issuing_body_id').references(() => issuingBodies.id),
    kindCode: text('kind_code').notNull().default('TB'),
    number: integer('number'),
    numberFormatted: text('number_formatted'),
    issuedOn: text('issued_on'),
    issuedAt: integer('issued_at', { mode: 'timestamp_ms' }),
    issuedBy: integer('issued_by').references(() => users.id),
    /** Issued within the meeting type's deadline (working days after the meeting). */
    onTime: integer('on_time', { mode: 'boolean' }),
    supersedesId: integer('supersedes_id').references((): AnySQLiteColumn => conclusions.id),
    /** Why a correction was made (for a conclusion that supersedes another). */
    correctionReason: text('correction_reason'),
    /** Bumped on every save of the draft: a save names the revision it started from. */
    revision: integer('revision').notNull().default(0),
    updatedBy: integer('updated_by').references(() => users.id),
    /** Nơi nhận beyond the units with tasks (which are added when issuing). */
    recipientUnitIds: text('recipient_unit_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    otherRecipients: text('other_recipients', { mode: 'json' }).$type<string[]>().notNull().default([]),
    signerTitle: text('signer_title'),
    signerName: text('signer_name'),
    /** The reader's HTML, generated on the server from `content` when issued. */
    html: text('html'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('conclusions_meeting_idx').on(t.meetingId)],
)

/** Saved states of a draft: who saved it and when. Autosaves by the same person within a few minutes update one version. */
export const conclusionVersions = sqliteTable(
  'conclusion_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conclusionId: integer('conclusion_id')
      .notNull()
      .references(() => conclusions.id),
    revision: integer('revision').notNull(),
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    summary: text('summary').notNull().default(''),
    savedBy: integer('saved_by')
      .notNull()
      .references(() => users.id),
    firstSavedAt: integer('first_saved_at', { mode: 'timestamp_ms' }).notNull(),
    savedAt: integer('saved_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('conclusion_versions_idx').on(t.conclusionId, t.savedAt)],
)


/** A task assigned in an issued conclusion: one lead unit, any coordinating units, a deadline or a reporting cycle. */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    conclusionId: integer('conclusion_id')
      .notNull()
      .references(() => conclusions.id),
    /** The id of the task node in the conclusion's document. */
    blockId: text('block_id').notNull(),
    position: integer('position').notNull(),
    content: text('content').notNull(),
    leadUnitId: integer('lead_unit_id')
      .notNull()
      .references(() => units.id),
    coordinatingUnitIds: text('coordinating_unit_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
    /** YYYY-MM-DD in force; null for standing tasks. */
    deadline: text('deadline'),
    /** The first deadline, kept when an extension is approved. */
    originalDeadline: text('original_deadline'),
    standingCycle: text('standing_cycle', { enum: reportingCycles }),
    followingLeaderId: integer('following_leader_id').references(() => users.id),
    progress: integer('progress').notNull().default(0),
    /** A requested new deadline awaiting the chair's or the Office's decision. */
    pendingDeadline: text('pending_deadline'),
    completionDeclaredOn: text('completion_declared_on'),
    completedOn: text('completed_on'),
    startedOn: text('started_on').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('tasks_lead_deadline_idx').on(t.leadUnitId, t.deadline),
    index('tasks_conclusion_idx').on(t.conclusionId),
    index('tasks_deadline_idx').on(t.deadline),
    // Covers the four-bucket counts by unit: the count reads the index, never the task rows.
    index('tasks_buckets_idx').on(t.leadUnitId, t.deadline, t.completedOn, t.progress),
  ],
)

/**
 * Which units a task involves (the lead and each coordinating unit), so "a unit's tasks" is an
 * index lookup rather than a scan of every task's JSON list. Written with the task, in the same
 * transaction, by `setTaskUnits` — never by hand.
 */
export const taskUnits = sqliteTable(
  'task_units',
  {
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    lead: integer('lead', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.taskId] }), index('task_units_task_idx').on(t.taskId)],
)


/** Everything that happened to a task, in order (R4.4: responsibility leaves a trail). */
export const taskEvents = sqliteTable(
  'task_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind', { enum: taskEventKinds }).notNull(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => users.id),
    unitId: integer('unit_id').references(() => units.id),
    percent: integer('percent'),
    text: text('text'),
    /** Deadlines before and after, for extensions; unit ids for reassignment. */
    fromValue: text('from_value'),
    toValue: text('to_value'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('task_events_task_idx').on(t.taskId, t.at), index('task_events_kind_idx').on(t.kind, t.at)],
)


/**
 * Reminders already sent: one row per task, kind and deadline, so a restart or a second run of
 * the daily job never sends the same reminder twice (the unique index is the guard).
 */
export const taskReminders = sqliteTable(
  'task_reminders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: integer('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind', { enum: reminderKinds }).notNull(),
    deadline: text('deadline').notNull(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('task_reminders_once').on(t.taskId, t.kind, t.deadline)],
)
