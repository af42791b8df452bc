import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { type DB, type DBOrTx, getDb } from '#db/client'
import { agendaItems, conclusions, documents, documentVersions, meetings, meetingTypes, tasks, units, users } from '#db/schema'
import { events } from '~/core/events.server'
import type { DocJSON } from '~/features/conclusions/index.server'
import { normaliseForSearch } from '~/core/text'
import { documentAccess } from '~/features/documents/index.server'
import { meetingAccess } from '~/features/meetings/index.server'
import { canOpenDocument } from '~/features/documents/index.server'
import { canReadIssuedConclusion } from '~/features/conclusions/index.server'
import { canViewMeeting } from '~/features/meetings/index.server'
import { canViewTask } from '~/features/tasks/index.server'
import type { SessionUser } from '~/features/directory/index.server'
import { ftsQuery, type SearchKind, searchKinds } from './query'
import { type Context, contextOf } from '~/core/context'

/**
 * Global search (decision 018). `search_index` (FTS5, migration 0018) holds a folded copy of the
 * searchable text of each meeting, document, issued conclusion and task. The index is rebuilt
 * from the tables when the server starts and kept current by the domain events; every hit is
 * checked against its area's permission rules before it is shown, so nobody finds what they may not see.
 */

/** The text kept per record, at most this long (a long conclusion is searched on its first pages). */
const MAX_TEXT = 20_000

/**
 * Each record's row in the index has a rowid made of its id and kind, so replacing or removing it
 * is a lookup by rowid (the kind and id columns are not indexed: a delete on them would read the
 * whole index).
 */
const rowidOf = (kind: SearchKind, id: number) => id * searchKinds.length + searchKinds.indexOf(kind)

/** `fresh`: the index was just emptied (a rebuild), nothing to replace. */
function put(db: DBOrTx, kind: SearchKind, id: number, parts: (string | null | undefined)[], fresh = false) {
  if (!fresh) drop(db, kind, id)
  const text = normaliseForSearch(parts.filter(Boolean).join(' ')).slice(0, MAX_TEXT)
  if (text) db.run(sql`insert into search_index (rowid, kind, ref_id, text) values (${rowidOf(kind, id)}, ${kind}, ${id}, ${text})`)
}
function drop(db: DBOrTx, kind: SearchKind, id: number) {
  db.run(sql`delete from search_index where rowid = ${rowidOf(kind, id)}`)
}

/** The words of a Tiptap document (paragraphs, headings, tables, task blocks). */
function plainText(doc: DocJSON | undefined): string {
  if (!doc) return ''
  const out: string[] = []
  const walk = (node: DocJSON) => {
    if (node.text) out.push(node.text)
    if (node.type === 'taskBlock' && typeof node.attrs?.content === 'string') out.push(node.attrs.content)
    node.content?.forEach(walk)
  }
  walk(doc)
  return out.join(' ')
}

type Entry = { id: number; parts: (string | null | undefined)[] }

/*
 * What each kind of record puts in the index, read by one query for all of them (a rebuild) or for
 * the few an event names: the same text either way.
 */
function meetingEntries(db: DBOrTx, ids?: number[]): Entry[] {
  const rows = db
    .select({ id: meetings.id, title: meetings.title, location: meetings.location, type: meetingTypes.name, chair: users.fullName })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .innerJoin(users, eq(users.id, meetings.chairUserId))
    .where(ids ? inArray(meetings.id, ids) : undefined)
    .all()
  const agenda = new Map<number, string[]>()
  for (const a of db.select({ meetingId: agendaItems.meetingId, title: agendaItems.title }).from(agendaItems).where(ids ? inArray(agendaItems.meetingId, ids) : undefined).all())
    agenda.set(a.meetingId, [...(agenda.get(a.meetingId) ?? []), a.title])
  return rows.map((m) => ({ id: m.id, parts: [m.title, m.type, m.chair, m.location, ...(agenda.get(m.id) ?? [])] }))
}

