import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { AttendanceState, PassRule, SpeechKind, VoteChoice } from '#db/schema/enums'
import { type DBOrTx } from '#db/client'
import { agendaItems, agendaProgress, attendance, meetingParticipants, meetings, meetingSessions, meetingTypes, namedBallots, secretBallots, speeches, voteVoters, votes } from '#db/schema'
import { events } from '~/core/events.server'
import { DomainError, type DomainErrorKind } from '~/core/errors'
import { generateSecureRandomString } from '~/core/tokens.server'
import { writeAudit } from '~/core/audit.server'
import { checkinCodeMatches, newCheckinSecret } from './checkin-code.server'
import { quorumNeeded, votePasses } from './counting'
import type { AuditActor } from '~/core/actor'
import { advanceMeetingStatus, isSubstitute, parseSource } from '~/features/meetings/index.server'
import { type Context, contextOf, isDatabase } from '~/core/context'

/**
 * The meeting in session: the session itself, the agenda's progress, attendance, the speakers
 * list with its server-held countdown, and votes. Each change is one transaction (with its audit
 * row, except ballots: see castBallot) followed by `hall.updated`, from which the live views of the
 * room, the console and the big screen are pushed.
 */

/** How early before the start the session (and check-in) may be opened. */
const OPEN_BEFORE_MS = 2 * 60 * 60 * 1000
const VOTER_ROLES = new Set(['chair', 'member'])

function fail(key: string, kind: DomainErrorKind = 'conflict', field?: string): never {
  throw new DomainError(`live.errors.${key}`, kind, field)
}

function changed(meetingId: number, what: 'session' | 'attendance' | 'speakers' | 'votes' | 'ballot') {
  events.emit('hall.updated', { meetingId, what })
}

function meetingWithType(tx: DBOrTx, meetingId: number) {
  const row = tx
    .select({ meeting: meetings, type: meetingTypes })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .where(eq(meetings.id, meetingId))
    .get()
  if (!row) fail('meetingNotFound', 'not_found')
  return row
}

function sessionOf(tx: DBOrTx, meetingId: number) {
  return tx.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).get() ?? null
}

/** The session, required to be open (or open or suspended). */
function liveSession(tx: DBOrTx, meetingId: number, allowSuspended: boolean) {
  const session = sessionOf(tx, meetingId)
  if (!session) fail('notOpen')
  if (session.state === 'closed') fail('closed')
  if (session.state === 'suspended' && !allowSuspended) fail('suspended')
  return session
}

type Participant = { userId: number; role: string; source: string; confirmed: boolean }

function participantsOf(tx: DBOrTx, meetingId: number): Participant[] {
  return tx
    .select({ userId: meetingParticipants.userId, role: meetingParticipants.role, source: meetingParticipants.source, confirmedAt: meetingParticipants.substituteConfirmedAt })
    .from(meetingParticipants)
    .where(eq(meetingParticipants.meetingId, meetingId))
    .all()
    .map((p) => ({ userId: p.userId, role: p.role, source: p.source, confirmed: !isSubstitute(p.source) || p.confirmedAt != null }))
}

/**
 * Who counts: the members convened (chair and members invited as themselves), who of them is
 * present (in the hall or online, not left), and who may vote now — present members, and present
 * confirmed substitutes of members when the type lets substitutes vote.
 */
export function roll({ meetingId, substitutesVote }: { meetingId: number; substitutesVote: boolean }, ctx: Partial<Context> = {}) {
  const { db: tx } = contextOf(ctx)
  const people = participantsOf(tx, meetingId)
  const here = new Set(
    tx
      .select({ userId: attendance.userId })
      .from(attendance)
      .where(and(eq(attendance.meetingId, meetingId), inArray(attendance.state, ['present', 'online']), isNull(attendance.leftAt)))
      .all()
      .map((r) => r.userId),
  )
  const convened = people.filter((p) => VOTER_ROLES.has(p.role) && !isSubstitute(p.source))
  const convenedIds = new Set(convened.map((p) => p.userId))
  const voters = new Set(convened.filter((p) => here.has(p.userId)).map((p) => p.userId))
  if (substitutesVote) {
    for (const p of people) {
      const from = parseSource(p.source)
      if (from.kind !== 'substitute' || !p.confirmed || !here.has(p.userId)) continue
      const original = from.forUserId
      if (convenedIds.has(original) && !here.has(original)) voters.add(p.userId)
    }
  }
  return { people, here, convened: convened.length, presentMembers: voters.size, voters }
}

