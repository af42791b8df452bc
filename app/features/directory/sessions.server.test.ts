import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { hashSecret } from '~/core/tokens.server'
import { createUser } from '../../../tests/factories/index'
import { getDb } from '#db/client'
import { sessions, users } from '#db/schema/index'
import { createSession, invalidateSession, invalidateUserSessions, sessionExpiresAt, validateSessionToken } from './sessions.server'

const DAY = 86_400_000
const policy = { maxAgeMs: 30 * DAY, inactivityMs: 14 * DAY }

describe('sessions (Lucia guide)', () => {
  it('issues an id.secret token and stores only the SHA-256 of the secret', async () => {
    const user = await createUser()
    const { token, session } = createSession({ userId: user.id })
    const [id, secret] = token.split('.')
    expect(id).toBe(session.id)
    expect(secret!.length).toBeGreaterThanOrEqual(32)
    const row = getDb().select().from(sessions).where(eq(sessions.id, id!)).get()!
    expect(Buffer.from(row.secretHash).equals(Buffer.from(hashSecret(secret!)))).toBe(true)
    expect(Buffer.from(row.secretHash).toString('utf8')).not.toContain(secret)
  })

  it('validates a good token and returns the user with roles', async () => {
    const user = await createUser({ roles: ['chair', 'delegate'] })
    const { token } = createSession({ userId: user.id })
    const result = validateSessionToken({ token, policy })
    expect(result?.user).toMatchObject({ id: user.id, roles: ['chair', 'delegate'] })
  })

  it('refuses a wrong secret, a malformed token and an unknown id', async () => {
    const user = await createUser()
    const { token } = createSession({ userId: user.id })
    const [id, secret] = token.split('.')
    const flipped = secret!.slice(0, -1) + (secret!.endsWith('a') ? 'b' : 'a')
    expect(validateSessionToken({ token: `${id}.${flipped}`, policy })).toBeNull()
    expect(validateSessionToken({ token: 'not-a-token', policy })).toBeNull()
    expect(validateSessionToken({ token: `${'a'.repeat(32)}.${secret}`, policy })).toBeNull()
    expect(validateSessionToken({ token: undefined, policy })).toBeNull()
  })

  it('ends a session idle for longer than the inactivity timeout, and deletes it', async () => {
    const user = await createUser()
    const start = new Date('2026-01-01T00:00:00Z')
    const { token, session } = createSession({ userId: user.id, meta: {} }, { now: start })
    expect(validateSessionToken({ token, policy }, { now: new Date(start.getTime() + 14 * DAY - 1000) })).not.toBeNull()
    // That use refreshed lastVerifiedAt, so 13 more idle days are still fine…
    expect(validateSessionToken({ token, policy }, { now: new Date(start.getTime() + 27 * DAY) })).not.toBeNull()
    // …but 14 idle days after the last use are not.
    expect(validateSessionToken({ token, policy }, { now: new Date(start.getTime() + 41 * DAY) })).toBeNull()
    expect(getDb().select().from(sessions).where(eq(sessions.id, session.id)).get()).toBeUndefined()
  })

  it('ends every session 30 days after sign-in even when used daily', async () => {
    const user = await createUser()
    const start = new Date('2026-03-01T00:00:00Z')
    const { token } = createSession({ userId: user.id, meta: {} }, { now: start })
    for (let day = 1; day < 30; day++) {
      expect(validateSessionToken({ token, policy }, { now: new Date(start.getTime() + day * DAY) }), `day ${day}`).not.toBeNull()
    }
    expect(validateSessionToken({ token, policy }, { now: new Date(start.getTime() + 30 * DAY) })).toBeNull()
  })

  it('computes expiry as the earlier of absolute and idle limits', () => {
    const createdAt = new Date('2026-01-01T00:00:00Z')
    expect(sessionExpiresAt({ createdAt, lastVerifiedAt: createdAt }, policy)).toEqual(new Date(createdAt.getTime() + 14 * DAY))
    const late = new Date(createdAt.getTime() + 25 * DAY)
    expect(sessionExpiresAt({ createdAt, lastVerifiedAt: late }, policy)).toEqual(new Date(createdAt.getTime() + 30 * DAY))
  })

  it('refuses the session of a deactivated user', async () => {
    const user = await createUser()
    const { token } = createSession({ userId: user.id })
    getDb().update(users).set({ active: false }).where(eq(users.id, user.id)).run()
    expect(validateSessionToken({ token, policy })).toBeNull()
  })

  it('signs out one session, or every session of a user', async () => {
    const user = await createUser()
    const a = createSession({ userId: user.id })
    const b = createSession({ userId: user.id })
    const c = createSession({ userId: user.id })
    invalidateSession({ sessionId: a.session.id })
    expect(validateSessionToken({ token: a.token, policy })).toBeNull()
    expect(validateSessionToken({ token: b.token, policy })).not.toBeNull()
    invalidateUserSessions({ userId: user.id })
    expect(validateSessionToken({ token: b.token, policy })).toBeNull()
    expect(validateSessionToken({ token: c.token, policy })).toBeNull()
  })
})
