import { eq } from 'drizzle-orm'
import { alias, type SelectedFields } from 'drizzle-orm/sqlite-core'
import type { DBOrTx } from '#db/client'
import { meetings, meetingTypes, users } from '#db/schema/index'

/** The chair of a meeting row, joined by every list of meetings. */
export const chairUser = alias(users, 'chair')

/** What every list of meetings shows of one: when, where, its type and chair. */
const rowColumns = {
  id: meetings.id,
  title: meetings.title,
  startsAt: meetings.startsAt,
  endsAt: meetings.endsAt,
  status: meetings.status,
  urgent: meetings.urgent,
  location: meetings.location,
  typeName: meetingTypes.name,
  chairName: chairUser.fullName,
}

/**
 * Meetings with their type and chair joined and the row's columns selected, plus `extra`: the one
 * start of the schedule's and the meetings list's queries, which add their joins and conditions.
 */
export function selectMeetingRows<T extends SelectedFields>(db: DBOrTx, extra: T) {
  return db
    .select({ ...rowColumns, ...extra })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .innerJoin(chairUser, eq(chairUser.id, meetings.chairUserId))
}