function requireParticipant(tx: DBOrTx, meetingId: number, userId: number) {
  const p = participantsOf(tx, meetingId).find((x) => x.userId === userId)
  if (!p || !p.confirmed) fail('notParticipant', 'conflict')
  return p
}

// ---------------------------------------------------------------- the session

/** Opens the session: the meeting is *đang họp*, the first agenda item starts, check-in opens. */
export function openSession({ meetingId, actor }: { meetingId: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const { meeting } = meetingWithType(tx, meetingId)
    const existing = sessionOf(tx, meetingId)
    if (existing) fail(existing.state === 'closed' ? 'closed' : 'alreadyOpen')
    if (meeting.status !== 'invited') fail('notInvited')
    if (now.getTime() < meeting.startsAt.getTime() - OPEN_BEFORE_MS) fail('tooEarly')
    const first = tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)).get()
    tx.insert(meetingSessions)
      .values({ meetingId, state: 'open', openedAt: now, openedBy: actor.id, currentAgendaItemId: first?.id ?? null, checkinSecret: newCheckinSecret(), updatedAt: now })
      .run()
    if (first) tx.insert(agendaProgress).values({ agendaItemId: first.id, meetingId, firstStartedAt: now, runningSince: now }).run()
    advanceMeetingStatus({ id: meetingId, to: 'in_session' }, { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'session.opened', entityType: 'meeting', entityId: meetingId, after: { openedAt: now.toISOString() } })
  })
  events.emit('meeting.updated', { meetingId })
  changed(meetingId, 'session')
}

function stopItemClock(tx: DBOrTx, itemId: number | null, now: Date) {
  if (!itemId) return
  const p = tx.select().from(agendaProgress).where(eq(agendaProgress.agendaItemId, itemId)).get()
  if (!p?.runningSince) return
  tx.update(agendaProgress)
    .set({ usedMs: p.usedMs + Math.max(0, now.getTime() - p.runningSince.getTime()), runningSince: null })
    .where(eq(agendaProgress.agendaItemId, itemId))
    .run()
}

function startItemClock(tx: DBOrTx, meetingId: number, itemId: number | null, now: Date) {
  if (!itemId) return
  const p = tx.select().from(agendaProgress).where(eq(agendaProgress.agendaItemId, itemId)).get()
  if (!p) tx.insert(agendaProgress).values({ agendaItemId: itemId, meetingId, firstStartedAt: now, runningSince: now }).run()
  else if (!p.runningSince) tx.update(agendaProgress).set({ runningSince: now, firstStartedAt: p.firstStartedAt ?? now }).where(eq(agendaProgress.agendaItemId, itemId)).run()
}

function floorOf(tx: DBOrTx, meetingId: number) {
  return tx.select().from(speeches).where(and(eq(speeches.meetingId, meetingId), inArray(speeches.state, ['speaking', 'paused']))).get() ?? null
}

function pauseSpeech(tx: DBOrTx, speech: typeof speeches.$inferSelect, now: Date) {
  if (speech.state !== 'speaking') return
  const t = now.getTime()
  tx.update(speeches)
    .set({
      state: 'paused',
      spokenMs: speech.spokenMs + Math.max(0, t - (speech.segmentStartedAt?.getTime() ?? t)),
      remainingMs: (speech.endsAt?.getTime() ?? t) - t,
      endsAt: null,
      segmentStartedAt: null,
    })
    .where(eq(speeches.id, speech.id))
    .run()
}

function endSpeech(tx: DBOrTx, speech: typeof speeches.$inferSelect, now: Date) {
  const t = now.getTime()
  const running = speech.state === 'speaking' ? Math.max(0, t - (speech.segmentStartedAt?.getTime() ?? t)) : 0
  tx.update(speeches)
    .set({ state: 'done', endedAt: now, spokenMs: speech.spokenMs + running, endsAt: null, remainingMs: null, segmentStartedAt: null })
    .where(eq(speeches.id, speech.id))
    .run()
}

export function suspendSession({ meetingId, actor }: { meetingId: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const session = liveSession(tx, meetingId, true)
    if (session.state === 'suspended') fail('alreadySuspended')
    stopItemClock(tx, session.currentAgendaItemId, now)
    const floor = floorOf(tx, meetingId)
    if (floor) pauseSpeech(tx, floor, now)
    tx.update(meetingSessions).set({ state: 'suspended', suspendedAt: now, updatedAt: now }).where(eq(meetingSessions.meetingId, meetingId)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'session.suspended', entityType: 'meeting', entityId: meetingId })
  })
  changed(meetingId, 'session')
}

