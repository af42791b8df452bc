import { and, desc, eq, isNull } from 'drizzle-orm'
import { DomainError } from '~/lib/errors'
import { createTokenParts, parseToken, secretMatches } from '~/lib/tokens.server'
import { type DB, getDb } from '#db/client'
import { apiTokens } from '#db/schema'
import { writeAudit } from './audit.server'
import { type Actor, getSessionUser, type SessionUser } from './users.server'

export const API_TOKEN_PREFIX = 'ns_'

/** Creates a personal API token; the full token is returned once and never stored. */
export function createApiToken(userId: number, name: string, actor: Actor, db: DB = getDb(), now = new Date()) {
  const { id, token, secretHash } = createTokenParts()
  db.transaction((tx) => {
    tx.insert(apiTokens).values({ id, secretHash, userId, name, createdAt: now }).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'apiToken.create', entityType: 'apiToken', entityId: id, after: { name, userId } })
  })
  return { id, token: `${API_TOKEN_PREFIX}${token}` }
}

export function listApiTokens(userId: number, db: DB = getDb()) {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
    .all()
}

export function revokeApiToken(userId: number, tokenId: string, actor: Actor, db: DB = getDb(), now = new Date()) {
  db.transaction((tx) => {
    const row = tx
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .get()
    if (!row) throw new DomainError('apiToken.notFound', 'not_found')
    tx.update(apiTokens).set({ revokedAt: now }).where(eq(apiTokens.id, tokenId)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'apiToken.revoke', entityType: 'apiToken', entityId: tokenId })
  })
}

/** The user behind a bearer token; null when malformed, unknown, revoked, or the user is inactive. */
export function validateApiToken(token: string, db: DB = getDb(), now = new Date()): SessionUser | null {
  const parts = parseToken(token, API_TOKEN_PREFIX)
  if (!parts) return null
  const row = db.select().from(apiTokens).where(eq(apiTokens.id, parts.id)).get()
  if (!row || row.revokedAt || !secretMatches(parts.secret, row.secretHash)) return null
  const user = getSessionUser(row.userId, db)
  if (!user) return null
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run()
  return user
}
