import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { events } from '~/core/events.server'
import { DomainError } from '~/core/errors'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { vietnamDate } from '~/core/days'
import {
  agendaItems,
  type DocumentKind,
  documentDistributions,
  documentNotes,
  documentOpinions,
  documentReaders,
  documentReads,
  documentVersions,
  documents,
  files,
  meetingParticipants,
  meetings,
  meetingTypes,
  users,
} from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { recordFiles, type StoredFile } from '~/core/files.server'
import { meetingAccess } from '~/features/meetings/index.server'
import { canOpenDocument, type DocumentAccess } from './permissions.server'
import { notify } from '~/features/notifications/index.server'
import { findById } from '~/core/schemas'
import type { Actor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'


/** The people who present something at the meeting (agenda presenters, documents' presenters). */
export function documentPresenters({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const fromAgenda = db.select({ id: agendaItems.presenterUserId }).from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).all()
  const fromDocs = db.select({ id: documents.presenterUserId }).from(documents).where(and(eq(documents.meetingId, meetingId), isNull(documents.deletedAt))).all()
  return [...new Set([...fromAgenda, ...fromDocs].map((r) => r.id).filter((id): id is number => id !== null))]
}

export function documentAccess({ documentId }: { documentId: number }, ctx: Partial<Context> = {}): (DocumentAccess & { meetingId: number; currentVersion: number; title: string }) | null {
  const { db } = contextOf(ctx)
  const doc = db.select().from(documents).where(and(eq(documents.id, documentId), isNull(documents.deletedAt))).get()
  if (!doc) return null
  const meeting = meetingAccess({ id: doc.meetingId }, { db })!
  const readerIds = doc.restricted ? db.select({ id: documentReaders.userId }).from(documentReaders).where(eq(documentReaders.documentId, documentId)).all().map((r) => r.id) : []
  return { meetingId: doc.meetingId, title: doc.title, currentVersion: doc.currentVersion, meeting, distributed: doc.distributedAt !== null, restricted: doc.restricted, presenterUserId: doc.presenterUserId, readerIds }
}

export type NewDocument = { title: string; kind: DocumentKind; agendaItemId?: number | null; restricted: boolean; readerIds: number[]; note?: string | null }

/**
 * A new document with its first version. The presenter is the agenda item's presenter, or the
 * uploader when they are not the Office. Restricted documents name their readers (participants
 * of the meeting). One transaction: the file's row, the document, its version, its readers.
 */
export function createDocument({ meetingId, who, input, file }: { meetingId: number; who: Pick<Actor, 'id' | 'ip'> & { office: boolean }; input: NewDocument; file: StoredFile }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const id = db.transaction((tx) => {
    const access = meetingAccess({ id: meetingId }, { db: tx })
    if (!access) throw new DomainError('meeting.notFound', 'not_found')
    let presenterUserId: number | null = who.office ? null : who.id
    if (input.agendaItemId) {
      const item = tx.select().from(agendaItems).where(and(eq(agendaItems.id, input.agendaItemId), eq(agendaItems.meetingId, meetingId))).get()
      if (!item) throw new DomainError('document.agendaItemNotFound', 'invalid', 'agendaItemId')
      presenterUserId = item.presenterUserId ?? presenterUserId
    }
    const members = new Set([access.chairUserId, ...access.participantUserIds])
    if (input.restricted && !input.readerIds.length) throw new DomainError('document.readersRequired', 'invalid', 'readerIds')
    if (input.readerIds.some((r) => !members.has(r))) throw new DomainError('document.readerNotParticipant', 'invalid', 'readerIds')
    recordFiles(tx, [file], now)
    const doc = tx
      .insert(documents)
      .values({ meetingId, agendaItemId: input.agendaItemId ?? null, title: input.title, kind: input.kind, restricted: input.restricted, presenterUserId, createdBy: who.id, createdAt: now })
      .returning({ id: documents.id })
      .get()
    tx.insert(documentVersions).values({ documentId: doc.id, version: 1, sha256: file.sha256, name: file.name, note: input.note ?? null, uploadedBy: who.id, uploadedAt: now }).run()
    if (input.restricted) tx.insert(documentReaders).values([...new Set(input.readerIds)].map((userId) => ({ documentId: doc.id, userId }))).run()
    writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'document.create', entityType: 'document', entityId: doc.id, after: { meetingId, title: input.title, restricted: input.restricted, sha256: file.sha256, name: file.name } })
    return doc.id
  })
  events.emit('documents.changed', { meetingId })
  return id
}

