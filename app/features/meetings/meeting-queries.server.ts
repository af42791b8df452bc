// Reading meetings: one meeting with its agenda and participants, the week's list, who may see it (access facts) and the finder pages use.
import { and, asc, eq, gt, inArray, lt, ne, notInArray, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { RsvpState } from '#db/schema/enums'
import { agendaItems, meetingParticipants, meetings, meetingTypes, programmeItems, units, users } from '#db/schema/index'
import type { MeetingAccess } from './permissions.server'
import { findById } from '~/core/schemas'
import { isSubstitute, parseSource } from './participant-source'
import { takesPart } from './participants.server'
import { chairUser, selectMeetingRows } from './meeting-rows.server'
import { type Context, contextOf } from '~/core/context'

/** Who chairs and who is invited: what the meetings' permission rules need about a meeting. */
export function meetingAccess({ id }: { id: number }, ctx: Partial<Context> = {}): MeetingAccess | null {
  const { db } = contextOf(ctx)
  const meeting = db.select({ chairUserId: meetings.chairUserId }).from(meetings).where(eq(meetings.id, id)).get()
  if (!meeting) return null
  // A substitute not yet confirmed is not a participant: no meeting page, no documents.
  const participantUserIds = db
    .select({ userId: meetingParticipants.userId })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, id), takesPart()))
    .all()
    .map((p) => p.userId)
  return { chairUserId: meeting.chairUserId, participantUserIds }
}


const presenterUser = alias(users, 'presenter')

const substituteUser = alias(users, 'substitute')

const preparingUnit = alias(units, 'prep_unit')