export function resumeSession({ meetingId, actor }: { meetingId: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const session = liveSession(tx, meetingId, true)
    if (session.state !== 'suspended') fail('notSuspended')
    const pause = Math.max(0, now.getTime() - (session.suspendedAt?.getTime() ?? now.getTime()))
    tx.update(meetingSessions).set({ state: 'open', suspendedAt: null, suspendedMs: session.suspendedMs + pause, updatedAt: now }).where(eq(meetingSessions.meetingId, meetingId)).run()
    startItemClock(tx, meetingId, session.currentAgendaItemId, now)
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'session.resumed', entityType: 'meeting', entityId: meetingId })
  })
  changed(meetingId, 'session')
}

/** Closes the session: clocks stop, the floor and any open vote close, the meeting is held. */
export function closeSession({ meetingId, actor }: { meetingId: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  let secretClosed = false
  db.transaction((tx) => {
    const session = liveSession(tx, meetingId, true)
    const { type } = meetingWithType(tx, meetingId)
    stopItemClock(tx, session.currentAgendaItemId, now)
    const floor = floorOf(tx, meetingId)
    if (floor) endSpeech(tx, floor, now)
    const open = tx.select().from(votes).where(and(eq(votes.meetingId, meetingId), eq(votes.state, 'open'))).get()
    if (open) tallyAndClose(tx, open, type.substitutesVote, type.quorumRule, actor.id, now)
    secretClosed = !!open?.secret
    const pause = session.state === 'suspended' ? Math.max(0, now.getTime() - (session.suspendedAt?.getTime() ?? now.getTime())) : 0
    tx.update(meetingSessions)
      .set({ state: 'closed', closedAt: now, closedBy: actor.id, suspendedAt: null, suspendedMs: session.suspendedMs + pause, updatedAt: now })
      .where(eq(meetingSessions.meetingId, meetingId))
      .run()
    // A notice issued during the session has already made the meeting concluded (it stays so).
    advanceMeetingStatus({ id: meetingId, to: 'held' }, { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'session.closed', entityType: 'meeting', entityId: meetingId, after: { closedAt: now.toISOString() } })
  })
  if (secretClosed) forgetWriteOrder(db)
  events.emit('meeting.updated', { meetingId })
  changed(meetingId, 'session')
}

// ---------------------------------------------------------------- the agenda

/** Makes `itemId` the current item (`next` / `previous` from the current one): its clock runs, the old one's stops, a speech on the floor ends. */
export function goToItem({ meetingId, target, actor }: { meetingId: number; target: { itemId: number } | 'next' | 'previous'; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const session = liveSession(tx, meetingId, true)
    const items = tx.select({ id: agendaItems.id }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position)).all()
    const at = items.findIndex((i) => i.id === session.currentAgendaItemId)
    const itemId = typeof target === 'object' ? target.itemId : items[target === 'next' ? at + 1 : at - 1]?.id
    if (!itemId || !items.some((i) => i.id === itemId)) fail(typeof target === 'object' ? 'itemNotFound' : target === 'next' ? 'noNextItem' : 'noPreviousItem')
    if (itemId === session.currentAgendaItemId) return
    stopItemClock(tx, session.currentAgendaItemId, now)
    const floor = floorOf(tx, meetingId)
    if (floor) endSpeech(tx, floor, now)
    if (session.state === 'open') startItemClock(tx, meetingId, itemId, now)
    else if (!tx.select().from(agendaProgress).where(eq(agendaProgress.agendaItemId, itemId)).get()) tx.insert(agendaProgress).values({ agendaItemId: itemId, meetingId, firstStartedAt: now }).run()
    tx.update(meetingSessions).set({ currentAgendaItemId: itemId, updatedAt: now }).where(eq(meetingSessions.meetingId, meetingId)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'session.item', entityType: 'meeting', entityId: meetingId, after: { agendaItemId: itemId } })
  })
  changed(meetingId, 'session')
}

function currentItem(tx: DBOrTx, meetingId: number, allowSuspended = true) {
  const session = liveSession(tx, meetingId, allowSuspended)
  if (!session.currentAgendaItemId) fail('noCurrentItem')
  const progress = tx.select().from(agendaProgress).where(eq(agendaProgress.agendaItemId, session.currentAgendaItemId)).get()
  return { session, itemId: session.currentAgendaItemId, progress }
}

/** Closes (or reopens) the current item's speakers list; a closed list takes no new requests. */
export function setSpeakersListClosed({ meetingId, closed, actor }: { meetingId: number; closed: boolean; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    const { itemId } = currentItem(tx, meetingId)
    tx.update(agendaProgress).set({ speakersClosed: closed }).where(eq(agendaProgress.agendaItemId, itemId)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: closed ? 'speakers.closed' : 'speakers.reopened', entityType: 'meeting', entityId: meetingId, after: { agendaItemId: itemId } })
  })
  changed(meetingId, 'speakers')
}