/** Documents not deleted (of one meeting, or all). */
function documentEntries(db: DBOrTx, meetingId?: number): Entry[] {
  return db
    .select({ id: documents.id, title: documents.title, name: documentVersions.name })
    .from(documents)
    .leftJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .where(and(isNull(documents.deletedAt), meetingId ? eq(documents.meetingId, meetingId) : undefined))
    .all()
    .map((d) => ({ id: d.id, parts: [d.title, d.name?.replace(/\.[a-z0-9]+$/i, '')] }))
}

/** Issued conclusions only: drafts belong to their editors, superseded ones to the history. */
function conclusionEntries(db: DBOrTx, ids?: number[]): Entry[] {
  return db
    .select({ id: conclusions.id, number: conclusions.numberFormatted, content: conclusions.content, meetingTitle: meetings.title })
    .from(conclusions)
    .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
    .where(and(eq(conclusions.status, 'issued'), ids ? inArray(conclusions.id, ids) : undefined))
    .all()
    .map((c) => ({ id: c.id, parts: [c.number, c.meetingTitle, plainText(c.content as DocJSON)] }))
}

function taskEntries(db: DBOrTx, filter?: { ids?: number[]; conclusionId?: number }): Entry[] {
  return db
    .select({ id: tasks.id, content: tasks.content, lead: units.name })
    .from(tasks)
    .innerJoin(units, eq(units.id, tasks.leadUnitId))
    .where(and(filter?.ids ? inArray(tasks.id, filter.ids) : undefined, filter?.conclusionId ? eq(tasks.conclusionId, filter.conclusionId) : undefined))
    .all()
    .map((t) => ({ id: t.id, parts: [t.content, t.lead] }))
}

/** Replaces the index rows of these records: those still there (in `entries`) are written again, the others dropped. */
function replace(db: DBOrTx, kind: SearchKind, ids: number[], entries: Entry[]) {
  for (const id of ids) drop(db, kind, id)
  for (const e of entries) put(db, kind, e.id, e.parts, true)
}

function indexMeeting(db: DBOrTx, meetingId: number) {
  replace(db, 'meeting', [meetingId], meetingEntries(db, [meetingId]))
}

function indexMeetingDocuments(db: DBOrTx, meetingId: number) {
  // Deleted documents too: their rows go.
  const ids = db.select({ id: documents.id }).from(documents).where(eq(documents.meetingId, meetingId)).all().map((d) => d.id)
  replace(db, 'document', ids, documentEntries(db, meetingId))
}

function indexConclusion(db: DBOrTx, conclusionId: number) {
  replace(db, 'conclusion', [conclusionId], conclusionEntries(db, [conclusionId]))
  const taskRows = taskEntries(db, { conclusionId })
  replace(db, 'task', taskRows.map((t) => t.id), taskRows)
}

function indexTask(db: DBOrTx, taskId: number) {
  replace(db, 'task', [taskId], taskEntries(db, { ids: [taskId] }))
}

/** How many rows the index should hold for the tables as they are (records with text). */
function expectedRows(db: DBOrTx) {
  const n = (q: { n: number } | undefined) => q?.n ?? 0
  return (
    n(db.select({ n: sql<number>`count(*)` }).from(meetings).get()) +
    n(db.select({ n: sql<number>`count(*)` }).from(documents).where(isNull(documents.deletedAt)).get()) +
    n(db.select({ n: sql<number>`count(*)` }).from(conclusions).where(eq(conclusions.status, 'issued')).get()) +
    n(db.select({ n: sql<number>`count(*)` }).from(tasks).get())
  )
}

/** Refills the index from the tables in one transaction, one query per kind (not one per record). */
export function rebuildSearchIndex(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    tx.run(sql`delete from search_index`)
    for (const e of meetingEntries(tx)) put(tx, 'meeting', e.id, e.parts, true)
    for (const e of documentEntries(tx)) put(tx, 'document', e.id, e.parts, true)
    for (const e of conclusionEntries(tx)) put(tx, 'conclusion', e.id, e.parts, true)
    for (const e of taskEntries(tx)) put(tx, 'task', e.id, e.parts, true)
  })
}

