import { getSchema } from '@tiptap/core'
import { generateHTML } from '@tiptap/html'
import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import { type DBOrTx } from '#db/client'
import {
  agendaItems,
  attendance,
  documents,
  issuingBodies,
  meetingParticipants,
  meetings,
  meetingSessions,
  minutes,
  minutesVersions,
  speeches,
  units,
  userRoles,
  users,
  votes,
} from '#db/schema'
import { events } from '~/core/events.server'
import { formatDate, formatTime } from '~/core/dates'
import { DomainError } from '~/core/errors'
import { vietnamDate } from '~/core/days'
import { allocateDocumentNumber, isSafeHref, issuingBodyHeader, peekDocumentNumber } from '~/features/conclusions/index.server'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import { meetingAccess } from '~/features/meetings/index.server'
import { can } from '~/core/permissions.server'
import { canApproveMinutes, canEditMinutes, canReadApprovedMinutes } from './permissions.server'
import { canViewMeeting } from '~/features/meetings/index.server'
import { buildSkeleton, type DocJSON, minutesExtensions, type RoomRecords, syncWithRoom } from './doc'
import type { MinutesExport } from './export.server'
import type { Actor, AuditActor } from '~/core/actor'
import { isSubstitute, standsInFor, takesPart } from '~/features/meetings/index.server'
import { type Context, contextOf } from '~/core/context'

/**
 * The minutes: who writes them (the minute-taker, the Office, the chair), what they start from
 * (the room's records), how they are saved (revisions, versions), submitted, returned, approved
 * (numbered `…-BB/…`, signatories recorded, text fixed) and corrected. Each change is one
 * transaction with its audit row, then `minutes.updated`.
 */

type Row = typeof minutes.$inferSelect
const VERSION_WINDOW_MS = 5 * 60_000
const MAX_MINUTES_BYTES = 2_000_000
const KIND_CODE = 'BB'

function fail(key: string, kind: 'invalid' | 'conflict' | 'not_found' | 'forbidden' = 'conflict', field?: string): never {
  throw new DomainError(`minutes.errors.${key}`, kind, field)
}

// ---------------------------------------------------------------- who may
// Decided by this feature's permission rules (permissions.server.ts), applied through authorize().
export { canApproveMinutes, canEditMinutes, canReadApprovedMinutes } from './permissions.server'

// ---------------------------------------------------------------- the room's records

const original = alias(users, 'original')
const presenter = alias(users, 'presenter')

