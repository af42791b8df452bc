import { and, desc, eq, isNull } from 'drizzle-orm'
import { meetingDisplays } from '#db/schema'
import { events } from '~/core/events.server'
import { DomainError } from '~/core/errors'
import { createTokenParts, parseToken, secretMatches } from '~/core/tokens.server'
import { writeAudit } from '~/core/audit.server'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

/**
 * Display links for the room's big screen: `nsd_<id>.<secret>`, read-only, for one meeting,
 * revocable; only the secret's SHA-256 is stored. The screen opens with it and needs nothing else.
 */
const PREFIX = 'nsd_'

export function createDisplayLink({ meetingId, label, actor }: { meetingId: number; label: string | null; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const parts = createTokenParts()
  db.transaction((tx) => {
    tx.insert(meetingDisplays).values({ id: parts.id, meetingId, secretHash: parts.secretHash, label, createdBy: actor.id, createdAt: now }).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'display.created', entityType: 'meeting', entityId: meetingId, after: { displayId: parts.id, label } })
  })
  return { id: parts.id, token: `${PREFIX}${parts.token}` }
}

export function listDisplayLinks({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: meetingDisplays.id, label: meetingDisplays.label, createdAt: meetingDisplays.createdAt })
    .from(meetingDisplays)
    .where(and(eq(meetingDisplays.meetingId, meetingId), isNull(meetingDisplays.revokedAt)))
    .orderBy(desc(meetingDisplays.createdAt))
    .all()
}

export function revokeDisplayLink({ meetingId, displayId, actor }: { meetingId: number; displayId: string; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const row = tx.select().from(meetingDisplays).where(and(eq(meetingDisplays.id, displayId), eq(meetingDisplays.meetingId, meetingId))).get()
    if (!row || row.revokedAt) throw new DomainError('live.errors.displayNotFound', 'not_found')
    tx.update(meetingDisplays).set({ revokedAt: now }).where(eq(meetingDisplays.id, displayId)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'display.revoked', entityType: 'meeting', entityId: meetingId, after: { displayId } })
  })
  events.emit('display.revoked', { displayId })
}

/** The meeting a display token opens, or null (malformed, unknown, revoked). */
export function validateDisplayToken({ token }: { token: string | null | undefined }, ctx: Partial<Context> = {}): { displayId: string; meetingId: number } | null {
  const { db } = contextOf(ctx)
  const parts = parseToken(token, PREFIX)
  if (!parts) return null
  const row = db.select().from(meetingDisplays).where(eq(meetingDisplays.id, parts.id)).get()
  if (!row || row.revokedAt || !secretMatches(parts.secret, row.secretHash)) return null
  return { displayId: row.id, meetingId: row.meetingId }
}
