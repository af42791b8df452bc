import { and, eq, isNull } from 'drizzle-orm'
import { DomainError } from '~/core/errors'
import { createTokenParts, parseToken, secretMatches } from '~/core/tokens.server'
import { type DBOrTx } from '#db/client'
import { setupTokens, userRoles, users } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { hashPassword } from './users.server'
import { normaliseForSearch } from '~/core/text'
import { type Context, contextOf } from '~/core/context'

/**
 * One-time links that create an administrator: printed on first start of a real deployment
 * (no known password anywhere) and by `npm run user:create`. Valid until used.
 */
export function createSetupToken(ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const { id, token, secretHash } = createTokenParts()
  db.insert(setupTokens).values({ id, secretHash, createdAt: now }).run()
  return token
}

export function isSetupTokenValid({ token }: { token: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return findUsable(token, db) !== null
}

function findUsable(token: string, db: DBOrTx) {
  const parts = parseToken(token)
  if (!parts) return null
  const row = db
    .select()
    .from(setupTokens)
    .where(and(eq(setupTokens.id, parts.id), isNull(setupTokens.usedAt)))
    .get()
  return row && secretMatches(parts.secret, row.secretHash) ? row : null
}

export async function createAdminWithSetupToken(
  { token, input, ip }: { token: string; input: { fullName: string; username: string; email?: string | null; password: string }; ip: string | null }, ctx: Partial<Context> = {},
) {
  const { db } = contextOf(ctx)
  const passwordHash = await hashPassword(input.password)
  return db.transaction((tx) => {
    const row = findUsable(token, tx)
    if (!row) throw new DomainError('setup.tokenInvalid', 'invalid')
    if (tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).get())
      throw new DomainError('user.usernameTaken', 'conflict', 'username')
    const user = tx
      .insert(users)
      .values({ username: input.username, fullName: input.fullName, email: input.email || null, passwordHash, searchText: normaliseForSearch(input.fullName) })
      .returning({ id: users.id })
      .get()
    tx.insert(userRoles).values({ userId: user.id, role: 'admin' }).run()
    tx.update(setupTokens).set({ usedAt: new Date(), usedByUserId: user.id }).where(eq(setupTokens.id, row.id)).run()
    writeAudit(tx, { actorId: user.id, ip, action: 'user.createViaSetupLink', entityType: 'user', entityId: user.id, after: { username: input.username, roles: ['admin'] } })
    return user.id
  })
}