/** What the room recorded, as the minutes write it (names, posts, times in Asia/Ho_Chi_Minh). */
export function roomRecords({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}): RoomRecords | null {
  const { db } = contextOf(ctx)
  const row = db
    .select({ meeting: meetings, chairName: users.fullName, chairPost: users.position })
    .from(meetings)
    .innerJoin(users, eq(users.id, meetings.chairUserId))
    .where(eq(meetings.id, meetingId))
    .get()
  if (!row) return null
  const session = db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).get()
  const open = db.select({ takerUserId: minutes.takerUserId }).from(minutes).where(and(eq(minutes.meetingId, meetingId), inArray(minutes.status, ['draft', 'submitted', 'approved']))).orderBy(desc(minutes.id)).get()
  const taker = open?.takerUserId ? db.select({ name: users.fullName, post: users.position }).from(users).where(eq(users.id, open.takerUserId)).get() : undefined
  const people = db
    .select({ userId: meetingParticipants.userId, name: users.fullName, post: users.position, role: meetingParticipants.role, source: meetingParticipants.source, rsvp: meetingParticipants.rsvp, rsvpReason: meetingParticipants.rsvpReason, confirmedAt: meetingParticipants.substituteConfirmedAt, originalName: original.fullName })
    .from(meetingParticipants)
    .innerJoin(users, eq(users.id, meetingParticipants.userId))
    .leftJoin(original, standsInFor(original.id))
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(asc(users.searchText))
    .all()
  const marks = new Map(db.select().from(attendance).where(eq(attendance.meetingId, meetingId)).all().map((a) => [a.userId, a]))
  const here = (id: number) => {
    const a = marks.get(id)
    return a && a.state !== 'absent' ? a : null
  }
  const members = people.filter((p) => (p.role === 'chair' || p.role === 'member') && !isSubstitute(p.source))
  const substitutes = people.filter((p) => isSubstitute(p.source) && p.confirmedAt)
  const attendees = [...members, ...substitutes]
  const names = new Map(people.map((p) => [p.userId, p]))
  const items = db
    .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title, presenterName: presenter.fullName, presenterUnit: units.name })
    .from(agendaItems)
    .leftJoin(presenter, eq(presenter.id, agendaItems.presenterUserId))
    .leftJoin(units, eq(units.id, agendaItems.presenterUnitId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position))
    .all()
  const spoken = db
    .select()
    .from(speeches)
    .where(and(eq(speeches.meetingId, meetingId), inArray(speeches.state, ['speaking', 'paused', 'done']), isNotNull(speeches.startedAt)))
    .orderBy(asc(speeches.startedAt))
    .all()
  const closed = db.select().from(votes).where(and(eq(votes.meetingId, meetingId), eq(votes.state, 'closed'))).orderBy(asc(votes.openedAt)).all()
  const docs = db.select({ title: documents.title }).from(documents).where(and(eq(documents.meetingId, meetingId), isNotNull(documents.distributedAt), isNull(documents.deletedAt))).orderBy(asc(documents.id)).all()
  return {
    meeting: {
      title: row.meeting.title,
      place: row.meeting.location,
      date: formatDate(row.meeting.startsAt),
      openedAt: session ? formatTime(session.openedAt) : null,
      closedAt: session?.closedAt ? formatTime(session.closedAt) : null,
      chair: row.chairName,
      chairPost: row.chairPost,
      taker: taker?.name ?? null,
      takerPost: taker?.post ?? null,
      documents: docs.map((d) => d.title),
    },
    attendance: {
      convened: members.length,
      inPerson: attendees.filter((p) => here(p.userId)?.state === 'present').map((p) => p.name),
      online: attendees.filter((p) => here(p.userId)?.state === 'online').map((p) => p.name),
      absent: members.filter((p) => !here(p.userId)).map((p) => ({ name: p.name, reason: marks.get(p.userId)?.absentReason ?? (p.rsvp === 'substituted' ? 'có người dự thay' : p.rsvpReason) ?? null })),
      late: attendees.filter((p) => here(p.userId)?.late).map((p) => ({ name: p.name, at: formatTime(here(p.userId)!.arrivedAt!) })),
      leftEarly: attendees.filter((p) => here(p.userId)?.leftAt).map((p) => ({ name: p.name, at: formatTime(here(p.userId)!.leftAt!), reason: here(p.userId)!.leftReason })),
      substitutes: substitutes.map((p) => ({ name: p.name, for: p.originalName ?? '' })),
      invitees: people.filter((p) => p.role === 'guest' && here(p.userId)).map((p) => p.name),
    },
    items: items.map((i) => ({ itemId: i.id, position: i.position, title: i.title, presenter: i.presenterName ? `đồng chí ${i.presenterName}` : i.presenterUnit })),
    speeches: spoken.map((s) => ({
      speechId: s.id,
      itemId: s.agendaItemId,
      name: names.get(s.userId)?.name ?? '',
      post: names.get(s.userId)?.post ?? null,
      kind: s.kind,
      at: formatTime(s.startedAt!),
      startedAtMs: s.startedAt!.getTime(),
      spokenSeconds: Math.round(s.spokenMs / 1000),
      ongoing: s.state !== 'done',
    })),
    votes: closed.map((v) => ({
      voteId: v.id,
      itemId: v.agendaItemId,
      openedAtMs: v.openedAt.getTime(),
      question: v.question,
      secret: v.secret,
      yes: v.yes ?? 0,
      no: v.no ?? 0,
      abstain: v.abstain ?? 0,
      passed: v.passed ?? false,
      present: v.presentAtClose ?? 0,
      convened: v.convened ?? 0,
      quorumMet: v.quorumMet ?? false,
    })),
  }
}

// ---------------------------------------------------------------- the document

let schemaCache: ReturnType<typeof getSchema> | undefined
const schema = () => (schemaCache ??= getSchema(minutesExtensions()))

/**
 * A document from the client checked against the editor's schema and rebuilt from it (unknown
 * nodes and marks refused, unknown attributes such as `onerror` dropped, links only http(s) and
 * mailto), then brought up to date with the room (record facts are the room's, never the client's).
 */
