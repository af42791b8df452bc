import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users'

/** Sessions as the Lucia guide teaches: token `id.secret`, only SHA-256(secret) stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastVerifiedAt: integer('last_verified_at', { mode: 'timestamp_ms' }).notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Personal API tokens for other systems (`Authorization: Bearer ns_<id>.<secret>`). */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    /** Chosen at creation (default 90 days); tokens made before expiry existed got 90 days from creation. */
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    /** A read-only token may only read (GET); anything else is refused with 403. */
    readOnly: integer('read_only', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
)

/** Every sign-in attempt, for the rate limit (per username and per address) and for review. */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    /** The trusted device the attempt came from (its id in login_devices), when it had one for this username. */
    deviceId: text('device_id'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_attempts_username_idx').on(t.username, t.at), index('login_attempts_ip_idx').on(t.ip, t.at), index('login_attempts_device_idx').on(t.deviceId, t.at)],
)

/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
 * signed in as a user gets a cookie `<id>.<secret>`; only the secret's SHA-256 is stored. Failed
 * sign-ins from unknown devices are limited without locking the owner's own browser out.
 */
export const loginDevices = sqliteTable(
  'login_devices',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    username: text('username').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('login_devices_username_idx').on(t.username)],
)

/** One-time links that create an administrator (first run, or `npm run user:create`). */
export const setupTokens = sqliteTable('setup_tokens', {
  id: text('id').primaryKey(),
  secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  usedByUserId: integer('used_by_user_id').references(() => users.id),
})