/**
 * A new version: the old ones stay (who, when, note). Those who had read an earlier version are
 * told it changed; their read state is per version, so it resets by itself.
 */
export function addVersion({ documentId, who, note, file }: { documentId: number; who: Pick<Actor, 'id' | 'ip'>; note: string | null; file: StoredFile }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const result = db.transaction((tx) => {
    const doc = tx.select().from(documents).where(and(eq(documents.id, documentId), isNull(documents.deletedAt))).get()
    if (!doc) throw new DomainError('document.notFound', 'not_found')
    recordFiles(tx, [file], now)
    const version = doc.currentVersion + 1
    tx.insert(documentVersions).values({ documentId, version, sha256: file.sha256, name: file.name, note, uploadedBy: who.id, uploadedAt: now }).run()
    tx.update(documents).set({ currentVersion: version }).where(eq(documents.id, documentId)).run()
    const readers = doc.distributedAt ? tx.selectDistinct({ userId: documentReads.userId }).from(documentReads).where(eq(documentReads.documentId, documentId)).all().map((r) => r.userId) : []
    if (readers.length)
      notify(readers.map((userId) => ({ userId, kind: 'document.newVersion', params: { title: doc.title, note: note ?? '' }, link: `/documents/${documentId}` })), { db: tx, now })
    writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'document.newVersion', entityType: 'document', entityId: documentId, after: { version, sha256: file.sha256, name: file.name, note } })
    return { meetingId: doc.meetingId, version, readers }
  })
  events.emit('documents.changed', { meetingId: result.meetingId })
  if (result.readers.length) events.emit('notification.created', { userIds: result.readers })
  return result.version
}

/** The deadline for distributing a meeting's documents: its day minus the type's lead time in working days. */
export function distributionTiming({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const m = db
    .select({ startsAt: meetings.startsAt, urgent: meetings.urgent, leadDays: meetingTypes.documentLeadDays })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .where(eq(meetings.id, meetingId))
    .get()!
  const calendar = getWorkingCalendar({ db: db })
  const deadline = calendar.daysBeforeMeeting(m.startsAt, m.leadDays)
  const first = db.select().from(documentDistributions).where(eq(documentDistributions.meetingId, meetingId)).orderBy(asc(documentDistributions.at)).get() ?? null
  const today = vietnamDate(now)
  const lateByIfNow = today > deadline ? calendar.workingDaysBetween(deadline, today) : 0
  return { deadline, urgent: m.urgent, first, lateByIfNow }
}

/**
 * The Office distributes every document not yet distributed: participants are notified (in-app,
 * and by e-mail when configured). After the deadline a reason is required and the lateness in
 * working days is recorded.
 */
export function distributeDocuments({ meetingId, who, reason }: { meetingId: number; who: Pick<Actor, 'id' | 'ip'>; reason: string | null }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const result = db.transaction((tx) => {
    const pending = tx.select({ id: documents.id, title: documents.title }).from(documents).where(and(eq(documents.meetingId, meetingId), isNull(documents.distributedAt), isNull(documents.deletedAt))).all()
    if (!pending.length) throw new DomainError('document.nothingToDistribute', 'conflict')
    const timing = distributionTiming({ meetingId }, { db: tx, now })
    const late = timing.lateByIfNow > 0 && !timing.urgent
    if (late && !reason) throw new DomainError('document.lateReasonRequired', 'invalid', 'reason')
    tx.update(documents).set({ distributedAt: now }).where(inArray(documents.id, pending.map((p) => p.id))).run()
    tx.insert(documentDistributions).values({ meetingId, at: now, by: who.id, deadline: timing.deadline, lateByWorkingDays: late ? timing.lateByIfNow : 0, reason: late ? reason : null, documentIds: pending.map((p) => p.id) }).run()
    const access = meetingAccess({ id: meetingId }, { db: tx })!
    const people = [...new Set([access.chairUserId, ...access.participantUserIds])]
    const meeting = tx.select({ title: meetings.title }).from(meetings).where(eq(meetings.id, meetingId)).get()!
    const ids = people.length
      ? notify(people.map((userId) => ({ userId, kind: 'documents.distributed', params: { title: meeting.title, list: pending.map((p) => `- ${p.title}`).join('\n') }, link: `/meetings/${meetingId}/documents` })), { db: tx, now })
      : []
    writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'documents.distribute', entityType: 'meeting', entityId: meetingId, after: { documents: pending.map((p) => p.id), lateByWorkingDays: late ? timing.lateByIfNow : 0, reason } })
    return { people, ids, count: pending.length }
  })
  events.emit('documents.changed', { meetingId })
  events.emit('notification.created', { userIds: result.people })
  if (result.ids.length) events.emit('notification.email', { notificationIds: result.ids })
  return result.count
}