/**
 * At start: rebuilds the index only when it does not hold a row per record (a seed, a CLI or an
 * older version wrote the tables without keeping it); a restored database brings its own index.
 * Counting is milliseconds; a rebuild at province scale about 1.4 s. Returns whether it rebuilt.
 */
export function ensureSearchIndex(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const held = db.get<{ n: number }>(sql`select count(*) as n from search_index`)?.n ?? 0
  if (held === expectedRows(db)) return false
  rebuildSearchIndex({ db })
  return true
}

const globalForSearch = globalThis as unknown as { __nghisuSearchIndex?: () => void }

/** Keeps the index current from the domain events (once per process, however often it is called). */
export function keepSearchIndex(db: () => DB = getDb) {
  if (globalForSearch.__nghisuSearchIndex) return globalForSearch.__nghisuSearchIndex
  const safely = (run: () => void) => {
    try {
      run()
    } catch (error) {
      console.error('Không cập nhật được chỉ mục tìm kiếm:', error instanceof Error ? error.message : error)
    }
  }
  const offs = [
    events.on('meeting.updated', ({ meetingId }) => safely(() => indexMeeting(db(), meetingId))),
    events.on('documents.changed', ({ meetingId }) => safely(() => indexMeetingDocuments(db(), meetingId))),
    events.on('conclusion.updated', ({ conclusionId }) => safely(() => indexConclusion(db(), conclusionId))),
    events.on('task.updated', ({ taskId }) => safely(() => indexTask(db(), taskId))),
  ]
  const stop = () => {
    offs.forEach((off) => off())
    globalForSearch.__nghisuSearchIndex = undefined
  }
  globalForSearch.__nghisuSearchIndex = stop
  return stop
}

/** Ids of one kind whose text matches `q` (a subquery for lists such as /meetings); null when q has nothing searchable. */
export function matchingIds(kind: SearchKind, q: string) {
  const match = ftsQuery(q)
  if (!match) return null
  return sql`(select ref_id from search_index where search_index match ${match} and kind = ${kind})`
}

export type SearchHit = { kind: SearchKind; id: number; title: string; context: string | null; href: string; at: string | null }

/** How many index hits are looked at for one page of results (each is checked against its area's permission rules). */
const CANDIDATES = 400

/**
 * What `user` may see that matches `q`, best first: meetings, documents, issued conclusions and
 * tasks. At most `limit` hits; `more` when there are others they may see.
 */
export function searchEverything({ user, q, limit = 20, kind }: { user: Pick<SessionUser, 'id' | 'roles' | 'unitId'>; q: string; limit?: number; kind?: SearchKind }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const match = ftsQuery(q)
  if (!match) return { hits: [] as SearchHit[], more: false }
  const candidates = db.all<{ kind: SearchKind; ref_id: number }>(
    sql`select kind, ref_id from search_index where search_index match ${match} ${kind ? sql`and kind = ${kind}` : sql``} order by rank limit ${CANDIDATES}`,
  )
  const meetingsSeen = new Map<number, ReturnType<typeof meetingAccess>>()
  const accessOf = (id: number) => {
    if (!meetingsSeen.has(id)) meetingsSeen.set(id, meetingAccess({ id }, { db }))
    return meetingsSeen.get(id)!
  }
  // The tasks among the candidates are checked from one query (a unit officer's search is mostly tasks).
  const taskIds = candidates.filter((c) => c.kind === 'task').map((c) => Number(c.ref_id))
  const taskAccessById = new Map(
    taskIds.length
      ? db
          .select({ id: tasks.id, leadUnitId: tasks.leadUnitId, coordinatingUnitIds: tasks.coordinatingUnitIds, followingLeaderId: tasks.followingLeaderId, chairUserId: meetings.chairUserId })
          .from(tasks)
          .innerJoin(conclusions, eq(conclusions.id, tasks.conclusionId))
          .innerJoin(meetings, eq(meetings.id, conclusions.meetingId))
          .where(inArray(tasks.id, taskIds))
          .all()
          .map(({ id, ...access }) => [id, access])
      : [],
  )
  const visible: { kind: SearchKind; id: number }[] = []
  let more = false
  for (const c of candidates) {
    const id = Number(c.ref_id)
    let ok = false
    if (c.kind === 'meeting') {
      const access = accessOf(id)
      ok = Boolean(access && canViewMeeting(user, access))
    } else if (c.kind === 'document') {
      const access = documentAccess({ documentId: id }, { db })
      ok = Boolean(access && canOpenDocument(user, access))
    } else if (c.kind === 'conclusion') {
      const row = db.select({ meetingId: conclusions.meetingId, status: conclusions.status, recipients: conclusions.recipientUnitIds }).from(conclusions).where(eq(conclusions.id, id)).get()
      const access = row ? accessOf(row.meetingId) : null
      ok = Boolean(row && row.status === 'issued' && access && canReadIssuedConclusion(user, access, row.recipients))
    } else if (c.kind === 'task') {
      const access = taskAccessById.get(id)
      ok = Boolean(access && canViewTask(user, access))
    }
    if (!ok) continue
    if (visible.length === limit) {
      more = true
      break
    }
    visible.push({ kind: c.kind, id })
  }
  return { hits: describe(visible, db), more }
}