/** The speaking limit of the current item (overriding the type's), in minutes. */
export function setItemSpeakingLimit({ meetingId, minutes, actor }: { meetingId: number; minutes: number | null; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    const { itemId } = currentItem(tx, meetingId)
    tx.update(agendaProgress).set({ speakingLimitMinutes: minutes }).where(eq(agendaProgress.agendaItemId, itemId)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'speakers.limit', entityType: 'meeting', entityId: meetingId, after: { agendaItemId: itemId, minutes } })
  })
  changed(meetingId, 'speakers')
}

// ---------------------------------------------------------------- attendance

/**
 * Wrong check-in codes per person and meeting: after five in five minutes the next ones are refused
 * for the rest of the window, so nobody guesses the six digits from elsewhere (a million codes, two
 * of them valid at a time).
 */
const WRONG_CODE_LIMIT = 5
const WRONG_CODE_WINDOW_MS = 5 * 60_000
const wrongCodes = new Map<string, { count: number; since: number }>()

export type CheckIn = { method: 'code'; code: string } | { method: 'link' } | { method: 'api'; code?: string; online?: boolean }

/**
 * A delegate checks themself in once the session is open: in the hall with the code shown on the
 * big screen (this window's or the last), online from the join link of an online or hybrid
 * meeting. The meeting rules must be acknowledged. Late when after the start plus the type's grace.
 * Checking in again changes nothing (a second click is not a second arrival).
 */
export function checkIn({ meetingId, userId, input }: { meetingId: number; userId: number; input: CheckIn & { rulesAcknowledged: boolean } }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const result = db.transaction((tx) => {
    const session = liveSession(tx, meetingId, true)
    const { meeting, type } = meetingWithType(tx, meetingId)
    requireParticipant(tx, meetingId, userId)
    const online = input.method === 'link' || (input.method === 'api' && input.online === true)
    if (online && meeting.mode === 'in_person') fail('notOnline')
    if (!online && meeting.mode === 'online') fail('onlineOnly')
    if (!input.rulesAcknowledged) fail('rulesRequired', 'invalid', 'rulesAcknowledged')
    if (!online) {
      const code = input.code ?? ''
      if (!/^\d{6}$/.test(code)) fail('codeInvalid', 'invalid', 'code')
      const key = `${meetingId}:${userId}`
      const tries = wrongCodes.get(key)
      if (tries && now.getTime() - tries.since < WRONG_CODE_WINDOW_MS && tries.count >= WRONG_CODE_LIMIT) fail('tooManyCodes', 'invalid', 'code')
      if (!checkinCodeMatches(session.checkinSecret, meetingId, code, now)) {
        const fresh = !tries || now.getTime() - tries.since >= WRONG_CODE_WINDOW_MS
        wrongCodes.set(key, fresh ? { count: 1, since: now.getTime() } : { count: tries.count + 1, since: tries.since })
        if (wrongCodes.size > 10_000) wrongCodes.delete(wrongCodes.keys().next().value!)
        fail('codeExpired', 'invalid', 'code')
      }
    }
    const state: AttendanceState = online ? 'online' : 'present'
    const existing = tx.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId))).get()
    if (existing && existing.state !== 'absent' && !existing.leftAt) return { already: true as const, state: existing.state }
    const late = now.getTime() > meeting.startsAt.getTime() + type.graceMinutes * 60_000
    const method = input.method === 'api' ? 'api' : input.method
    if (existing) {
      tx.update(attendance)
        .set({ state, arrivedAt: existing.arrivedAt ?? now, late: existing.arrivedAt ? existing.late : late, leftAt: null, leftReason: null, absentReason: null, rulesAcknowledgedAt: existing.rulesAcknowledgedAt ?? now, method, recordedBy: userId, updatedAt: now })
        .where(eq(attendance.id, existing.id))
        .run()
    } else tx.insert(attendance).values({ meetingId, userId, state, arrivedAt: now, late, rulesAcknowledgedAt: now, method, recordedBy: userId, updatedAt: now }).run()
    writeAudit(tx, { actorId: userId, action: 'attendance.checkIn', entityType: 'meeting', entityId: meetingId, after: { state, late, method } })
    return { already: false as const, state }
  })
  if (!result.already) changed(meetingId, 'attendance')
  return result
}