function sanitizeMinutes(input: unknown, records: RoomRecords): DocJSON {
  if (!input || typeof input !== 'object' || (input as DocJSON).type !== 'doc') fail('invalidDocument', 'invalid', 'content')
  if (JSON.stringify(input).length > MAX_MINUTES_BYTES) fail('tooLarge', 'invalid', 'content')
  let node
  try {
    node = schema().nodeFromJSON(input)
    node.check()
  } catch {
    fail('invalidDocument', 'invalid', 'content')
  }
  node.descendants((n) => {
    for (const mark of n.marks) if (mark.type.name === 'link' && !isSafeHref(mark.attrs.href)) fail('unsafeLink', 'invalid', 'content')
    if ((Number(n.attrs.colspan) || 1) > 20 || (Number(n.attrs.rowspan) || 1) > 100) fail('invalidDocument', 'invalid', 'content')
  })
  return syncWithRoom(node.toJSON() as DocJSON, records)
}

/** The reader's HTML, generated here from the stored JSON. */
function renderMinutesHtml(content: DocJSON | Record<string, unknown>) {
  return generateHTML(content as Parameters<typeof generateHTML>[0], minutesExtensions())
}

// ---------------------------------------------------------------- reading

export function minutesState({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const rows = db.select().from(minutes).where(eq(minutes.meetingId, meetingId)).orderBy(desc(minutes.id)).all()
  const open = rows.find((r) => r.status === 'draft' || r.status === 'submitted') ?? null
  const approved = rows.find((r) => r.status === 'approved') ?? null
  const history = rows.filter((r) => r.status === 'approved' || r.status === 'superseded').map((r) => ({ id: r.id, version: r.version, status: r.status, numberFormatted: r.numberFormatted, approvedOn: r.approvedOn, correctionReason: r.correctionReason }))
  return { open, approved, history, takerUserId: open?.takerUserId ?? approved?.takerUserId ?? null }
}

/** Who may be the minute-taker: the Office's staff, or one of the meeting's people. */
export function takerCandidates({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const office = db.select({ id: users.id, name: users.fullName }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'office'))).where(eq(users.active, true)).all()
  const participants = db
    .select({ id: users.id, name: users.fullName })
    .from(meetingParticipants)
    .innerJoin(users, eq(users.id, meetingParticipants.userId))
    .where(and(eq(meetingParticipants.meetingId, meetingId), takesPart()))
    .all()
  const seen = new Map<number, string>()
  for (const p of [...office, ...participants]) seen.set(p.id, p.name)
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'))
}

function meetingSecretary(tx: DBOrTx, meetingId: number) {
  return tx.select({ userId: meetingParticipants.userId }).from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.role, 'secretary'))).get()?.userId ?? null
}

function openRow(tx: DBOrTx, meetingId: number) {
  return tx.select().from(minutes).where(and(eq(minutes.meetingId, meetingId), inArray(minutes.status, ['draft', 'submitted']))).get() ?? null
}

function changed(meetingId: number) {
  events.emit('minutes.updated', { meetingId })
}

/**
 * The open draft of a meeting, created on first use from the room's skeleton (minute-taker: the
 * one chosen, else the meeting's secretary). None while approved minutes stand uncorrected.
 */
export function ensureDraft({ meetingId, actor }: { meetingId: number; actor: AuditActor }, ctx: Partial<Context> = {}): Row | null {
  const { db, now } = contextOf(ctx)
  const created = db.transaction((tx) => {
    const existing = openRow(tx, meetingId)
    if (existing) return { row: existing, created: false }
    if (tx.select({ id: minutes.id }).from(minutes).where(and(eq(minutes.meetingId, meetingId), eq(minutes.status, 'approved'))).get()) return { row: null, created: false }
    if (!tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId)).get()) fail('meetingNotFound', 'not_found')
    const takerUserId = meetingSecretary(tx, meetingId)
    const records = roomRecords({ meetingId }, { db: tx })!
    const row = tx
      .insert(minutes)
      .values({ meetingId, takerUserId, content: buildSkeleton({ ...records, meeting: { ...records.meeting, ...takerName(tx, takerUserId) } }), createdAt: now, updatedAt: now })
      .returning()
      .get()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'minutes.created', entityType: 'meeting', entityId: meetingId, after: { minutesId: row.id, takerUserId } })
    return { row, created: true }
  })
  if (created.created) changed(meetingId)
  return created.row
}

