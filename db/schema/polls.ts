import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { pollStates, type TrustLevel } from './enums'
import { users } from './users'

/**
 * Confidence polls (lấy phiếu tín nhiệm, Quy định 96-QĐ/TW). A campaign holds its RSA key for
 * blind signatures (RFC 9474): a voter's browser has a random token blindly signed while signed in
 * (`poll_voters.issued`: that, and nothing more, is recorded of the voter), then submits the
 * ballot without cookies under the token; the ballot is stored under the token's hash. Neither
 * table has a time or a rowid (WITHOUT ROWID, migration 0014): nothing pairs them.
 */
export const pollCampaigns = sqliteTable('poll_campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  title: text('title').notNull(),
  legalBasis: text('legal_basis').notNull(),
  /** The body holding the poll, as printed on the ballot. */
  bodyName: text('body_name').notNull(),
  chairUserId: integer('chair_user_id')
    .notNull()
    .references(() => users.id),
  state: text('state', { enum: pollStates }).notNull().default('draft'),
  opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
  closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
  allowSignature: integer('allow_signature', { mode: 'boolean' }).notNull().default(false),
  /** SPKI (base64) of the campaign's blind-signature key; the private key (PKCS#8, base64) signs tokens. */
  publicKey: text('public_key'),
  privateKey: text('private_key'),
  /** Voters convened, fixed when voting opens (the quorum's denominator). */
  convened: integer('convened'),
  openedAt: integer('opened_at', { mode: 'timestamp_ms' }),
  closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
})

/** The people polled, as printed on the ballot. */
export const pollCandidates = sqliteTable(
  'poll_candidates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => pollCampaigns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    post: text('post').notNull(),
    unitName: text('unit_name'),
    userId: integer('user_id').references(() => users.id),
  },
  (t) => [index('poll_candidates_idx').on(t.campaignId, t.position)],
)

/** The eligible voters; `issued`: a token was blindly signed for them (no time, no token). */
export const pollVoters = sqliteTable(
  'poll_voters',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => pollCampaigns.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    issued: integer('issued', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] })],
)

/** The counting board (Ban kiểm phiếu). */
export const pollBoard = sqliteTable(
  'poll_board',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => pollCampaigns.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] })],
)

/** Electronic ballots under the SHA-256 of their token: marks per person polled, no voter, no time. */
export const pollBallots = sqliteTable(
  'poll_ballots',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => pollCampaigns.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    marks: text('marks', { mode: 'json' }).$type<Record<string, TrustLevel | null>>().notNull(),
    signerName: text('signer_name'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.tokenHash] })],
)

/** Paper ballots counted by hand: totals per person, entered by two board members and compared. */
export const pollPaperTotals = sqliteTable(
  'poll_paper_totals',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => pollCampaigns.id, { onDelete: 'cascade' }),
    enteredBy: integer('entered_by')
      .notNull()
      .references(() => users.id),
    candidateId: integer('candidate_id')
      .notNull()
      .references(() => pollCandidates.id, { onDelete: 'cascade' }),
    issued: integer('issued').notNull(),
    returned: integer('returned').notNull(),
    high: integer('high').notNull(),
    normal: integer('normal').notNull(),
    low: integer('low').notNull(),
    invalid: integer('invalid').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.enteredBy, t.candidateId] })],
)