/** A delegate leaves before the end, with a reason. */
export function leaveEarly({ meetingId, userId, reason }: { meetingId: number; userId: number; reason: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    liveSession(tx, meetingId, true)
    const row = tx.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId))).get()
    if (!row || row.state === 'absent' || row.leftAt) fail('notPresent')
    tx.update(attendance).set({ leftAt: now, leftReason: reason, updatedAt: now }).where(eq(attendance.id, row.id)).run()
    withdrawWaiting(tx, meetingId, userId)
    writeAudit(tx, { actorId: userId, action: 'attendance.left', entityType: 'meeting', entityId: meetingId, after: { reason } })
  })
  changed(meetingId, 'attendance')
}

function withdrawWaiting(tx: DBOrTx, meetingId: number, userId: number) {
  tx.update(speeches).set({ state: 'withdrawn' }).where(and(eq(speeches.meetingId, meetingId), eq(speeches.userId, userId), eq(speeches.state, 'waiting'))).run()
}

export type OfficeMark = { state: 'present' | 'online' | 'absent' | 'left'; reason?: string }

/** The Office checks anyone in or out, or records them absent (with a reason) or leaving (with a reason). */
export function markAttendance({ meetingId, userId, mark, actor }: { meetingId: number; userId: number; mark: OfficeMark; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    liveSession(tx, meetingId, true)
    const { meeting, type } = meetingWithType(tx, meetingId)
    requireParticipant(tx, meetingId, userId)
    if ((mark.state === 'absent' || mark.state === 'left') && !mark.reason) fail('reasonRequired', 'invalid', 'reason')
    const existing = tx.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId))).get()
    if (mark.state === 'left') {
      if (!existing || existing.state === 'absent' || existing.leftAt) fail('notPresent')
      tx.update(attendance).set({ leftAt: now, leftReason: mark.reason!, recordedBy: actor.id, updatedAt: now }).where(eq(attendance.id, existing.id)).run()
      withdrawWaiting(tx, meetingId, userId)
    } else if (mark.state === 'absent') {
      const values = { state: 'absent' as const, absentReason: mark.reason!, arrivedAt: null, late: false, leftAt: null, leftReason: null, recordedBy: actor.id, method: 'office' as const, updatedAt: now }
      if (existing) tx.update(attendance).set(values).where(eq(attendance.id, existing.id)).run()
      else tx.insert(attendance).values({ meetingId, userId, ...values }).run()
      withdrawWaiting(tx, meetingId, userId)
    } else {
      const late = now.getTime() > meeting.startsAt.getTime() + type.graceMinutes * 60_000
      const keepArrival = existing && existing.state !== 'absent' && existing.arrivedAt
      const values = { state: mark.state, arrivedAt: keepArrival ? existing.arrivedAt : now, late: keepArrival ? existing.late : late, leftAt: null, leftReason: null, absentReason: null, recordedBy: actor.id, method: 'office' as const, updatedAt: now }
      if (existing) tx.update(attendance).set(values).where(eq(attendance.id, existing.id)).run()
      else tx.insert(attendance).values({ meetingId, userId, ...values }).run()
    }
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'attendance.marked', entityType: 'meeting', entityId: meetingId, after: { userId, state: mark.state, reason: mark.reason ?? null } })
  })
  changed(meetingId, 'attendance')
}

// ---------------------------------------------------------------- speakers

function isUniqueViolation(error: unknown) {
  return error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')
}

/**
 * A request to speak on the current item, from the delegate (present, list open) or added by the
 * chair or the Office. A debate request (a direct reply to the speaker on the floor) goes ahead of
 * the normal queue. Each person has at most one waiting request per item.
 */
export function requestToSpeak({ meetingId, userId, input, actor }: { meetingId: number; userId: number; input: { kind: SpeechKind; note?: string | null }; actor: AuditActor & { runs?: boolean } }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  try {
    const id = db.transaction((tx) => {
      const { itemId, progress } = currentItem(tx, meetingId)
      requireParticipant(tx, meetingId, userId)
      const byOther = actor.id !== userId
      if (byOther && !actor.runs) fail('forbidden', 'forbidden')
      const present = tx.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, userId))).get()
      if (!byOther && (!present || present.state === 'absent' || present.leftAt)) fail('checkInFirst')
      if (!byOther && progress?.speakersClosed) fail('listClosed')
      const waiting = tx.select({ id: speeches.id }).from(speeches).where(and(eq(speeches.agendaItemId, itemId), eq(speeches.userId, userId), eq(speeches.state, 'waiting'))).get()
      if (waiting) fail('alreadyWaiting')
      if (input.kind === 'debate') {
        const floor = floorOf(tx, meetingId)
        if (!floor || floor.agendaItemId !== itemId) fail('debateNeedsSpeaker')
        if (floor.userId === userId) fail('debateOwnSpeech')
      }
      const last = tx.select({ w: sql<number>`coalesce(max(${speeches.weight}), 0)` }).from(speeches).where(eq(speeches.agendaItemId, itemId)).get()
      const row = tx
        .insert(speeches)
        .values({ meetingId, agendaItemId: itemId, userId, kind: input.kind, note: input.note ?? null, weight: (last?.w ?? 0) + 1, requestedAt: now, addedBy: actor.id })
        .returning({ id: speeches.id })
        .get()
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'speakers.requested', entityType: 'meeting', entityId: meetingId, after: { speechId: row.id, userId, kind: input.kind } })
      return row.id
    })
    changed(meetingId, 'speakers')
    return id
  } catch (error) {
    if (isUniqueViolation(error)) fail('alreadyWaiting')
    throw error
  }
}

