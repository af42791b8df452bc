import { and, eq, isNull } from 'drizzle-orm'
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { DateTime } from 'luxon'
import { createTokenParts, parseToken, secretMatches } from '~/core/tokens.server'
import { calendarFeeds } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { listMeetings } from '~/features/meetings/index.server'
import { type Context, contextOf } from '~/core/context'

const DAY = 86_400_000

/** A new personal feed link (the previous one stops working). The token is shown once. */
export function createCalendarFeed({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const { id, token, secretHash } = createTokenParts()
  db.transaction((tx) => {
    tx.update(calendarFeeds).set({ revokedAt: now }).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt))).run()
    tx.insert(calendarFeeds).values({ id, secretHash: secretHash.toString('hex'), userId, createdAt: now }).run()
    writeAudit(tx, { actorId: userId, action: 'calendarFeed.create', entityType: 'user', entityId: userId })
  })
  return token
}

export function revokeCalendarFeed({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    tx.update(calendarFeeds).set({ revokedAt: now }).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt))).run()
    writeAudit(tx, { actorId: userId, action: 'calendarFeed.revoke', entityType: 'user', entityId: userId })
  })
}

export function activeCalendarFeed({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt))).get() ?? null
}

/** The user behind a feed token, or null (unknown, revoked, wrong secret). */
export function calendarFeedUser({ token }: { token: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const parts = parseToken(token)
  if (!parts) return null
  const row = db.select().from(calendarFeeds).where(eq(calendarFeeds.id, parts.id)).get()
  if (!row || row.revokedAt || !secretMatches(parts.secret, Buffer.from(row.secretHash, 'hex'))) return null
  return row.userId
}

/** Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975. */
const VTIMEZONE = ['BEGIN:VTIMEZONE', 'TZID:Asia/Ho_Chi_Minh', 'BEGIN:STANDARD', 'DTSTART:19750613T000000', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700', 'TZNAME:+07', 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n')

/** The person's meetings (chair or invited, not declined) from 90 days ago to a year ahead. */
export function calendarFeedIcs({ userId, baseUrl }: { userId: number; baseUrl: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const calendar = ical({ name: 'Lịch họp — Nghị sự', method: ICalCalendarMethod.PUBLISH, timezone: { name: 'Asia/Ho_Chi_Minh', generator: () => VTIMEZONE }, ttl: 60 * 30 })
  for (const m of listMeetings({ filter: { from: new Date(now.getTime() - 90 * DAY), to: new Date(now.getTime() + 365 * DAY), userId, includeCancelled: true } }, { db })) {
    calendar.createEvent({
      id: `meeting-${m.id}@nghisu`,
      // Zoned DateTimes, so DTSTART carries the Vietnamese wall-clock time under its TZID.
      start: DateTime.fromJSDate(m.startsAt, { zone: 'Asia/Ho_Chi_Minh' }),
      end: DateTime.fromJSDate(m.endsAt, { zone: 'Asia/Ho_Chi_Minh' }),
      timezone: 'Asia/Ho_Chi_Minh',
      summary: m.title,
      location: m.location ?? undefined,
      description: `${m.typeName} · Chủ trì: ${m.chairName}${m.preparingUnitName ? ` · Cơ quan chuẩn bị: ${m.preparingUnitName}` : ''}`,
      url: `${baseUrl}/meetings/${m.id}`,
      status: m.status === 'cancelled' ? ICalEventStatus.CANCELLED : m.status === 'draft' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
    })
  }
  // RFC 5545 wants DTSTAMP in UTC ("Z"); ical-generator writes it in the calendar's zone when one
  // is set (as here, for the VTIMEZONE), so the stamp lines are written again in UTC.
  const stamp = `DTSTAMP:${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`
  return calendar.toString().replace(/^DTSTAMP:.*$/gm, stamp)
}
