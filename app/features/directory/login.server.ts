import { and, count, countDistinct, desc, eq, gt, isNull } from 'drizzle-orm'
import { config } from '~/core/config.server'
import { events } from '~/core/events.server'
import { createTokenParts, parseToken, secretMatches } from '~/core/tokens.server'
import { type DBOrTx, getDb } from '#db/client'
import { loginAttempts, loginDevices } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import { findUserForLogin, hashPassword, verifyPassword } from './users.server'
import { formatDateTime } from '~/core/dates'
import { type Context, contextOf } from '~/core/context'

/**
 * Slowing online guessing without locking the owner out (OWASP's device-cookie scheme):
 * - a browser that signed in as a user holds a device cookie for that username; its failures
 *   count only against that device (`maxFailures`), so nobody elsewhere can lock it out;
 * - from an unknown device, failures count per username and address pair (`maxFailures`), and per
 *   username over all unknown devices (`usernameFailures`, higher: a guesser spreading over
 *   addresses is slowed, the owner's own browser is not);
 * - an address is slowed only when it fails for many different usernames (`addressUsernames`): a
 *   provincial office behind one address, with colleagues mistyping, is not one guesser.
 */
export type LoginLimits = { maxFailures: number; usernameFailures: number; addressUsernames: number; windowMs: number }

function loginLimits(): LoginLimits {
  const c = config()
  return { maxFailures: c.LOGIN_MAX_FAILURES, usernameFailures: c.LOGIN_MAX_FAILURES * 4, addressUsernames: c.LOGIN_ADDRESS_USERNAMES, windowMs: c.LOGIN_WINDOW_MINUTES * 60 * 1000 }
}

export type LoginResult =
  | { ok: true; userId: number; device: { cookie: string } | null; failuresSinceLastSignIn: number }
  | { ok: false; reason: 'invalid' | 'inactive' }
  | { ok: false; reason: 'rateLimited'; retryAfterSeconds: number }

export const DEVICE_COOKIE = 'nghisu_device'

/** The trusted device of this username that the cookie names, if it is one. */
function trustedDevice(cookieValue: string | undefined, username: string, db: DBOrTx = getDb()) {
  const parts = parseToken(cookieValue)
  if (!parts) return null
  const row = db.select().from(loginDevices).where(eq(loginDevices.id, parts.id)).get()
  if (!row || row.username !== username || !secretMatches(parts.secret, Buffer.from(row.secretHash, 'hex'))) return null
  return row
}

/** Seconds until the oldest of the counted failures leaves the window (0 when under the limit). */
function waitFor(db: DBOrTx, where: ReturnType<typeof and>, limit: number, now: Date, windowMs: number) {
  const failures = db.select({ n: count() }).from(loginAttempts).where(where).get()?.n ?? 0
  if (failures < limit) return 0
  const recent = db.select({ at: loginAttempts.at }).from(loginAttempts).where(where).orderBy(desc(loginAttempts.at)).limit(limit).all()
  return Math.max(0, Math.ceil((recent[recent.length - 1]!.at.getTime() + windowMs - now.getTime()) / 1000))
}

/** How long this attempt must wait, by the rules above. */
function loginWaitSeconds(input: { username: string; ip: string; deviceId: string | null }, db: DBOrTx = getDb(), now = new Date(), limits = loginLimits()): number {
  const since = new Date(now.getTime() - limits.windowMs)
  const failed = and(eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since))
  if (input.deviceId) return waitFor(db, and(failed, eq(loginAttempts.deviceId, input.deviceId)), limits.maxFailures, now, limits.windowMs)
  // A success from this address for this username clears the pair's count.
  const lastPairSuccess = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, input.username), eq(loginAttempts.ip, input.ip), eq(loginAttempts.succeeded, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .get()
  const pairSince = lastPairSuccess?.at ?? since
  const untrusted = and(eq(loginAttempts.succeeded, false), isNull(loginAttempts.deviceId))
  const waits = [
    waitFor(db, and(untrusted, eq(loginAttempts.username, input.username), eq(loginAttempts.ip, input.ip), gt(loginAttempts.at, pairSince)), limits.maxFailures, now, limits.windowMs),
    waitFor(db, and(untrusted, eq(loginAttempts.username, input.username), gt(loginAttempts.at, since)), limits.usernameFailures, now, limits.windowMs),
  ]
  const usernames = db.select({ n: countDistinct(loginAttempts.username) }).from(loginAttempts).where(and(untrusted, eq(loginAttempts.ip, input.ip), gt(loginAttempts.at, since))).get()?.n ?? 0
  if (usernames >= limits.addressUsernames) {
    const oldest = db
      .select({ at: loginAttempts.at })
      .from(loginAttempts)
      .where(and(untrusted, eq(loginAttempts.ip, input.ip), gt(loginAttempts.at, since)))
      .orderBy(loginAttempts.at)
      .get()
    waits.push(oldest ? Math.max(1, Math.ceil((oldest.at.getTime() + limits.windowMs - now.getTime()) / 1000)) : 0)
  }
  return Math.max(0, ...waits)
}

