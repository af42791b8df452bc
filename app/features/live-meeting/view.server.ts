import { and, asc, eq, inArray } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { agendaItems, agendaProgress, attendance, meetingParticipants, meetings, meetingSessions, meetingTypes, namedBallots, speeches, units, users, voteVoters, votes } from '#db/schema'
import { currentCheckinCode } from './checkin-code.server'
import { quorumNeeded } from './counting'
import { listDisplayLinks } from './displays.server'
import { queueOrder, roll } from './hall.server'
import { isSubstitute, standsInFor } from '~/features/meetings/index.server'
import { type Context, contextOf } from '~/core/context'

/**
 * The room's read models (decision 011): `hall:<id>` — what every member of the room may see
 * (the session, the agenda's clocks, the floor and the queue, speaking totals, attendance counts
 * and quorum, votes: progress while open, results once closed); `console:<id>` — what those who run
 * it see besides (each person's attendance with times and reasons, display links); `screen:<id>` —
 * the big screen (the hall's public part and the check-in code). Instants are epoch milliseconds.
 */

const presenter = alias(users, 'presenter')
const ms = (d: Date | null | undefined) => (d ? d.getTime() : null)

export function hallView({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const row = db
    .select({ meeting: meetings, type: meetingTypes, chairName: users.fullName })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .innerJoin(users, eq(users.id, meetings.chairUserId))
    .where(eq(meetings.id, meetingId))
    .get()
  if (!row) return null
  const { meeting, type } = row
  const session = db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).get() ?? null
  const names = new Map(
    db
      .select({ id: users.id, name: users.fullName })
      .from(meetingParticipants)
      .innerJoin(users, eq(users.id, meetingParticipants.userId))
      .where(eq(meetingParticipants.meetingId, meetingId))
      .all()
      .map((u) => [u.id, u.name]),
  )
  const progress = new Map(db.select().from(agendaProgress).where(eq(agendaProgress.meetingId, meetingId)).all().map((p) => [p.agendaItemId, p]))
  const all = db.select().from(speeches).where(eq(speeches.meetingId, meetingId)).orderBy(asc(speeches.id)).all()
  const nameOf = (id: number) => names.get(id) ?? ''
  const spokenByItem = new Map<number, { spokenMs: number; speeches: number }>()
  const byPerson = new Map<number, { userId: number; name: string; spokenMs: number; speeches: number }>()
  for (const s of all) {
    if (s.state !== 'done') continue
    const item = spokenByItem.get(s.agendaItemId) ?? { spokenMs: 0, speeches: 0 }
    item.spokenMs += s.spokenMs
    item.speeches++
    spokenByItem.set(s.agendaItemId, item)
    const person = byPerson.get(s.userId) ?? { userId: s.userId, name: nameOf(s.userId), spokenMs: 0, speeches: 0 }
    person.spokenMs += s.spokenMs
    person.speeches++
    byPerson.set(s.userId, person)
  }
  const agenda = db
    .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, plannedMinutes: agendaItems.plannedMinutes, presenterName: presenter.fullName, presenterUnitName: units.name })
    .from(agendaItems)
    .leftJoin(presenter, eq(presenter.id, agendaItems.presenterUserId))
    .leftJoin(units, eq(units.id, agendaItems.presenterUnitId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all()
    .map((a) => {
      const p = progress.get(a.id)
      return {
        ...a,
        usedMs: p?.usedMs ?? 0,
        runningSince: ms(p?.runningSince),
        started: p?.firstStartedAt != null,
        speakersClosed: p?.speakersClosed ?? false,
        speakingLimitMinutes: p?.speakingLimitMinutes ?? type.speakingLimitMinutes,
        limitOverridden: p?.speakingLimitMinutes != null,
        spokenMs: spokenByItem.get(a.id)?.spokenMs ?? 0,
        speeches: spokenByItem.get(a.id)?.speeches ?? 0,
      }
    })
  const currentItemId = session?.currentAgendaItemId ?? null
  const floorRow = all.find((s) => s.state === 'speaking' || s.state === 'paused') ?? null
  const speech = (s: (typeof all)[number]) => ({ id: s.id, userId: s.userId, name: nameOf(s.userId), kind: s.kind, note: s.note, requestedAt: s.requestedAt.getTime() })
  const floor = floorRow
    ? {
        ...speech(floorRow),
        agendaItemId: floorRow.agendaItemId,
        state: floorRow.state,
        startedAt: ms(floorRow.startedAt),
        limitMs: floorRow.limitMs,
        endsAt: ms(floorRow.endsAt),
        remainingMs: floorRow.remainingMs,
        spokenMs: floorRow.spokenMs,
        segmentStartedAt: ms(floorRow.segmentStartedAt),
      }
    : null
  const queue = queueOrder(all.filter((s) => s.agendaItemId === currentItemId && s.state === 'waiting')).map(speech)
  const spoken = all
    .filter((s) => s.agendaItemId === currentItemId && s.state === 'done')
    .map((s) => ({ ...speech(s), spokenMs: s.spokenMs, startedAt: ms(s.startedAt), endedAt: ms(s.endedAt), limitMs: s.limitMs }))

  const r = roll({ meetingId, substitutesVote: type.substitutesVote }, { db })
  const marks = db.select({ userId: attendance.userId, state: attendance.state, late: attendance.late, leftAt: attendance.leftAt }).from(attendance).where(eq(attendance.meetingId, meetingId)).all()
  const needed = quorumNeeded(type.quorumRule, r.convened)
  const counts = {
    convened: r.convened,
    presentMembers: r.presentMembers,
    inPerson: marks.filter((m) => m.state === 'present' && !m.leftAt).length,
    online: marks.filter((m) => m.state === 'online' && !m.leftAt).length,
    late: marks.filter((m) => m.late).length,
    left: marks.filter((m) => m.leftAt).length,
    quorumRule: type.quorumRule,
    quorumNeeded: needed,
    quorumMet: r.presentMembers >= needed,
    hereIds: [...r.here],
    voterIds: [...r.voters],
  }

  const voteRows = db.select().from(votes).where(eq(votes.meetingId, meetingId)).orderBy(asc(votes.id)).all()
  const openIds = voteRows.filter((v) => v.state === 'open').map((v) => v.id)
  const voted = openIds.length ? db.select().from(voteVoters).where(inArray(voteVoters.voteId, openIds)).all() : []
  const closedNamed = voteRows.filter((v) => v.state === 'closed' && !v.secret).map((v) => v.id)
  const named = closedNamed.length ? db.select().from(namedBallots).where(inArray(namedBallots.voteId, closedNamed)).all() : []
  const voteList = voteRows.map((v) => {
    const votedIds = voted.filter((x) => x.voteId === v.id).map((x) => x.userId)
    return {
      id: v.id,
      agendaItemId: v.agendaItemId,
      question: v.question,
      secret: v.secret,
      passRule: v.passRule,
      state: v.state,
      openedAt: v.openedAt.getTime(),
      closesAt: ms(v.closesAt),
      closedAt: ms(v.closedAt),
      // While open: how many have voted out of how many may — never what they chose.
      cast: v.state === 'open' ? votedIds.length : (v.yes ?? 0) + (v.no ?? 0) + (v.abstain ?? 0),
      entitled: v.state === 'open' ? r.voters.size : (v.entitledAtClose ?? 0),
      votedIds: v.state === 'open' ? votedIds : [],
      results:
        v.state === 'closed'
          ? { yes: v.yes ?? 0, no: v.no ?? 0, abstain: v.abstain ?? 0, passed: v.passed ?? false, convened: v.convened ?? 0, presentAtClose: v.presentAtClose ?? 0, quorumNeeded: v.quorumNeeded ?? 0, quorumMet: v.quorumMet ?? false }
          : null,
      ballots: v.state === 'closed' && !v.secret ? named.filter((b) => b.voteId === v.id).map((b) => ({ userId: b.userId, name: nameOf(b.userId), choice: b.choice })) : null,
    }
  })

  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      status: meeting.status,
      mode: meeting.mode,
      location: meeting.location,
      joinUrl: meeting.joinUrl,
      startsAt: meeting.startsAt.getTime(),
      endsAt: meeting.endsAt.getTime(),
      typeName: type.name,
      chairUserId: meeting.chairUserId,
      chairName: row.chairName,
      maxDurationMinutes: type.maxDurationMinutes,
      graceMinutes: type.graceMinutes,
      debateLimitSeconds: type.debateLimitSeconds,
      rulesText: type.rulesText,
    },
    session: session
      ? { state: session.state, openedAt: session.openedAt.getTime(), closedAt: ms(session.closedAt), suspendedAt: ms(session.suspendedAt), suspendedMs: session.suspendedMs, currentItemId }
      : null,
    agenda,
    floor,
    queue,
    spoken,
    totals: [...byPerson.values()].sort((a, b) => b.spokenMs - a.spokenMs),
    attendance: counts,
    votes: voteList,
  }
}
export type HallView = NonNullable<ReturnType<typeof hallView>>