function takerName(tx: DBOrTx, userId: number | null) {
  const u = userId ? tx.select({ name: users.fullName, post: users.position }).from(users).where(eq(users.id, userId)).get() : undefined
  return { taker: u?.name ?? null, takerPost: u?.post ?? null }
}

/** The chair or the Office chooses the minute-taker (the Office's staff or one of the meeting's people). */
export function assignTaker({ meetingId, takerUserId, actor }: { meetingId: number; takerUserId: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  if (!takerCandidates({ meetingId }, { db }).some((c) => c.id === takerUserId)) fail('takerNotEligible', 'invalid', 'takerUserId')
  ensureDraft({ meetingId, actor }, { db, now })
  db.transaction((tx) => {
    const row = openRow(tx, meetingId)
    if (!row) fail('noDraft')
    tx.update(minutes).set({ takerUserId, updatedAt: now }).where(eq(minutes.id, row.id)).run()
    const meeting = tx.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, meetingId)).get()!
    notify([{ userId: takerUserId, kind: 'minutes.taker', params: { title: meeting.title }, link: `/meetings/${meetingId}/minutes` }], { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'minutes.taker', entityType: 'meeting', entityId: meetingId, before: { takerUserId: row.takerUserId }, after: { takerUserId } })
  })
  events.emit('notification.created', { userIds: [takerUserId] })
  changed(meetingId)
}

/**
 * An autosave: the document checked and synced with the room, stored as the next revision when it
 * starts from the current one (a stale save is refused rather than overwriting). Saves by the same
 * person within five minutes update one version.
 */
export function saveMinutesDraft({ meetingId, input, actor }: { meetingId: number; input: { content: unknown; baseRevision: number }; actor: AuditActor & { id: number; mayEditSubmitted?: boolean } }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const records = roomRecords({ meetingId }, { db })
  if (!records) fail('meetingNotFound', 'not_found')
  return db.transaction((tx) => {
    const row = openRow(tx, meetingId)
    if (!row) fail('noDraft')
    // Handed to the chair: the chair and the Office may still correct it, the minute-taker waits.
    if (row.status === 'submitted' && !actor.mayEditSubmitted) fail('submittedLocked')
    if (input.baseRevision !== row.revision) fail('stale')
    const content = sanitizeMinutes(input.content, { ...records, meeting: { ...records.meeting, ...takerName(tx, row.takerUserId) } })
    const revision = row.revision + 1
    tx.update(minutes).set({ content, revision, updatedAt: now }).where(eq(minutes.id, row.id)).run()
    const last = tx.select().from(minutesVersions).where(eq(minutesVersions.minutesId, row.id)).orderBy(desc(minutesVersions.savedAt), desc(minutesVersions.id)).get()
    if (last && last.savedBy === actor.id && now.getTime() - last.savedAt.getTime() < VERSION_WINDOW_MS) tx.update(minutesVersions).set({ revision, content, savedAt: now }).where(eq(minutesVersions.id, last.id)).run()
    else tx.insert(minutesVersions).values({ minutesId: row.id, revision, content, savedBy: actor.id, savedAt: now }).run()
    return { revision, savedAt: now, content }
  })
}

/** The minute-taker (or the Office) hands the draft to the chair. */
export function submitMinutes({ meetingId, actor }: { meetingId: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const chairId = db.transaction((tx) => {
    const row = openRow(tx, meetingId)
    if (!row) fail('noDraft')
    if (row.status === 'submitted') fail('alreadySubmitted')
    tx.update(minutes).set({ status: 'submitted', submittedAt: now, returnComment: null, updatedAt: now }).where(eq(minutes.id, row.id)).run()
    const meeting = tx.select({ chair: meetings.chairUserId, title: meetings.title }).from(meetings).where(eq(meetings.id, meetingId)).get()!
    notify([{ userId: meeting.chair, kind: 'minutes.submitted', params: { title: meeting.title }, link: `/meetings/${meetingId}/minutes` }], { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'minutes.submitted', entityType: 'meeting', entityId: meetingId, after: { minutesId: row.id, revision: row.revision } })
    return meeting.chair
  })
  events.emit('notification.created', { userIds: [chairId] })
  changed(meetingId)
}

/** The chair returns the draft to the minute-taker with a comment. */
export function returnMinutes({ meetingId, comment, actor }: { meetingId: number; comment: string; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const notified = db.transaction((tx) => {
    const row = openRow(tx, meetingId)
    if (!row || row.status !== 'submitted') fail('notSubmitted')
    tx.update(minutes).set({ status: 'draft', returnComment: comment, returnedAt: now, updatedAt: now }).where(eq(minutes.id, row.id)).run()
    const title = tx.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, meetingId)).get()!.title
    const to = row.takerUserId ? [row.takerUserId] : []
    notify(to.map((userId) => ({ userId, kind: 'minutes.returned', params: { title, comment }, link: `/meetings/${meetingId}/minutes` })), { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'minutes.returned', entityType: 'meeting', entityId: meetingId, after: { minutesId: row.id, comment } })
    return to
  })
  if (notified.length) events.emit('notification.created', { userIds: notified })
  changed(meetingId)
}

