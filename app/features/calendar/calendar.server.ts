import { and, asc, eq, gte, lte } from 'drizzle-orm'
import { SqliteError } from 'better-sqlite3'
import { DomainError } from '~/core/errors'
import { holidaysOfYear, WorkingCalendar } from './working-days'
import type { DBOrTx } from '#db/client'
import { type Context, contextOf } from '~/core/context'
import { calendarOverrides, users } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import type { AuditActor } from '~/core/actor'

/** The working-day calendar with the Office's overrides; used wherever a rule says "working days". */
export function getWorkingCalendar(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const rows = db.select({ date: calendarOverrides.date, kind: calendarOverrides.kind }).from(calendarOverrides).all()
  return new WorkingCalendar(rows.map((r) => [r.date, r.kind] as const))
}

function listOverrides(year: number, db: DBOrTx) {
  return db
    .select({ id: calendarOverrides.id, date: calendarOverrides.date, kind: calendarOverrides.kind, note: calendarOverrides.note, createdByName: users.fullName })
    .from(calendarOverrides)
    .leftJoin(users, eq(users.id, calendarOverrides.createdBy))
    .where(and(gte(calendarOverrides.date, `${year}-01-01`), lte(calendarOverrides.date, `${year}-12-31`)))
    .orderBy(asc(calendarOverrides.date))
    .all()
}

/** The year as a person reads it: the law's holidays and the Office's overrides, by date. */
export function yearCalendar({ year }: { year: number }, ctx: Partial<Context> = {}) {
  return { holidays: holidaysOfYear(year), overrides: listOverrides(year, contextOf(ctx).db) }
}

export function addOverride({ input, actor }: { input: { date: string; kind: 'day_off' | 'working_day'; note: string }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  try {
    return db.transaction((tx) => {
      const row = tx
        .insert(calendarOverrides)
        .values({ ...input, createdBy: actor.id, createdAt: now })
        .returning({ id: calendarOverrides.id })
        .get()
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'calendar.override', entityType: 'calendar', entityId: input.date, after: input })
      return row.id
    })
  } catch (error) {
    if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DomainError('calendar.dateTaken', 'conflict', 'date')
    throw error
  }
}

export function removeOverride({ id, actor }: { id: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    const row = tx.select().from(calendarOverrides).where(eq(calendarOverrides.id, id)).get()
    if (!row) throw new DomainError('calendar.notFound', 'not_found')
    tx.delete(calendarOverrides).where(eq(calendarOverrides.id, id)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'calendar.removeOverride', entityType: 'calendar', entityId: row.date, before: { kind: row.kind, note: row.note } })
  })
}