function speechOf(tx: DBOrTx, meetingId: number, speechId: number) {
  const s = tx.select().from(speeches).where(and(eq(speeches.id, speechId), eq(speeches.meetingId, meetingId))).get()
  if (!s) fail('speechNotFound', 'not_found')
  return s
}

/** A waiting request is withdrawn by its author (or by whoever runs the meeting). */
export function withdrawRequest({ meetingId, speechId, actor }: { meetingId: number; speechId: number; actor: AuditActor & { runs?: boolean } }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    liveSession(tx, meetingId, true)
    const s = speechOf(tx, meetingId, speechId)
    if (s.userId !== actor.id && !actor.runs) fail('forbidden', 'forbidden')
    if (s.state !== 'waiting') fail('notWaiting')
    tx.update(speeches).set({ state: 'withdrawn' }).where(eq(speeches.id, s.id)).run()
  })
  changed(meetingId, 'speakers')
}

/** Moves a normal waiting request one place up or down among the normal ones. */
export function moveRequest({ meetingId, speechId, direction, actor }: { meetingId: number; speechId: number; direction: 'up' | 'down'; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    liveSession(tx, meetingId, true)
    const s = speechOf(tx, meetingId, speechId)
    if (s.state !== 'waiting' || s.kind !== 'normal') fail('notWaiting')
    const queue = tx.select().from(speeches).where(and(eq(speeches.agendaItemId, s.agendaItemId), eq(speeches.state, 'waiting'), eq(speeches.kind, 'normal'))).orderBy(asc(speeches.weight)).all()
    const at = queue.findIndex((q) => q.id === s.id)
    const other = queue[direction === 'up' ? at - 1 : at + 1]
    if (!other) return
    tx.update(speeches).set({ weight: other.weight }).where(eq(speeches.id, s.id)).run()
    tx.update(speeches).set({ weight: s.weight }).where(eq(speeches.id, other.id)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'speakers.moved', entityType: 'meeting', entityId: meetingId, after: { speechId, direction } })
  })
  changed(meetingId, 'speakers')
}

/** The queue of an item in speaking order: debate requests first (in the order asked), then normal ones by the chair's order. */
export function queueOrder<T extends { kind: string; weight: number; requestedAt: Date | number; id: number }>(waiting: T[]) {
  const at = (x: T) => Number(x.requestedAt)
  return [...waiting].sort((a, b) => (a.kind === b.kind ? (a.kind === 'debate' ? at(a) - at(b) || a.id - b.id : a.weight - b.weight) : a.kind === 'debate' ? -1 : 1))
}

/**
 * Gives the floor to a waiting speaker (or the next in the queue): they must be present; a speech
 * on the floor ends first. The countdown starts from the item's limit (or the type's), or the
 * type's debate limit for a debate reply.
 */
export function giveFloor({ meetingId, speechId, actor }: { meetingId: number; speechId: number | null; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const { itemId, progress } = currentItem(tx, meetingId, false)
    const { type } = meetingWithType(tx, meetingId)
    const waiting = tx.select().from(speeches).where(and(eq(speeches.agendaItemId, itemId), eq(speeches.state, 'waiting'))).all()
    const next = speechId == null ? queueOrder(waiting)[0] : waiting.find((w) => w.id === speechId)
    if (!next) fail(speechId == null ? 'queueEmpty' : 'notWaiting')
    const present = tx.select().from(attendance).where(and(eq(attendance.meetingId, meetingId), eq(attendance.userId, next.userId))).get()
    if (!present || present.state === 'absent' || present.leftAt) fail('speakerNotPresent')
    const floor = floorOf(tx, meetingId)
    if (floor) endSpeech(tx, floor, now)
    const limitMs = next.kind === 'debate' ? type.debateLimitSeconds * 1000 : (progress?.speakingLimitMinutes ?? type.speakingLimitMinutes) * 60_000
    tx.update(speeches)
      .set({ state: 'speaking', startedAt: now, limitMs, endsAt: new Date(now.getTime() + limitMs), remainingMs: null, segmentStartedAt: now, spokenMs: 0 })
      .where(eq(speeches.id, next.id))
      .run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'speakers.floor', entityType: 'meeting', entityId: meetingId, after: { speechId: next.id, userId: next.userId } })
  })
  changed(meetingId, 'speakers')
}