/** The number approving now would take (shown to the chair for confirmation; not reserved). */
export function nextMinutesNumber({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const row = openRow(db, meetingId)
  if (row?.supersedesId) return db.select({ n: minutes.numberFormatted }).from(minutes).where(eq(minutes.id, row.supersedesId)).get()?.n ?? null
  const body = db.select({ id: issuingBodies.id }).from(issuingBodies).orderBy(asc(issuingBodies.id)).get()
  return body ? peekDocumentNumber({ issuingBodyId: body.id, kindCode: KIND_CODE, issuedOn: vietnamDate(now) }, { db }) : null
}

/**
 * The chair approves: in one immediate transaction the text is synced with the room a last time
 * and fixed (HTML rendered), the issuing body's next `BB` number taken (a correction keeps the
 * number of what it supersedes, as version + 1), the signatories recorded; the superseded
 * minutes are marked so.
 */
export function approveMinutes({ meetingId, actor }: { meetingId: number; actor: AuditActor & { id: number } }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const run = db.transaction(
    (tx) => {
      const row = openRow(tx, meetingId)
      if (!row) fail('noDraft')
      if (row.status !== 'submitted') fail('notSubmitted')
      const meeting = tx.select({ chair: meetings.chairUserId, title: meetings.title }).from(meetings).where(eq(meetings.id, meetingId)).get()!
      if (meeting.chair !== actor.id) fail('chairOnly', 'forbidden')
      const records = roomRecords({ meetingId }, { db: tx })!
      const taker = takerName(tx, row.takerUserId)
      const content = syncWithRoom(row.content as DocJSON, { ...records, meeting: { ...records.meeting, ...taker } })
      const approvedOn = vietnamDate(now)
      let numberFormatted: string
      let issuingBodyId: number | null = null
      let version = 1
      if (row.supersedesId) {
        const previous = tx.select().from(minutes).where(eq(minutes.id, row.supersedesId)).get()!
        numberFormatted = previous.numberFormatted!
        issuingBodyId = previous.issuingBodyId
        version = previous.version + 1
        tx.update(minutes).set({ status: 'superseded', updatedAt: now }).where(eq(minutes.id, previous.id)).run()
      } else {
        issuingBodyId = tx.select({ id: issuingBodies.id }).from(issuingBodies).orderBy(asc(issuingBodies.id)).get()?.id ?? null
        if (!issuingBodyId) fail('noIssuingBody')
        numberFormatted = allocateDocumentNumber({ issuingBodyId, kindCode: KIND_CODE, issuedOn: approvedOn }, { db: tx }).formatted
      }
      const signatories = { chair: { name: records.meeting.chair, post: records.meeting.chairPost }, taker: taker.taker ? { name: taker.taker, post: taker.takerPost } : null }
      tx.update(minutes)
        .set({ status: 'approved', content, html: renderMinutesHtml(content), numberFormatted, issuingBodyId, approvedOn, approvedAt: now, approvedBy: actor.id, signatories, version, updatedAt: now })
        .where(eq(minutes.id, row.id))
        .run()
      const to = row.takerUserId && row.takerUserId !== actor.id ? [row.takerUserId] : []
      notify(to.map((userId) => ({ userId, kind: 'minutes.approved', params: { number: numberFormatted, title: meeting.title }, link: `/meetings/${meetingId}/minutes` })), { db: tx, now })
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'minutes.approved', entityType: 'meeting', entityId: meetingId, after: { minutesId: row.id, numberFormatted, version } })
      return { numberFormatted, version, notified: to }
    },
    { behavior: 'immediate' },
  )
  if (run.notified.length) events.emit('notification.created', { userIds: run.notified })
  changed(meetingId)
  return run
}