/** What those who run the meeting see besides: each person's attendance, and the display links. */
export function consoleView({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const session = db.select({ state: meetingSessions.state }).from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).get()
  const original = alias(users, 'original')
  const marks = new Map(db.select().from(attendance).where(eq(attendance.meetingId, meetingId)).all().map((a) => [a.userId, a]))
  const people = db
    .select({
      userId: meetingParticipants.userId,
      name: users.fullName,
      position: users.position,
      unitName: units.name,
      role: meetingParticipants.role,
      source: meetingParticipants.source,
      rsvp: meetingParticipants.rsvp,
      rsvpReason: meetingParticipants.rsvpReason,
      confirmedAt: meetingParticipants.substituteConfirmedAt,
      substituteFor: original.fullName,
    })
    .from(meetingParticipants)
    .innerJoin(users, eq(users.id, meetingParticipants.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(original, standsInFor(original.id))
    .where(and(eq(meetingParticipants.meetingId, meetingId)))
    .orderBy(asc(users.searchText))
    .all()
    .filter((p) => !isSubstitute(p.source) || p.confirmedAt != null)
    .map(({ confirmedAt: _c, ...p }) => {
      const a = marks.get(p.userId)
      return {
        ...p,
        attendance: a
          ? { state: a.state, arrivedAt: ms(a.arrivedAt), late: a.late, leftAt: ms(a.leftAt), leftReason: a.leftReason, absentReason: a.absentReason, rulesAcknowledgedAt: ms(a.rulesAcknowledgedAt), method: a.method }
          : null,
      }
    })
  return { sessionState: session?.state ?? null, people, displays: listDisplayLinks({ meetingId }, { db }).map((d) => ({ ...d, createdAt: d.createdAt.getTime() })) }
}
export type ConsoleView = ReturnType<typeof consoleView>

/** The big screen: the hall's public part, the next speakers, the latest result, and the check-in code. */
export function screenView({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const hall = hallView({ meetingId }, { db })
  if (!hall) return null
  const secret = db.select({ secret: meetingSessions.checkinSecret, state: meetingSessions.state }).from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).get()
  const current = hall.agenda.find((a) => a.id === hall.session?.currentItemId) ?? null
  const openVote = hall.votes.find((v) => v.state === 'open') ?? null
  const lastClosed = [...hall.votes].reverse().find((v) => v.state === 'closed' && v.agendaItemId === current?.id) ?? null
  return {
    meeting: { id: hall.meeting.id, title: hall.meeting.title, mode: hall.meeting.mode, location: hall.meeting.location },
    session: hall.session,
    current,
    floor: hall.floor,
    next: hall.queue.slice(0, 5),
    vote: openVote ? { ...openVote, votedIds: [] as number[] } : null,
    result: lastClosed ? { ...lastClosed, ballots: null } : null,
    attendance: { ...hall.attendance, hereIds: [] as number[], voterIds: [] as number[] },
    checkin: secret && secret.state !== 'closed' && hall.meeting.mode !== 'online' ? currentCheckinCode(secret.secret, meetingId, now) : null,
  }
}
export type ScreenView = NonNullable<ReturnType<typeof screenView>>

/** One person's own attendance (for their page; not part of any room's model). */
export function myAttendance({ meetingId, userId }: { meetingId: number; userId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const a = db.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId))).get()
  return a ? { state: a.leftAt ? 'left' : a.state, arrivedAt: ms(a.arrivedAt), late: a.late } : null
}