// Verifying against a real hash when the user does not exist keeps timing the same.
let dummyHash: Promise<string> | undefined

/**
 * Checks a username and password under the limits, and records the attempt. On success the
 * browser gets (or keeps) a device cookie for the username, and the count of failed attempts on
 * the account since its previous sign-in, which the owner is told about.
 */
export async function authenticate(
  { input }: { input: { username: string; password: string; ip: string; deviceCookie?: string } }, ctx: Partial<Context> = {},
): Promise<LoginResult> {
  const { db, now } = contextOf(ctx)
  const username = input.username.trim().toLowerCase()
  const device = trustedDevice(input.deviceCookie, username, db)
  const wait = loginWaitSeconds({ username, ip: input.ip, deviceId: device?.id ?? null }, db, now)
  if (wait > 0) return { ok: false, reason: 'rateLimited', retryAfterSeconds: wait }
  const user = findUserForLogin({ username }, { db })
  dummyHash ??= hashPassword('không-phải-mật-khẩu-thật')
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await verifyPassword(await dummyHash, input.password), false)
  const succeeded = Boolean(user && valid && user.active)
  const outcome = db.transaction((tx) => {
    let failures = { n: 0, lastAt: null as Date | null, lastIp: null as string | null }
    let cookie: string | null = null
    if (succeeded) {
      const previous = tx.select({ at: loginAttempts.at }).from(loginAttempts).where(and(eq(loginAttempts.username, username), eq(loginAttempts.succeeded, true))).orderBy(desc(loginAttempts.at)).get()
      const failedSince = and(eq(loginAttempts.username, username), eq(loginAttempts.succeeded, false), previous ? gt(loginAttempts.at, previous.at) : undefined)
      const last = tx.select({ at: loginAttempts.at, ip: loginAttempts.ip }).from(loginAttempts).where(failedSince).orderBy(desc(loginAttempts.at)).get()
      failures = { n: tx.select({ n: count() }).from(loginAttempts).where(failedSince).get()?.n ?? 0, lastAt: last?.at ?? null, lastIp: last?.ip ?? null }
      if (device) tx.update(loginDevices).set({ lastUsedAt: now }).where(eq(loginDevices.id, device.id)).run()
      else {
        const parts = createTokenParts()
        tx.insert(loginDevices).values({ id: parts.id, secretHash: parts.secretHash.toString('hex'), username, createdAt: now, lastUsedAt: now }).run()
        cookie = parts.token
      }
      writeAudit(tx, { actorId: user!.id, ip: input.ip, action: 'auth.signIn', entityType: 'user', entityId: user!.id })
      if (failures.n > 0)
        notify([
          {
            userId: user!.id,
            kind: 'auth.failedAttempts',
            params: { count: failures.n, at: formatDateTime(failures.lastAt!), ip: failures.lastIp ?? '' },
            link: '/profile',
          },
        ], { db: tx, now })
    }
    tx.insert(loginAttempts).values({ username, ip: input.ip, succeeded, deviceId: device?.id ?? null, at: now }).run()
    return { failures: failures.n, cookie }
  })
  if (outcome.failures > 0) events.emit('notification.created', { userIds: [user!.id] })
  if (!user || !valid) return { ok: false, reason: 'invalid' }
  if (!user.active) return { ok: false, reason: 'inactive' }
  return { ok: true, userId: user.id, device: outcome.cookie ? { cookie: outcome.cookie } : null, failuresSinceLastSignIn: outcome.failures }
}