/**
 * Everything needed to say which of a meeting's documents each person may see and whether they
 * have read it: read once, then `documentsVisibleTo` per person (no query per person).
 */
export function meetingDocumentsCatalogue({ meetingId, onlyReadsOf }: { meetingId: number; onlyReadsOf?: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const rows = db
    .select({ doc: documents, versionName: documentVersions.name, size: files.size, mime: files.mime, uploadedAt: documentVersions.uploadedAt, agendaTitle: agendaItems.title, presenterName: users.fullName })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .innerJoin(files, eq(files.sha256, documentVersions.sha256))
    .leftJoin(agendaItems, eq(agendaItems.id, documents.agendaItemId))
    .leftJoin(users, eq(users.id, documents.presenterUserId))
    .where(and(eq(documents.meetingId, meetingId), isNull(documents.deletedAt)))
    .orderBy(asc(documents.id))
    .all()
  const access = meetingAccess({ id: meetingId }, { db })!
  const ids = rows.map((r) => r.doc.id)
  const restrictedIds = rows.filter((r) => r.doc.restricted).map((r) => r.doc.id)
  const readers = restrictedIds.length ? db.select().from(documentReaders).where(inArray(documentReaders.documentId, restrictedIds)).all() : []
  const reads = ids.length
    ? db
        .select({ documentId: documentReads.documentId, userId: documentReads.userId, version: documentReads.version })
        .from(documentReads)
        .where(and(inArray(documentReads.documentId, ids), onlyReadsOf === undefined ? undefined : eq(documentReads.userId, onlyReadsOf)))
        .all()
    : []
  return { access, rows, readers, reads }
}
export type DocumentsCatalogue = ReturnType<typeof meetingDocumentsCatalogue>

/** The documents of the catalogue this person may see, with the current version and their own read state. */
export function documentsVisibleTo(catalogue: DocumentsCatalogue, user: Actor) {
  const { access, rows, readers, reads } = catalogue
  const mine = reads.filter((r) => r.userId === user.id)
  return rows
    .filter((r) =>
      canOpenDocument(user, { meeting: access, distributed: r.doc.distributedAt !== null, restricted: r.doc.restricted, presenterUserId: r.doc.presenterUserId, readerIds: readers.filter((x) => x.documentId === r.doc.id).map((x) => x.userId) }),
    )
    .map((r) => {
      const own = mine.filter((m) => m.documentId === r.doc.id)
      const current = own.find((m) => m.version === r.doc.currentVersion)
      return {
        id: r.doc.id,
        title: r.doc.title,
        kind: r.doc.kind,
        restricted: r.doc.restricted,
        distributedAt: r.doc.distributedAt,
        version: r.doc.currentVersion,
        name: r.versionName,
        size: r.size,
        mime: r.mime,
        uploadedAt: r.uploadedAt,
        agendaItemId: r.doc.agendaItemId,
        agendaTitle: r.agendaTitle,
        presenterName: r.presenterName,
        readState: current ? ('read' as const) : own.length ? ('changed' as const) : ('unread' as const),
      }
    })
}

/** The documents of a meeting this person may see, with the current version and their own read state. */
export function listMeetingDocuments({ meetingId, user }: { meetingId: number; user: Actor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return documentsVisibleTo(meetingDocumentsCatalogue({ meetingId, onlyReadsOf: user.id }, { db }), user)
}

/** The documents someone must read: distributed, of meetings not yet held, that they may open. */
export function documentsToRead({ user }: { user: Actor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const mine = db
    .selectDistinct({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .leftJoin(meetingParticipants, and(eq(meetingParticipants.meetingId, meetings.id), eq(meetingParticipants.userId, user.id)))
    .where(and(sql`${meetings.endsAt} >= ${now.getTime()}`, sql`(${meetings.chairUserId} = ${user.id} or ${meetingParticipants.userId} is not null)`, inArray(meetings.status, ['invited', 'draft'])))
    .orderBy(asc(meetings.startsAt))
    .all()
  return mine
    .map((m) => ({ ...m, documents: listMeetingDocuments({ meetingId: m.id, user }, { db }).filter((d) => d.distributedAt) }))
    .filter((m) => m.documents.length)
}

/** Opening or downloading records a read receipt for the current version (first and last time); restricted ones are audited. */
export function recordRead({ documentId, who }: { documentId: number; who: Pick<Actor, 'id' | 'ip'> }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const result = db.transaction((tx) => {
    const doc = tx.select().from(documents).where(eq(documents.id, documentId)).get()!
    tx.insert(documentReads)
      .values({ documentId, userId: who.id, version: doc.currentVersion, firstOpenedAt: now, lastOpenedAt: now })
      .onConflictDoUpdate({ target: [documentReads.documentId, documentReads.userId, documentReads.version], set: { lastOpenedAt: now } })
      .run()
    if (doc.restricted) writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'document.open', entityType: 'document', entityId: documentId, after: { version: doc.currentVersion } })
    return { meetingId: doc.meetingId, version: doc.currentVersion }
  })
  events.emit('document.read', { meetingId: result.meetingId, documentId, userId: who.id })
  return result
}

/**
 * Readiness (the chair's and the Office's panel): for each distributed document, the people who
 * should read it (the meeting's people, or those named on a restricted one) and who has read the
 * current version.
 */
export function meetingReadiness({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const access = meetingAccess({ id: meetingId }, { db })!
  const everyone = [...new Set([access.chairUserId, ...access.participantUserIds])]
  const docs = db.select().from(documents).where(and(eq(documents.meetingId, meetingId), isNull(documents.deletedAt), sql`${documents.distributedAt} is not null`)).orderBy(asc(documents.id)).all()
  const ids = docs.map((d) => d.id)
  const readers = ids.length ? db.select().from(documentReaders).where(inArray(documentReaders.documentId, ids)).all() : []
  const reads = ids.length ? db.select().from(documentReads).where(inArray(documentReads.documentId, ids)).all() : []
  const names = new Map(everyone.length ? db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, everyone)).all().map((u) => [u.id, u.name]) : [])
  return docs.map((d) => {
    const audience = d.restricted ? readers.filter((r) => r.documentId === d.id).map((r) => r.userId) : everyone
    const readIds = new Set(reads.filter((r) => r.documentId === d.id && r.version === d.currentVersion).map((r) => r.userId))
    const people = audience.map((id) => ({ id, name: names.get(id) ?? '', read: readIds.has(id) })).sort((a, b) => Number(a.read) - Number(b.read) || a.name.localeCompare(b.name, 'vi'))
    return { id: d.id, title: d.title, version: d.currentVersion, restricted: d.restricted, read: people.filter((p) => p.read).length, total: people.length, people }
  })
}

export function getDocument({ documentId }: { documentId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const doc = db.select().from(documents).where(and(eq(documents.id, documentId), isNull(documents.deletedAt))).get()
  if (!doc) return null
  const versions = db
    .select({ version: documentVersions.version, name: documentVersions.name, note: documentVersions.note, uploadedAt: documentVersions.uploadedAt, uploadedByName: users.fullName, size: files.size, mime: files.mime, sha256: files.sha256 })
    .from(documentVersions)
    .innerJoin(users, eq(users.id, documentVersions.uploadedBy))
    .innerJoin(files, eq(files.sha256, documentVersions.sha256))
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.version))
    .all()
  return { ...doc, versions }
}

export function getNote({ documentId, userId }: { documentId: number; userId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select().from(documentNotes).where(and(eq(documentNotes.documentId, documentId), eq(documentNotes.userId, userId))).get()?.text ?? ''
}

/** A private note: one per person and document, only ever read back for that person. */
export function saveNote({ documentId, userId, text }: { documentId: number; userId: number; text: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.insert(documentNotes).values({ documentId, userId, text, updatedAt: now }).onConflictDoUpdate({ target: [documentNotes.documentId, documentNotes.userId], set: { text, updatedAt: now } }).run()
}

/** A written opinion; opinions close when the meeting starts. */
export function addOpinion({ documentId, who, text }: { documentId: number; who: Pick<Actor, 'id' | 'ip'>; text: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const meetingId = db.transaction((tx) => {
    const doc = tx.select({ meetingId: documents.meetingId, startsAt: meetings.startsAt }).from(documents).innerJoin(meetings, eq(meetings.id, documents.meetingId)).where(eq(documents.id, documentId)).get()!
    if (now >= doc.startsAt) throw new DomainError('document.opinionsClosed', 'conflict', 'text')
    tx.insert(documentOpinions).values({ documentId, userId: who.id, text, createdAt: now }).run()
    writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'document.opinion', entityType: 'document', entityId: documentId })
    return doc.meetingId
  })
  events.emit('documents.changed', { meetingId })
}

export function listOpinions({ documentId }: { documentId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: documentOpinions.id, text: documentOpinions.text, createdAt: documentOpinions.createdAt, userId: documentOpinions.userId, name: users.fullName })
    .from(documentOpinions)
    .innerJoin(users, eq(users.id, documentOpinions.userId))
    .where(eq(documentOpinions.documentId, documentId))
    .orderBy(asc(documentOpinions.createdAt))
    .all()
}

/** Which version's file to serve (the current one unless asked), with its stored facts. */
export function documentFile({ documentId, version }: { documentId: number; version?: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const doc = db.select({ current: documents.currentVersion }).from(documents).where(eq(documents.id, documentId)).get()
  if (!doc) return null
  return (
    db
      .select({ name: documentVersions.name, version: documentVersions.version, sha256: files.sha256, size: files.size, mime: files.mime })
      .from(documentVersions)
      .innerJoin(files, eq(files.sha256, documentVersions.sha256))
      .where(and(eq(documentVersions.documentId, documentId), eq(documentVersions.version, version ?? doc.current)))
      .get() ?? null
  )
}

/**
 * Removes a document from the meeting (the Office): hidden from every list and download, kept in
 * the database with its versions for the record; the stored files stay, since versions refer to them.
 */
export function deleteDocument({ documentId, who }: { documentId: number; who: Pick<Actor, 'id' | 'ip'> }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const meetingId = db.transaction((tx) => {
    const doc = tx.select().from(documents).where(and(eq(documents.id, documentId), isNull(documents.deletedAt))).get()
    if (!doc) throw new DomainError('document.notFound', 'not_found')
    tx.update(documents).set({ deletedAt: now }).where(eq(documents.id, documentId)).run()
    writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'document.delete', entityType: 'document', entityId: documentId, before: { title: doc.title } })
    return doc.meetingId
  })
  events.emit('documents.changed', { meetingId })
}

/** A document by the id a page or the API was given (with `inMeeting`, only one of that meeting): its id and access facts, or not found (the caller authorizes). */
export function findDocument(param: string | number | undefined, inMeeting?: number) {
  const read = (documentId: number) => {
    const doc = documentAccess({ documentId })
    return doc && (inMeeting === undefined || doc.meetingId === inMeeting) ? doc : null
  }
  const { id, found } = findById(param, read, 'document.notFound')
  return { id, access: found }
}