export type FloorAction = { kind: 'pause' } | { kind: 'resume' } | { kind: 'end' } | { kind: 'addTime'; seconds: 30 | 60 }

/** Pause, resume, add time to, or end the speech on the floor. */
export function controlFloor({ meetingId, action, actor }: { meetingId: number; action: FloorAction; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const session = liveSession(tx, meetingId, true)
    const floor = floorOf(tx, meetingId)
    if (!floor) fail('noSpeaker')
    const t = now.getTime()
    if (action.kind === 'pause') {
      if (floor.state !== 'speaking') fail('notSpeaking')
      pauseSpeech(tx, floor, now)
    } else if (action.kind === 'resume') {
      if (session.state !== 'open') fail('suspended')
      if (floor.state !== 'paused') fail('notPaused')
      tx.update(speeches)
        .set({ state: 'speaking', endsAt: new Date(t + (floor.remainingMs ?? 0)), remainingMs: null, segmentStartedAt: now })
        .where(eq(speeches.id, floor.id))
        .run()
    } else if (action.kind === 'addTime') {
      const ms = action.seconds * 1000
      tx.update(speeches)
        .set(
          floor.state === 'speaking'
            ? { endsAt: new Date((floor.endsAt?.getTime() ?? t) + ms), limitMs: (floor.limitMs ?? 0) + ms }
            : { remainingMs: (floor.remainingMs ?? 0) + ms, limitMs: (floor.limitMs ?? 0) + ms },
        )
        .where(eq(speeches.id, floor.id))
        .run()
    } else endSpeech(tx, floor, now)
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: `speakers.${action.kind}`, entityType: 'meeting', entityId: meetingId, after: { speechId: floor.id, ...(action.kind === 'addTime' ? { seconds: action.seconds } : {}) } })
  })
  changed(meetingId, 'speakers')
}

// ---------------------------------------------------------------- votes

export type OpenVoteInput = { question: string; secret: boolean; passRule?: PassRule; closesInMinutes?: number | null }

/** Opens a vote on the current item (one open vote per meeting at a time). */
export function openVote({ meetingId, input, actor }: { meetingId: number; input: OpenVoteInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  try {
    const id = db.transaction((tx) => {
      const { itemId } = currentItem(tx, meetingId, false)
      const { type } = meetingWithType(tx, meetingId)
      if (tx.select({ id: votes.id }).from(votes).where(and(eq(votes.meetingId, meetingId), eq(votes.state, 'open'))).get()) fail('voteAlreadyOpen')
      const row = tx
        .insert(votes)
        .values({
          meetingId,
          agendaItemId: itemId,
          question: input.question,
          secret: input.secret,
          passRule: input.passRule ?? type.passRule,
          openedAt: now,
          openedBy: actor.id,
          closesAt: input.closesInMinutes ? new Date(now.getTime() + input.closesInMinutes * 60_000) : null,
        })
        .returning({ id: votes.id })
        .get()
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'vote.opened', entityType: 'meeting', entityId: meetingId, after: { voteId: row.id, question: input.question, secret: input.secret } })
      return row.id
    })
    changed(meetingId, 'votes')
    return id
  } catch (error) {
    if (isUniqueViolation(error)) fail('voteAlreadyOpen')
    throw error
  }
}

function voteOf(tx: DBOrTx, meetingId: number, voteId: number) {
  const v = tx.select().from(votes).where(and(eq(votes.id, voteId), eq(votes.meetingId, meetingId))).get()
  if (!v) fail('voteNotFound', 'not_found')
  return v
}

/**
 * Casts a ballot. The voter must be entitled now (a member present, or a present substitute where
 * the type allows) and must not have voted. A named vote stores who chose what; a secret vote
 * stores that the person voted (vote_voters: no time, no choice) and, apart, a ballot under a
 * random key with the choice (secret_ballots: no voter, no time) — both WITHOUT ROWID tables, so
 * their order says nothing either. Nothing else records the pair: no audit row, no log line, and
 * the event carries only the meeting.
 */
