import { sql } from 'drizzle-orm'
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { attendanceStates, checkinMethods, passRules, sessionStates, speechKinds, speechStates, voteChoices, voteStates } from './enums'
import { agendaItems, meetings } from './meetings'
import { users } from './users'

/**
 * The meeting in session (phiên họp): opened, suspended, resumed and closed by the chair or the
 * Office. Every instant is stored, never a ticking value: a restart loses nothing.
 */
export const meetingSessions = sqliteTable('meeting_sessions', {
  meetingId: integer('meeting_id')
    .primaryKey()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  state: text('state', { enum: sessionStates }).notNull(),
  openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
  openedBy: integer('opened_by').references(() => users.id),
  /** While suspended: since when; the time suspended so far is in `suspendedMs`. */
  suspendedAt: integer('suspended_at', { mode: 'timestamp_ms' }),
  suspendedMs: integer('suspended_ms').notNull().default(0),
  closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  closedBy: integer('closed_by').references(() => users.id),
  currentAgendaItemId: integer('current_agenda_item_id').references(() => agendaItems.id),
  /** Key of the check-in codes shown on the big screen (HMAC of the 30-second window). */
  checkinSecret: text('checkin_secret').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
})

/** Progress of an agenda item in the session: time used, whether its speakers list is closed. */
export const agendaProgress = sqliteTable('agenda_progress', {
  agendaItemId: integer('agenda_item_id')
    .primaryKey()
    .references(() => agendaItems.id, { onDelete: 'cascade' }),
  meetingId: integer('meeting_id')
    .notNull()
    .references(() => meetings.id, { onDelete: 'cascade' }),
  firstStartedAt: integer('first_started_at', { mode: 'timestamp_ms' }),
  /** While it is the current item of an open session: since when (time used = usedMs + now − this). */
  runningSince: integer('running_since', { mode: 'timestamp_ms' }),
  usedMs: integer('used_ms').notNull().default(0),
  speakersClosed: integer('speakers_closed', { mode: 'boolean' }).notNull().default(false),
  /** Overrides the meeting type's speaking limit for this item. */
  speakingLimitMinutes: integer('speaking_limit_minutes'),
})

/** Attendance (điểm danh): one row per participant who checked in or was marked by the Office. */
export const attendance = sqliteTable(
  'attendance',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    state: text('state', { enum: attendanceStates }).notNull(),
    arrivedAt: integer('arrived_at', { mode: 'timestamp_ms' }),
    /** After the start plus the meeting type's grace minutes. */
    late: integer('late', { mode: 'boolean' }).notNull().default(false),
    leftAt: integer('left_at', { mode: 'timestamp_ms' }),
    leftReason: text('left_reason'),
    absentReason: text('absent_reason'),
    /** The delegate acknowledged the meeting rules (R4.6e) at check-in. */
    rulesAcknowledgedAt: integer('rules_acknowledged_at', { mode: 'timestamp_ms' }),
    method: text('method', { enum: checkinMethods }),
    recordedBy: integer('recorded_by').references(() => users.id),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('attendance_meeting_user_uq').on(t.meetingId, t.userId)],
)

/**
 * Speakers (đăng ký phát biểu): a request, then a speech. The countdown is stored as the instant it
 * reaches zero while running (`endsAt`) and as the milliseconds left while paused (`remainingMs`);
 * time spoken is `spokenMs` plus, while running, now − `segmentStartedAt`.
 */
export const speeches = sqliteTable(
  'speeches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: speechKinds }).notNull(),
    note: text('note'),
    state: text('state', { enum: speechStates }).notNull().default('waiting'),
    /** Order of normal requests (the chair reorders); debate requests go by `requestedAt`. */
    weight: integer('weight').notNull(),
    requestedAt: integer('requested_at', { mode: 'timestamp_ms' }).notNull(),
    addedBy: integer('added_by').references(() => users.id),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    limitMs: integer('limit_ms'),
    endsAt: integer('ends_at', { mode: 'timestamp_ms' }),
    remainingMs: integer('remaining_ms'),
    spokenMs: integer('spoken_ms').notNull().default(0),
    segmentStartedAt: integer('segment_started_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('speeches_item_idx').on(t.agendaItemId, t.state),
    // One waiting request per person per item; one speech on the floor per meeting.
    uniqueIndex('speeches_one_waiting_uq').on(t.agendaItemId, t.userId).where(sql`state = 'waiting'`),
    uniqueIndex('speeches_one_floor_uq').on(t.meetingId).where(sql`state in ('speaking', 'paused')`),
  ],
)

/** A vote (biểu quyết) on an agenda item; the counts and the quorum are fixed at its close. */
export const votes = sqliteTable(
  'votes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    agendaItemId: integer('agenda_item_id')
      .notNull()
      .references(() => agendaItems.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    secret: integer('secret', { mode: 'boolean' }).notNull(),
    passRule: text('pass_rule', { enum: passRules }).notNull(),
    state: text('state', { enum: voteStates }).notNull().default('open'),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    openedBy: integer('opened_by').references(() => users.id),
    /** Closes by itself at this instant, when set. */
    closesAt: integer('closes_at', { mode: 'timestamp_ms' }),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
    closedBy: integer('closed_by').references(() => users.id),
    convened: integer('convened'),
    presentAtClose: integer('present_at_close'),
    entitledAtClose: integer('entitled_at_close'),
    quorumNeeded: integer('quorum_needed'),
    quorumMet: integer('quorum_met', { mode: 'boolean' }),
    yes: integer('yes'),
    no: integer('no'),
    abstain: integer('abstain'),
    passed: integer('passed', { mode: 'boolean' }),
  },
  (t) => [index('votes_meeting_idx').on(t.meetingId, t.agendaItemId), uniqueIndex('votes_one_open_uq').on(t.meetingId).where(sql`state = 'open'`)],
)

/**
 * Who has voted, for every vote: no time, no choice. Created WITHOUT ROWID (migration 0012), so
 * rows sit in (vote, user) order and nothing records the order they were cast in.
 */
export const voteVoters = sqliteTable('vote_voters', {
  voteId: integer('vote_id').notNull().references(() => votes.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id),
}, (t) => [primaryKey({ columns: [t.voteId, t.userId] })])

/** A named vote's choices: who chose what is part of the record. */
export const namedBallots = sqliteTable('named_ballots', {
  voteId: integer('vote_id').notNull().references(() => votes.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id),
  choice: text('choice', { enum: voteChoices }).notNull(),
}, (t) => [primaryKey({ columns: [t.voteId, t.userId] })])

/**
 * A secret vote's ballots: a random key and the choice, nothing else — no voter, no time. Also
 * WITHOUT ROWID, so they sit in random-key order: no insertion order pairs them with voters.
 */
export const secretBallots = sqliteTable('secret_ballots', {
  voteId: integer('vote_id').notNull().references(() => votes.id, { onDelete: 'cascade' }),
  ballotKey: text('ballot_key').notNull(),
  choice: text('choice', { enum: voteChoices }).notNull(),
}, (t) => [primaryKey({ columns: [t.voteId, t.ballotKey] })])

/** Display links for the room's big screen: revocable, read-only, one meeting. */
export const meetingDisplays = sqliteTable(
  'meeting_displays',
  {
    id: text('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    label: text('label'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('meeting_displays_meeting_idx').on(t.meetingId)],
)

/** A delegate's private notes during the meeting: only they read them. */
export const meetingNotes = sqliteTable('meeting_notes', {
  meetingId: integer('meeting_id').notNull().references(() => meetings.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id),
  text: text('text').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
}, (t) => [primaryKey({ columns: [t.meetingId, t.userId] })])
