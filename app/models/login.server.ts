import { and, count, desc, eq, gt } from 'drizzle-orm'
import { config } from '~/config.server'
import { type DB, getDb } from '#db/client'
import { loginAttempts } from '#db/schema'
import { writeAudit } from './audit.server'
import { findUserForLogin, hashPassword, verifyPassword } from './users.server'

export type LoginLimits = { maxFailures: number; windowMs: number }

export function loginLimits(): LoginLimits {
  const c = config()
  return { maxFailures: c.LOGIN_MAX_FAILURES, windowMs: c.LOGIN_WINDOW_MINUTES * 60 * 1000 }
}

export type LoginResult =
  | { ok: true; userId: number }
  | { ok: false; reason: 'invalid' | 'inactive' }
  | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number }

/**
 * How long a username or an address must wait: after `maxFailures` failed attempts within the
 * window, until the oldest of them leaves the window. A success clears the username's count.
 */
export function loginWaitSeconds(username: string, ip: string, db: DB = getDb(), now = new Date(), limits = loginLimits()): number {
  const since = new Date(now.getTime() - limits.windowMs)
  const lastSuccess = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .get()
  const userSince = lastSuccess && lastSuccess.at > since ? lastSuccess.at : since
  const waits = [
    and(eq(loginAttempts.username, username), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, userSince)),
    and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)),
  ].map((where) => {
    const failures = db.select({ n: count() }).from(loginAttempts).where(where).get()?.n ?? 0
    if (failures < limits.maxFailures) return 0
    // The window frees up when the failure that made the count reach the limit falls out of it.
    const recent = db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(where)
      .orderBy(desc(loginAttempts.at))
      .limit(limits.maxFailures)
      .all()
    const oldestCounted = recent[recent.length - 1]!.at
    return Math.ceil((oldestCounted.getTime() + limits.windowMs - now.getTime()) / 1000)
  })
  return Math.max(0, ...waits)
}

// Verifying against a real hash when the user does not exist keeps timing the same.
let dummyHash: Promise<string> | undefined

/** Checks a username and password, with the rate limit, and records the attempt. */
export async function authenticate(
  input: { username: string; password: string; ip: string },
  db: DB = getDb(),
  now = new Date(),
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase()
  const wait = loginWaitSeconds(username, input.ip, db, now)
  if (wait > 0) return { ok: false, reason: 'rateLimited', retryAfterSeconds: wait }
  const user = findUserForLogin(username, db)
  dummyHash ??= hashPassword('không-phải-mật-khẩu-thật')
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash, input.password), false)
  const succeeded = Boolean(user && valid && user.active)
  db.transaction((tx) => {
    tx.insert(loginAttempts).values({ username, ip: input.ip, succeeded, at: now }).run()
    if (succeeded) writeAudit(tx, { actorId: user!.id, ip: input.ip, action: 'auth.signIn', entityType: 'user', entityId: user!.id })
  })
  if (!user || !valid) return { ok: false, reason: 'invalid' }
  if (!user.active) return { ok: false, reason: 'inactive' }
  return { ok: true, userId: user.id }
}
