import { sql } from 'drizzle-orm'
import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { roles, users } from './users'
import { units } from './units'
import { passRules, quorumRules, substituteRules, programmePeriods, programmeItemStatuses, meetingModes, meetingStatuses, participantRoles, rsvpStates } from './enums'
export { substituteRules, programmePeriods, programmeItemStatuses, meetingModes, meetingStatuses, participantRoles, rsvpStates, type ProgrammeItemStatus, type MeetingStatus, type RsvpState } from './enums'


/** Kinds of meeting and their rules (R4.2): lead time, conclusion deadline, speaking limit. */
export const meetingTypes = sqliteTable('meeting_types', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** Working days before the meeting by which invitations and documents must reach delegates. */
  documentLeadDays: integer('document_lead_days').notNull().default(3),
  /** Working days after the meeting within which the conclusion notice must be issued. */
  conclusionDeadlineDays: integer('conclusion_deadline_days').notNull().default(5),
  speakingLimitMinutes: integer('speaking_limit_minutes').notNull().default(5),
  maxDurationMinutes: integer('max_duration_minutes'),
  /** Roles whose holders are invited by default (e.g. the Standing Committee's delegates). */
  defaultRoles: text('default_roles', { mode: 'json' }).$type<(typeof roles)[number][]>().notNull().default([]),
  /** Units whose members are invited by default. */
  defaultUnitIds: text('default_unit_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
  /** Named participant groups invited by default (e.g. Ủy viên Ban Thường vụ for "Họp Ban Thường vụ"). */
  defaultGroupIds: text('default_group_ids', { mode: 'json' }).$type<number[]>().notNull().default([]),
  /**
   * Who lets a substitute in: `office` — the Office confirms every substitute; `same_unit` — a
   * colleague from the participant's own unit is in at once, anyone else waits for the Office.
   */
  substituteRule: text('substitute_rule', { enum: substituteRules }).notNull().default('office'),
  /** Minutes after the start within which an arrival is not late. */
  graceMinutes: integer('grace_minutes').notNull().default(10),
  quorumRule: text('quorum_rule', { enum: quorumRules }).notNull().default('two_thirds'),
  /** The default rule to pass a vote in the room. */
  passRule: text('pass_rule', { enum: passRules }).notNull().default('half_of_convened'),
  /** A debate reply's time limit (tranh luận, R4.6f). */
  debateLimitSeconds: integer('debate_limit_seconds').notNull().default(60),
  /** Whether confirmed substitutes vote (and count for the quorum) in place of the member. */
  substitutesVote: integer('substitutes_vote', { mode: 'boolean' }).notNull().default(false),
  /** The meeting rules (nội quy, R4.6e) delegates acknowledge at check-in; null: the default text. */
  rulesText: text('rules_text'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
})


/** Chương trình công tác of an issuing body for a year, a quarter or a month (R4.6a). */
export const programmes = sqliteTable(
  'programmes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    issuingUnitId: integer('issuing_unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    period: text('period', { enum: programmePeriods }).notNull(),
    /** Quarter 1–4 or month 1–12; null for a year programme. */
    periodNumber: integer('period_number'),
    title: text('title').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('programmes_period_uq').on(t.issuingUnitId, t.year, t.period, t.periodNumber)],
)

export const programmeItems = sqliteTable(
  'programme_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    programmeId: integer('programme_id')
      .notNull()
      .references(() => programmes.id),
    content: text('content').notNull(),
    meetingTypeId: integer('meeting_type_id').references(() => meetingTypes.id),
    presidingUserId: integer('presiding_user_id').references(() => users.id),
    preparingUnitId: integer('preparing_unit_id').references(() => units.id),
    plannedMonth: integer('planned_month').notNull(),
    /** A planned day, when known (YYYY-MM-DD). */
    plannedDate: text('planned_date'),
    notes: text('notes'),
    status: text('status', { enum: programmeItemStatuses }).notNull().default('planned'),
    statusReason: text('status_reason'),
    /** When moved to another period: the item that continues it. */
    movedToItemId: integer('moved_to_item_id').references((): AnySQLiteColumn => programmeItems.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('programme_items_programme_idx').on(t.programmeId, t.plannedMonth), index('programme_items_unit_idx').on(t.preparingUnitId)],
)


export const meetings = sqliteTable(
  'meetings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    title: text('title').notNull(),
    meetingTypeId: integer('meeting_type_id')
      .notNull()
      .references(() => meetingTypes.id),
    programmeItemId: integer('programme_item_id').references(() => programmeItems.id),
    /** Why a meeting is held outside the work programme (required then). */
    offProgrammeReason: text('off_programme_reason'),
    /** Đột xuất: waives the lead-time rule, counted as such in reports. */
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    chairUserId: integer('chair_user_id')
      .notNull()
      .references(() => users.id),
    startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }).notNull(),
    mode: text('mode', { enum: meetingModes }).notNull(),
    location: text('location'),
    joinUrl: text('join_url'),
    preparingUnitId: integer('preparing_unit_id').references(() => units.id),
    status: text('status', { enum: meetingStatuses }).notNull().default('draft'),
    statusReason: text('status_reason'),
    invitationsSentAt: integer('invitations_sent_at', { mode: 'timestamp_ms' }),
    /** The day by which invitations had to go out (start − lead time in working days), fixed when sent. */
    invitationDeadline: text('invitation_deadline'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('meetings_starts_idx').on(t.startsAt), index('meetings_chair_idx').on(t.chairUserId, t.startsAt), index('meetings_item_idx').on(t.programmeItemId)],
)

export const agendaItems = sqliteTable(
  'agenda_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenterUserId: integer('presenter_user_id').references(() => users.id),
    presenterUnitId: integer('presenter_unit_id').references(() => units.id),
    plannedMinutes: integer('planned_minutes'),
  },
  (t) => [index('agenda_meeting_idx').on(t.meetingId, t.position)],
)


export const meetingParticipants = sqliteTable(
  'meeting_participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: participantRoles }).notNull(),
    /** How the person came to be invited, for grouping: `person`, `role:<role>`, `unit:<id>`, `substitute:<userId>`. */
    source: text('source').notNull().default('person'),
    rsvp: text('rsvp', { enum: rsvpStates }).notNull().default('pending'),
    rsvpReason: text('rsvp_reason'),
    substituteUserId: integer('substitute_user_id').references(() => users.id),
    /** When this person's invitation was sent (null: added after, not yet invited). */
    invitedAt: integer('invited_at', { mode: 'timestamp_ms' }),
    respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
    /**
     * A substitute (source `substitute:<id>`) takes part — sees the meeting and its documents —
     * only once confirmed (by the Office, or at once under the type's `same_unit` rule).
     */
    substituteConfirmedAt: integer('substitute_confirmed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('participants_meeting_user_uq').on(t.meetingId, t.userId), index('participants_user_idx').on(t.userId)],
)

/** In-app notifications (invitations, changes, reminders). */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /**
     * What the notification says, as parameters of its kind's message (app/i18n/notices.ts), so each
     * reader reads it in their own language; `title` and `body` keep the Vietnamese wording (e-mail,
     * and the rows written before parameters, which have none).
     */
    params: text('params', { mode: 'json' }).$type<Record<string, string | number>>(),
    link: text('link'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt),
    // Only the rows written before parameters were stored: what the start-up recovery looks at stays that small.
    index('notifications_without_params_idx').on(t.id).where(sql`${t.params} is null`),
  ],
)
