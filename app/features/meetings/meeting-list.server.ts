import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { meetingParticipants, meetings, type MeetingStatus, meetingTypes, programmeItems, programmes, units, users } from '#db/schema/index'
import { matchingIds } from '~/features/search/index.server'
import { vietnamInstant } from './schemas'
import { takesPart } from './participants.server'
import { selectMeetingRows } from './meeting-rows.server'
import { type Context, contextOf } from '~/core/context'

/** The meetings list's page size. */
const MEETINGS_PAGE_SIZE = 25

export type MeetingSearch = {
  q?: string
  /** Days (YYYY-MM-DD, Asia/Ho_Chi_Minh), both included. */
  from?: string
  to?: string
  status?: MeetingStatus
  typeId?: number
  /** The body whose work programme holds the meeting (or, off the programme, its preparing unit). */
  bodyUnitId?: number
  chairId?: number
  page?: number
  /** Only the meetings this person chairs or takes part in; omit for those who oversee meetings. */
  viewerId?: number
}

const body = alias(units, 'list_body')

/**
 * The meetings list (/meetings): search without diacritics (the search index), filters and
 * pages, newest first. Meetings of a body are those in its work programme, or prepared by it
 * when held outside any programme.
 */
export function searchMeetings({ search }: { search: MeetingSearch }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const page = Math.max(1, search.page ?? 1)
  const bodyId = sql<number | null>`coalesce(${programmes.issuingUnitId}, ${meetings.preparingUnitId})`
  const conditions: (SQL | undefined)[] = []
  if (search.q) {
    const ids = matchingIds('meeting', search.q)
    conditions.push(ids ? sql`${meetings.id} in ${ids}` : undefined)
  }
  if (search.from) conditions.push(gte(meetings.startsAt, vietnamInstant(search.from, '00:00')))
  if (search.to) conditions.push(lt(meetings.startsAt, new Date(vietnamInstant(search.to, '00:00').getTime() + 86_400_000)))
  if (search.status) conditions.push(eq(meetings.status, search.status))
  if (search.typeId) conditions.push(eq(meetings.meetingTypeId, search.typeId))
  if (search.chairId) conditions.push(eq(meetings.chairUserId, search.chairId))
  if (search.bodyUnitId) conditions.push(sql`${bodyId} = ${search.bodyUnitId}`)
  if (search.viewerId)
    conditions.push(
      or(
        eq(meetings.chairUserId, search.viewerId),
        inArray(meetings.id, db
            .select({ id: meetingParticipants.meetingId })
            .from(meetingParticipants)
            // As meetingAccess: a substitute not yet confirmed does not see the meeting.
            .where(and(eq(meetingParticipants.userId, search.viewerId), takesPart()))),
      ),
    )
  const rows = selectMeetingRows(db, { bodyName: body.name })
    .leftJoin(programmeItems, eq(programmeItems.id, meetings.programmeItemId))
    .leftJoin(programmes, eq(programmes.id, programmeItems.programmeId))
    .leftJoin(body, eq(body.id, bodyId))
    .where(and(...conditions))
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(MEETINGS_PAGE_SIZE + 1)
    .offset((page - 1) * MEETINGS_PAGE_SIZE)
    .all()
  return { page, rows: rows.slice(0, MEETINGS_PAGE_SIZE), hasMore: rows.length > MEETINGS_PAGE_SIZE }
}

/** The choices of the list's filters: meeting types, bodies that hold meetings, chairs. */
export function meetingListOptions(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const types = db.select({ value: meetingTypes.id, label: meetingTypes.name }).from(meetingTypes).orderBy(meetingTypes.name).all()
  const bodies = db
    .selectDistinct({ value: units.id, label: units.name })
    .from(units)
    .where(or(inArray(units.id, db.select({ id: programmes.issuingUnitId }).from(programmes)), inArray(units.id, db.select({ id: meetings.preparingUnitId }).from(meetings).where(sql`${meetings.preparingUnitId} is not null`))))
    .orderBy(units.name)
    .all()
  const chairs = db.selectDistinct({ value: users.id, label: users.fullName }).from(users).where(inArray(users.id, db.select({ id: meetings.chairUserId }).from(meetings))).orderBy(users.fullName).all()
  return { types, bodies, chairs }
}
