import { eq } from 'drizzle-orm'
import { config } from '~/core/config.server'
import { events } from '~/core/events.server'
import { revokeAllApiTokens } from './api-tokens.server'
import { createTokenParts, parseToken, secretMatches } from '~/core/tokens.server'
import { sessions } from '#db/schema/index'
import { getSessionUser, type SessionUser } from './users.server'
import { type Context, contextOf } from '~/core/context'

const DAY = 24 * 60 * 60 * 1000
/** lastVerifiedAt is refreshed at most this often, so most requests do not write. */
const ACTIVITY_CHECK_INTERVAL = 60 * 60 * 1000

export type SessionPolicy = { maxAgeMs: number; inactivityMs: number }

function sessionPolicy(): SessionPolicy {
  const c = config()
  return { maxAgeMs: c.SESSION_MAX_AGE_DAYS * DAY, inactivityMs: c.SESSION_INACTIVITY_DAYS * DAY }
}

export type Session = typeof sessions.$inferSelect

export function createSession(
  { userId, meta = {} }: { userId: number; meta?: { userAgent?: string | null; ip?: string | null } }, ctx: Partial<Context> = {},
) {
  const { db, now } = contextOf(ctx)
  const { id, token, secretHash } = createTokenParts()
  const session = { id, secretHash, userId, createdAt: now, lastVerifiedAt: now, userAgent: meta.userAgent ?? null, ip: meta.ip ?? null }
  db.insert(sessions).values(session).run()
  return { token, session }
}

/** When the session ends if nothing else happens: the earlier of absolute expiry and inactivity. */
export function sessionExpiresAt(session: Pick<Session, 'createdAt' | 'lastVerifiedAt'>, policy = sessionPolicy()) {
  return new Date(Math.min(session.createdAt.getTime() + policy.maxAgeMs, session.lastVerifiedAt.getTime() + policy.inactivityMs))
}

/**
 * Validates `id.secret`: the session exists, the secret's hash matches (constant time), it has
 * neither expired nor been idle too long, and its user is active. Expired sessions are deleted.
 */
export function validateSessionToken(
  { token, policy = sessionPolicy() }: { token: string | null | undefined; policy?: SessionPolicy }, ctx: Partial<Context> = {},
): { session: Session; user: SessionUser } | null {
  const { db, now } = contextOf(ctx)
  const parts = parseToken(token)
  if (!parts) return null
  const session = db.select().from(sessions).where(eq(sessions.id, parts.id)).get()
  if (!session) return null
  if (!secretMatches(parts.secret, session.secretHash)) return null
  if (now.getTime() >= sessionExpiresAt(session, policy).getTime()) {
    db.delete(sessions).where(eq(sessions.id, session.id)).run()
    return null
  }
  const user = getSessionUser({ userId: session.userId }, { db })
  if (!user) return null
  if (now.getTime() - session.lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL) {
    session.lastVerifiedAt = now
    db.update(sessions).set({ lastVerifiedAt: now }).where(eq(sessions.id, session.id)).run()
  }
  return { session, user }
}

export function invalidateSession({ sessionId }: { sessionId: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.delete(sessions).where(eq(sessions.id, sessionId)).run()
  events.emit('session.revoked', { sessionId })
}

/** "Đăng xuất khỏi mọi thiết bị": every session of the user ends, and their live sockets close. */
/** "Sign out everywhere": every session of the user ends, and so does every API token. */
export function invalidateUserSessions({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    tx.delete(sessions).where(eq(sessions.userId, userId)).run()
    revokeAllApiTokens({ userId }, { db: tx })
  })
  events.emit('user.sessionsRevoked', { userId })
}
