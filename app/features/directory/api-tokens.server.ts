import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import { DomainError } from '~/core/errors'
import { createTokenParts, parseToken, secretMatches } from '~/core/tokens.server'
import { apiTokens } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { getSessionUser, type SessionUser } from './users.server'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

const API_TOKEN_PREFIX = 'ns_'

/** Creates a personal API token, valid `days` days (90 unless chosen), optionally read-only; the full token is returned once and never stored. */
export function createApiToken({ userId, input, actor }: { userId: number; input: { name: string; days?: number; readOnly?: boolean }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const { id, token, secretHash } = createTokenParts()
  const days = input.days ?? 90
  const expiresAt = new Date(now.getTime() + days * 86_400_000)
  db.transaction((tx) => {
    tx.insert(apiTokens).values({ id, secretHash, userId, name: input.name, createdAt: now, expiresAt, readOnly: input.readOnly ?? false }).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'apiToken.create', entityType: 'apiToken', entityId: id, after: { name: input.name, userId, days, readOnly: input.readOnly ?? false } })
  })
  return { id, token: `${API_TOKEN_PREFIX}${token}`, expiresAt }
}

/** The user's tokens still in force (not revoked, not expired), with when each was last used. */
export function listApiTokens({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt, expiresAt: apiTokens.expiresAt, readOnly: apiTokens.readOnly })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
    .orderBy(desc(apiTokens.createdAt))
    .all()
}

/**
 * Revokes every token of a user, inside the caller's transaction: a password change, a reset by
 * an administrator, "sign out everywhere" and deactivation end tokens with the sessions.
 */
export function revokeAllApiTokens({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db: tx, now } = contextOf(ctx)
  return tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).run().changes
}

export function revokeApiToken({ userId, tokenId, actor }: { userId: number; tokenId: string; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
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

/** The user behind a bearer token, and whether it may only read; null when malformed, unknown, revoked, expired, or the user is inactive. */
export function validateApiToken({ token }: { token: string }, ctx: Partial<Context> = {}): { user: SessionUser; readOnly: boolean } | null {
  const { db, now } = contextOf(ctx)
  const parts = parseToken(token, API_TOKEN_PREFIX)
  if (!parts) return null
  const row = db.select().from(apiTokens).where(eq(apiTokens.id, parts.id)).get()
  if (!row || row.revokedAt || !row.expiresAt || row.expiresAt <= now || !secretMatches(parts.secret, row.secretHash)) return null
  const user = getSessionUser({ userId: row.userId }, { db })
  if (!user) return null
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run()
  return { user, readOnly: row.readOnly }
}