/** Title, context and link of each hit, in the order given. */
function describe(hits: { kind: SearchKind; id: number }[], db: DBOrTx): SearchHit[] {
  const ids = (kind: SearchKind) => hits.filter((h) => h.kind === kind).map((h) => h.id)
  const found = new Map<string, SearchHit>()
  const meetingIds = ids('meeting')
  if (meetingIds.length)
    for (const m of db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, type: meetingTypes.name }).from(meetings).innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId)).where(inArray(meetings.id, meetingIds)).all())
      found.set(`meeting:${m.id}`, { kind: 'meeting', id: m.id, title: m.title, context: m.type, href: `/meetings/${m.id}`, at: m.startsAt.toISOString() })
  const documentIds = ids('document')
  if (documentIds.length)
    for (const d of db.select({ id: documents.id, title: documents.title, meeting: meetings.title, createdAt: documents.createdAt }).from(documents).innerJoin(meetings, eq(meetings.id, documents.meetingId)).where(and(inArray(documents.id, documentIds), isNull(documents.deletedAt))).all())
      found.set(`document:${d.id}`, { kind: 'document', id: d.id, title: d.title, context: d.meeting, href: `/documents/${d.id}`, at: d.createdAt.toISOString() })
  const conclusionIds = ids('conclusion')
  if (conclusionIds.length)
    for (const c of db.select({ id: conclusions.id, number: conclusions.numberFormatted, meetingId: conclusions.meetingId, meeting: meetings.title, issuedAt: conclusions.updatedAt }).from(conclusions).innerJoin(meetings, eq(meetings.id, conclusions.meetingId)).where(inArray(conclusions.id, conclusionIds)).all())
      found.set(`conclusion:${c.id}`, { kind: 'conclusion', id: c.id, title: c.number ? `${c.number}` : c.meeting, context: c.meeting, href: `/meetings/${c.meetingId}/conclusion`, at: c.issuedAt.toISOString() })
  const taskIds = ids('task')
  if (taskIds.length)
    for (const t of db.select({ id: tasks.id, content: tasks.content, lead: units.name, deadline: tasks.deadline }).from(tasks).innerJoin(units, eq(units.id, tasks.leadUnitId)).where(inArray(tasks.id, taskIds)).orderBy(asc(tasks.id)).all())
      found.set(`task:${t.id}`, { kind: 'task', id: t.id, title: t.content, context: t.lead, href: `/tasks/${t.id}`, at: t.deadline })
  return hits.map((h) => found.get(`${h.kind}:${h.id}`)).filter((h): h is SearchHit => Boolean(h))
}