/** A correction of approved minutes: a new draft from their text, which on approval supersedes them. */
export function startCorrection({ meetingId, reason, actor }: { meetingId: number; reason: string; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    if (openRow(tx, meetingId)) fail('draftExists')
    const approved = tx.select().from(minutes).where(and(eq(minutes.meetingId, meetingId), eq(minutes.status, 'approved'))).get()
    if (!approved) fail('notApproved')
    tx.insert(minutes)
      .values({ meetingId, takerUserId: approved.takerUserId, content: approved.content, shared: approved.shared, supersedesId: approved.id, correctionReason: reason, createdAt: now, updatedAt: now })
      .run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'minutes.correction', entityType: 'meeting', entityId: meetingId, after: { supersedes: approved.id, reason } })
  })
  changed(meetingId)
}

/** Whether the meeting's people read the approved minutes (the chair or the Office decides). */
export function setMinutesShared({ meetingId, shared, actor }: { meetingId: number; shared: boolean; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const rows = tx.select({ id: minutes.id }).from(minutes).where(and(eq(minutes.meetingId, meetingId), inArray(minutes.status, ['draft', 'submitted', 'approved']))).all()
    if (!rows.length) fail('noDraft')
    tx.update(minutes).set({ shared, updatedAt: now }).where(inArray(minutes.id, rows.map((r) => r.id))).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'minutes.shared', entityType: 'meeting', entityId: meetingId, after: { shared } })
  })
  changed(meetingId)
}

export function listMinutesVersions({ minutesId }: { minutesId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: minutesVersions.id, revision: minutesVersions.revision, savedAt: minutesVersions.savedAt, savedByName: users.fullName })
    .from(minutesVersions)
    .innerJoin(users, eq(users.id, minutesVersions.savedBy))
    .where(eq(minutesVersions.minutesId, minutesId))
    .orderBy(desc(minutesVersions.savedAt), desc(minutesVersions.id))
    .all()
}

/**
 * What a person may do with a meeting's minutes (page, autosave, downloads, API, the live room).
 * Not found when the meeting does not exist or the person may neither edit nor read them.
 */
export function minutesAccess({ user, meetingId }: { user: Actor; meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const meeting = meetingAccess({ id: meetingId }, { db })
  if (!meeting) fail('meetingNotFound', 'not_found')
  const state = minutesState({ meetingId }, { db })
  const canEdit = canEditMinutes(user, meeting, state.takerUserId)
  const canRead = canEdit || (!!state.approved && canReadApprovedMinutes(user, meeting, state.takerUserId, state.approved.shared))
  if (!canRead && !canViewMeeting(user, meeting)) fail('meetingNotFound', 'not_found')
  return { meeting, state, canEdit, canRead, canApprove: canApproveMinutes(user, meeting), manages: can(user, 'meetings.manage') || meeting.chairUserId === user.id }
}

/** What the DOCX and PDF need: the approved minutes, or (for those who write them) the open draft marked DỰ THẢO. */
export function minutesForExport({ meetingId, which }: { meetingId: number; which: 'approved' | 'draft' }, ctx: Partial<Context> = {}): MinutesExport | null {
  const { db } = contextOf(ctx)
  const state = minutesState({ meetingId }, { db })
  const row = which === 'approved' ? state.approved : state.open
  if (!row) return null
  const body = issuingBodyHeader({ issuingBodyId: row.issuingBodyId }, { db })
  const records = roomRecords({ meetingId }, { db })!
  const taker = takerName(db, row.takerUserId)
  return {
    bodyName: body.bodyName,
    place: body.place,
    numberFormatted: row.status === 'approved' ? row.numberFormatted : null,
    approvedOn: row.status === 'approved' ? row.approvedOn : null,
    meetingTitle: records.meeting.title,
    content: row.content as DocJSON,
    signatories: row.signatories ?? { chair: { name: records.meeting.chair, post: records.meeting.chairPost }, taker: taker.taker ? { name: taker.taker, post: taker.takerPost } : null },
    draft: row.status !== 'approved',
  }
}

/** The minute-taker of a meeting's current minutes (one column: what the socket room's rule needs). */
export function minutesTakerOf({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ takerUserId: minutes.takerUserId }).from(minutes).where(and(eq(minutes.meetingId, meetingId), inArray(minutes.status, ['draft', 'submitted', 'approved']))).orderBy(desc(minutes.id)).get()?.takerUserId ?? null
}
