// Double-booking: meetings overlapping in time that share the chair, a participant or the room (warnings the form shows before saving).
import { and, eq, gt, inArray, lt, ne, notInArray } from 'drizzle-orm'
import { formatDate, formatDateTime } from '~/core/dates'
import { meetingParticipants, meetings, users } from '#db/schema/index'
import type { MeetingSaveInput } from './meetings.server'
import { expandParticipants } from './participants.server'
import { type Context, contextOf } from '~/core/context'

export type Conflict = { kind: 'chair' | 'participant' | 'room'; meetingId: number; title: string; startsAt: Date; endsAt: Date; names: string[] }

/** Meetings overlapping [startsAt, endsAt) that share the chair, a participant or the room (warnings, not errors). */
export function findConflicts(
  { input, excludeMeetingId }: { input: { startsAt: Date; endsAt: Date; chairUserId: number; location?: string | null; userIds: number[] }; excludeMeetingId: number | null }, ctx: Partial<Context> = {},
): Conflict[] {
  const { db } = contextOf(ctx)
  const overlapping = db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, chairUserId: meetings.chairUserId, location: meetings.location })
    .from(meetings)
    .where(
      and(
        lt(meetings.startsAt, input.endsAt),
        gt(meetings.endsAt, input.startsAt),
        notInArray(meetings.status, ['cancelled', 'postponed']),
        excludeMeetingId ? ne(meetings.id, excludeMeetingId) : undefined,
      ),
    )
    .all()
  if (!overlapping.length) return []
  const conflicts: Conflict[] = []
  const room = input.location?.trim().toLowerCase()
  const chairName = db.select({ name: users.fullName }).from(users).where(eq(users.id, input.chairUserId)).get()?.name ?? ''
  const busy = input.userIds.length
    ? db
        .select({ meetingId: meetingParticipants.meetingId, userId: meetingParticipants.userId, name: users.fullName })
        .from(meetingParticipants)
        .innerJoin(users, eq(users.id, meetingParticipants.userId))
        .where(
          and(
            inArray(meetingParticipants.meetingId, overlapping.map((m) => m.id)),
            inArray(meetingParticipants.userId, input.userIds),
            notInArray(meetingParticipants.rsvp, ['declined', 'substituted']),
          ),
        )
        .all()
    : []
  for (const m of overlapping) {
    const base = { meetingId: m.id, title: m.title, startsAt: m.startsAt, endsAt: m.endsAt }
    const chairBusy = m.chairUserId === input.chairUserId
    if (chairBusy) conflicts.push({ ...base, kind: 'chair', names: [chairName] })
    if (room && m.location?.trim().toLowerCase() === room) conflicts.push({ ...base, kind: 'room', names: [m.location!] })
    // The chair's clash is said once, as the chair's, not again among the participants.
    const names = busy.filter((b) => b.meetingId === m.id && !(chairBusy && b.userId === input.chairUserId)).map((b) => b.name)
    if (names.length) conflicts.push({ ...base, kind: 'participant', names })
  }
  return conflicts
}

const CONFLICT_MESSAGES = { chair: 'meetings.conflictChair', participant: 'meetings.conflictParticipant', room: 'meetings.conflictRoom' } as const

function describeConflict(c: Conflict) {
  return {
    kind: c.kind,
    title: c.title,
    names: c.names.slice(0, 8),
    /** i18n key of the sentence that explains it. */
    messageKey: CONFLICT_MESSAGES[c.kind],
    when: `${formatDate(c.startsAt)} ${formatDateTime(c.startsAt).slice(11)}–${formatDateTime(c.endsAt).slice(11)}`,
  }
}

/** The double bookings saving this meeting would make: chair, any invited person, the room. */
export function scheduleConflicts({ input, existingId }: { input: MeetingSaveInput; existingId: number | null }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const userIds = [...expandParticipants({ input }, { db }).keys()]
  return findConflicts({ input: { startsAt: input.startsAt, endsAt: input.endsAt, chairUserId: input.chairUserId, location: input.location, userIds }, excludeMeetingId: existingId }, { db }).map(describeConflict)
}