export function getMeeting({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const row = db
    .select({
      meeting: meetings,
      typeName: meetingTypes.name,
      leadDays: meetingTypes.documentLeadDays,
      conclusionDeadlineDays: meetingTypes.conclusionDeadlineDays,
      speakingLimitMinutes: meetingTypes.speakingLimitMinutes,
      chairName: chairUser.fullName,
      chairPosition: chairUser.position,
      preparingUnitName: preparingUnit.name,
      programmeItemContent: programmeItems.content,
    })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .innerJoin(chairUser, eq(chairUser.id, meetings.chairUserId))
    .leftJoin(preparingUnit, eq(preparingUnit.id, meetings.preparingUnitId))
    .leftJoin(programmeItems, eq(programmeItems.id, meetings.programmeItemId))
    .where(eq(meetings.id, id))
    .get()
  if (!row) return null
  const agenda = db
    .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, presenterUserId: agendaItems.presenterUserId, presenterUnitId: agendaItems.presenterUnitId, plannedMinutes: agendaItems.plannedMinutes, presenterName: presenterUser.fullName, presenterUnitName: units.name })
    .from(agendaItems)
    .leftJoin(presenterUser, eq(presenterUser.id, agendaItems.presenterUserId))
    .leftJoin(units, eq(units.id, agendaItems.presenterUnitId))
    .where(eq(agendaItems.meetingId, id))
    .orderBy(asc(agendaItems.position))
    .all()
  const participants = db
    .select({
      userId: meetingParticipants.userId,
      fullName: users.fullName,
      position: users.position,
      unitName: units.name,
      role: meetingParticipants.role,
      source: meetingParticipants.source,
      rsvp: meetingParticipants.rsvp,
      rsvpReason: meetingParticipants.rsvpReason,
      substituteUserId: meetingParticipants.substituteUserId,
      substituteName: substituteUser.fullName,
      invitedAt: meetingParticipants.invitedAt,
      respondedAt: meetingParticipants.respondedAt,
      substituteConfirmedAt: meetingParticipants.substituteConfirmedAt,
    })
    .from(meetingParticipants)
    .innerJoin(users, eq(users.id, meetingParticipants.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(substituteUser, eq(substituteUser.id, meetingParticipants.substituteUserId))
    .where(eq(meetingParticipants.meetingId, id))
    .orderBy(asc(users.searchText))
    .all()
    .map(({ substituteConfirmedAt, ...p }) => ({ ...p, pendingSubstitute: isSubstitute(p.source) && !substituteConfirmedAt }))
  return { ...row.meeting, typeName: row.typeName, leadDays: row.leadDays, conclusionDeadlineDays: row.conclusionDeadlineDays, speakingLimitMinutes: row.speakingLimitMinutes, chairName: row.chairName, chairPosition: row.chairPosition, preparingUnitName: row.preparingUnitName, programmeItemContent: row.programmeItemContent, agenda, participants }
}

export type MeetingDetail = NonNullable<ReturnType<typeof getMeeting>>

/** Form values to edit a meeting: the groups it was built from are recovered from participant sources. */
export function meetingFormValues(m: MeetingDetail) {
  const sources = m.participants.map((p) => ({ ...p, from: parseSource(p.source) }))
  const idsFrom = (kind: 'group' | 'unit', role?: string) => [...new Set(sources.flatMap((p) => (p.from.kind === kind && (!role || p.role === role) ? [p.from.id] : [])))]
  const roleSources = [...new Set(sources.flatMap((p) => (p.from.kind === 'role' ? [p.from.role] : [])))]
  return {
    title: m.title,
    meetingTypeId: m.meetingTypeId,
    programmeItemId: m.programmeItemId,
    offProgrammeReason: m.offProgrammeReason,
    urgent: m.urgent,
    chairUserId: m.chairUserId,
    startsAt: m.startsAt,
    endsAt: m.endsAt,
    mode: m.mode,
    location: m.location,
    joinUrl: m.joinUrl,
    preparingUnitId: m.preparingUnitId,
    agenda: m.agenda.map((a) => ({ title: a.title, presenterUserId: a.presenterUserId, presenterUnitId: a.presenterUnitId, plannedMinutes: a.plannedMinutes })),
    memberUserIds: sources.filter((p) => p.role === 'member' && p.from.kind === 'person').map((p) => p.userId),
    memberRoles: roleSources,
    memberGroupIds: idsFrom('group'),
    guestUnitIds: idsFrom('unit', 'guest'),
    guestUserIds: sources.filter((p) => p.role === 'guest' && p.from.kind === 'person').map((p) => p.userId),
    secretaryUserId: m.participants.find((p) => p.role === 'secretary')?.userId ?? null,
  }
}

/** `userId`: only that person's meetings — those they declined or sent a substitute to as well with `includeDeclined`. */
export type MeetingListFilter = { from: Date; to: Date; userId?: number; includeCancelled?: boolean; includeDeclined?: boolean }

/** Meetings starting in [from, to), with what a schedule shows (and, with `userId`, that person's answer). */
export function listMeetings({ filter }: { filter: MeetingListFilter }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const mine = filter.userId
    ? or(
        eq(meetings.chairUserId, filter.userId),
        inArray(
          meetings.id,
          db
            .select({ id: meetingParticipants.meetingId })
            .from(meetingParticipants)
            .where(and(eq(meetingParticipants.userId, filter.userId), filter.includeDeclined ? undefined : notInArray(meetingParticipants.rsvp, ['declined', 'substituted']))),
        ),
      )
    : undefined
  const rows = selectMeetingRows(db, {
      statusReason: meetings.statusReason,
      mode: meetings.mode,
      programmeItemId: meetings.programmeItemId,
      preparingUnitName: preparingUnit.name,
      participantCount: sql<number>`(select count(*) from ${meetingParticipants} where ${meetingParticipants.meetingId} = ${meetings.id} and ${meetingParticipants.rsvp} not in ('declined','substituted'))`,
      myAnswer: filter.userId
        ? sql<RsvpState | null>`(select ${meetingParticipants.rsvp} from ${meetingParticipants} where ${meetingParticipants.meetingId} = ${meetings.id} and ${meetingParticipants.userId} = ${filter.userId})`
        : sql<RsvpState | null>`null`,
    })
    .leftJoin(preparingUnit, eq(preparingUnit.id, meetings.preparingUnitId))
    .where(and(gt(meetings.endsAt, filter.from), lt(meetings.startsAt, filter.to), filter.includeCancelled ? undefined : ne(meetings.status, 'cancelled'), mine))
    .orderBy(asc(meetings.startsAt))
    .all()
  return rows
}

/** A meeting by the id a page or the API was given: its id and who chairs and attends it, or not found (the caller authorizes). */
export function findMeeting(param: string | number | undefined) {
  const { id, found } = findById(param, (id) => meetingAccess({ id }), 'meeting.notFound')
  return { id, access: found }
}