export function castBallot({ meetingId, voteId, userId, choice }: { meetingId: number; voteId: number; userId: number; choice: VoteChoice }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  try {
    db.transaction((tx) => {
      liveSession(tx, meetingId, true)
      const vote = voteOf(tx, meetingId, voteId)
      if (vote.state !== 'open' || (vote.closesAt && vote.closesAt.getTime() <= now.getTime())) fail('voteClosed')
      const { type } = meetingWithType(tx, meetingId)
      const { voters, people } = roll({ meetingId, substitutesVote: type.substitutesVote }, { db: tx })
      if (!voters.has(userId)) fail(people.some((p) => p.userId === userId && p.confirmed) ? 'notEntitled' : 'notParticipant')
      if (tx.select({ u: voteVoters.userId }).from(voteVoters).where(and(eq(voteVoters.voteId, voteId), eq(voteVoters.userId, userId))).get()) fail('alreadyVoted')
      tx.insert(voteVoters).values({ voteId, userId }).run()
      if (vote.secret) tx.insert(secretBallots).values({ voteId, ballotKey: generateSecureRandomString(16), choice }).run()
      else tx.insert(namedBallots).values({ voteId, userId, choice }).run()
    })
  } catch (error) {
    if (isUniqueViolation(error)) fail('alreadyVoted')
    throw error
  }
  changed(meetingId, 'ballot')
}

function tallyAndClose(tx: DBOrTx, vote: typeof votes.$inferSelect, substitutesVote: boolean, quorumRule: 'two_thirds' | 'half', closedBy: number | null, now: Date) {
  const table = vote.secret ? secretBallots : namedBallots
  const counts = tx
    .select({ choice: table.choice, n: sql<number>`count(*)` })
    .from(table)
    .where(eq(table.voteId, vote.id))
    .groupBy(table.choice)
    .all()
  const n = (c: VoteChoice) => counts.find((x) => x.choice === c)?.n ?? 0
  const { convened, presentMembers, voters } = roll({ meetingId: vote.meetingId, substitutesVote }, { db: tx })
  const needed = quorumNeeded(quorumRule, convened)
  const quorumMet = presentMembers >= needed
  const yes = n('yes')
  tx.update(votes)
    .set({
      state: 'closed',
      closedAt: now,
      closedBy,
      convened,
      presentAtClose: presentMembers,
      entitledAtClose: voters.size,
      quorumNeeded: needed,
      quorumMet,
      yes,
      no: n('no'),
      abstain: n('abstain'),
      passed: votePasses(vote.passRule, { yes, convened, present: presentMembers, quorumMet }),
    })
    .where(eq(votes.id, vote.id))
    .run()
}

/** Closes a vote: counts, the quorum at that moment and pass/fail are fixed on the vote. */
export function closeVote({ meetingId, voteId, actor }: { meetingId: number; voteId: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  let secret = false
  db.transaction((tx) => {
    const vote = voteOf(tx, meetingId, voteId)
    if (vote.state !== 'open') fail('voteClosed')
    const { type } = meetingWithType(tx, meetingId)
    secret = vote.secret
    tallyAndClose(tx, vote, type.substitutesVote, type.quorumRule, actor.id, now)
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'vote.closed', entityType: 'meeting', entityId: meetingId, after: { voteId } })
  })
  if (secret) forgetWriteOrder(db)
  changed(meetingId, 'votes')
}

/**
 * The write-ahead log keeps the pages of each ballot's transaction in commit order until a
 * checkpoint: after a secret vote closes, the log is checkpointed and truncated so that order is gone.
 */
function forgetWriteOrder(db: DBOrTx) {
  // Only the database itself checkpoints: inside a caller's transaction it happens when that ends.
  if (!isDatabase(db)) return
  try {
    db.$client.pragma('wal_checkpoint(TRUNCATE)')
  } catch {
    // A busy database checkpoints on its own later; the tables themselves never held the order.
  }
}

/** Votes whose set closing time has passed are closed (the scheduler calls this every second). */
export function closeExpiredVotes(ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const due = db
    .select({ id: votes.id, meetingId: votes.meetingId })
    .from(votes)
    .where(and(eq(votes.state, 'open'), sql`${votes.closesAt} is not null and ${votes.closesAt} <= ${now.getTime()}`))
    .all()
  for (const v of due) {
    try {
      closeVote({ meetingId: v.meetingId, voteId: v.id, actor: { id: null } }, { db, now })
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
    }
  }
  return due.length
}
