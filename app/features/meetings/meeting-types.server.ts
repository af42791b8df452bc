import { asc, eq } from 'drizzle-orm'
import { SqliteError } from 'better-sqlite3'
import { DomainError } from '~/core/errors'
import type { MeetingTypeInput } from './schemas'
import { meetingTypes } from '#db/schema/index'
import { changedFields, writeAudit } from '~/core/audit.server'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

export type MeetingType = typeof meetingTypes.$inferSelect

export function listMeetingTypes(options: { includeInactive?: boolean } = {}, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select()
    .from(meetingTypes)
    .where(options.includeInactive ? undefined : eq(meetingTypes.active, true))
    .orderBy(asc(meetingTypes.name))
    .all()
}

function unique(error: unknown): never {
  if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DomainError('meetingType.nameTaken', 'conflict', 'name')
  throw error
}

export function saveMeetingType({ id, input, actor }: { id: number | null; input: MeetingTypeInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  try {
    return db.transaction((tx) => {
      if (id == null) {
        const row = tx.insert(meetingTypes).values(input).returning({ id: meetingTypes.id }).get()
        writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'meetingType.create', entityType: 'meetingType', entityId: row.id, after: input })
        return row.id
      }
      const before = tx.select().from(meetingTypes).where(eq(meetingTypes.id, id)).get()
      if (!before) throw new DomainError('meetingType.notFound', 'not_found')
      tx.update(meetingTypes).set(input).where(eq(meetingTypes.id, id)).run()
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'meetingType.update', entityType: 'meetingType', entityId: id, ...changedFields(before, { ...before, ...input }) })
      return id
    })
  } catch (error) {
    unique(error)
  }
}
