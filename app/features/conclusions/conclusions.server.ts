import { getSchema } from '@tiptap/core'
import { generateHTML } from '@tiptap/html'
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm'
import { events } from '~/core/events.server'
import {
  type DocJSON,
  type NameLookup,
  type TaskBlockAttrs,
  type TaskBlockProblem,
  checkTaskBlocks,
  conclusionExtensions,
  isSafeHref,
  normaliseTaskAttrs,
  taskBlocksOf,
} from './conclusion-doc'
import { DomainError } from '~/core/errors'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { vietnamDate } from '~/core/days'
import { type DBOrTx } from '#db/client'
import { conclusionVersions, conclusions, issuingBodies, meetings, meetingTypes, units, users } from '#db/schema/index'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import { allocateDocumentNumber, peekDocumentNumber, issuingBodyHeader } from './numbering.server'
import { issueTasks, tasksOfConclusion } from '~/features/tasks/index.server'
import { advanceMeetingStatus } from '~/features/meetings/index.server'
import { unitOfficers } from '~/features/directory/index.server'
import type { Actor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

type Conclusion = typeof conclusions.$inferSelect

/** Autosaves by the same person within this window update one version instead of adding one. */
const VERSION_WINDOW_MS = 5 * 60_000
/** A stored document larger than this is refused (a notice is a few pages). */
const MAX_CONTENT_BYTES = 1_000_000
/** What a notice may hold: a table cell spans at most 20 columns or 100 rows; at most 300 task blocks. */
const DOCUMENT_BOUNDS = { colspan: 20, rowspan: 100, taskBlocks: 300 } as const

type Spanned = { type?: string; attrs?: Record<string, unknown> | null; content?: Spanned[] }
/** The document with every table span cut to DOCUMENT_BOUNDS (for rendering what was stored before the bounds existed). */
function clampSpans<T extends Spanned>(n: T): T {
  const attrs = n.attrs && ('colspan' in n.attrs || 'rowspan' in n.attrs)
    ? { ...n.attrs, colspan: Math.min(Number(n.attrs.colspan) || 1, DOCUMENT_BOUNDS.colspan), rowspan: Math.min(Number(n.attrs.rowspan) || 1, DOCUMENT_BOUNDS.rowspan) }
    : n.attrs
  return { ...n, ...(attrs ? { attrs } : {}), ...(n.content ? { content: n.content.map(clampSpans) } : {}) }
}

let schemaCache: ReturnType<typeof getSchema> | undefined
const schema = () => (schemaCache ??= getSchema(conclusionExtensions()))

/**
 * Checks a document from the client against the editor's schema and returns a clean copy.
 * Unknown nodes or marks (a `script` node …) and links to anything but http(s)/mailto are
 * refused; attributes the schema does not define (`onerror`, `style` …) are dropped, because the
 * document is rebuilt from the schema rather than passed through.
 */
export function sanitizeConclusion(input: unknown): DocJSON {
  if (!input || typeof input !== 'object' || (input as DocJSON).type !== 'doc') throw new DomainError('conclusion.invalidDocument', 'invalid', 'content')
  if (JSON.stringify(input).length > MAX_CONTENT_BYTES) throw new DomainError('conclusion.tooLarge', 'invalid', 'content')
  let node
  try {
    node = schema().nodeFromJSON(input)
    node.check()
  } catch {
    throw new DomainError('conclusion.invalidDocument', 'invalid', 'content')
  }
  let taskBlocks = 0
  node.descendants((n) => {
    for (const mark of n.marks) if (mark.type.name === 'link' && !isSafeHref(mark.attrs.href)) throw new DomainError('conclusion.unsafeLink', 'invalid', 'content')
    if ((Number(n.attrs.colspan) || 1) > DOCUMENT_BOUNDS.colspan || (Number(n.attrs.rowspan) || 1) > DOCUMENT_BOUNDS.rowspan) throw new DomainError('conclusion.tableTooLarge', 'invalid', 'content')
    if (n.type.name === 'taskBlock' && ++taskBlocks > DOCUMENT_BOUNDS.taskBlocks) throw new DomainError('conclusion.tooManyTasks', 'invalid', 'content')
  })
  const clean = node.toJSON() as DocJSON
  const fixTasks = (n: DocJSON): DocJSON => ({
    ...n,
    ...(n.type === 'taskBlock' ? { attrs: normaliseTaskAttrs(n.attrs ?? {}) } : {}),
    ...(n.content ? { content: n.content.map(fixTasks) } : {}),
  })
  return fixTasks(clean)
}

/** The body that issues a draft: the one it names, or the first configured (one Standing Committee per installation). */
function issuingBodyOf(draft: Pick<Conclusion, 'issuingBodyId'>, db: DBOrTx) {
  return draft.issuingBodyId ?? db.select({ id: issuingBodies.id }).from(issuingBodies).orderBy(asc(issuingBodies.id)).get()?.id ?? null
}

/** The number issuing this draft today would take (shown for confirmation; not reserved). */
export function nextNumberFor({ draft }: { draft: Pick<Conclusion, 'issuingBodyId' | 'kindCode'> }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const body = issuingBodyOf(draft, db)
  return body ? peekDocumentNumber({ issuingBodyId: body, kindCode: draft.kindCode, issuedOn: vietnamDate(now) }, { db }) : null
}

/** Names of units and people, for task sentences. */
export function nameLookup(ctx: Partial<Context> = {}): NameLookup {
  const { db } = contextOf(ctx)
  const unitNames = new Map(db.select({ id: units.id, name: units.name }).from(units).all().map((u) => [u.id, u.name]))
  const userNames = new Map(db.select({ id: users.id, name: users.fullName }).from(users).all().map((u) => [u.id, u.name]))
  return { unitName: (id) => unitNames.get(id), userName: (id) => userNames.get(id) }
}

/** The reader's HTML, generated here from the stored JSON; never taken from the client. */
export function renderConclusionHtml(content: DocJSON | Record<string, unknown>, names: NameLookup = nameLookup()) {
  return generateHTML(clampSpans(content as Spanned) as Parameters<typeof generateHTML>[0], conclusionExtensions(names))
}

/** The current conclusion of a meeting (issued or draft) and, when one is being prepared, the correction draft. */
export function getConclusionState({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const rows = db.select().from(conclusions).where(and(eq(conclusions.meetingId, meetingId), ne(conclusions.status, 'superseded'))).orderBy(asc(conclusions.id)).all()
  const issued = rows.find((r) => r.status === 'issued') ?? null
  const draft = rows.find((r) => r.status === 'draft') ?? null
  return { issued, draft }
}

export function getConclusion({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select().from(conclusions).where(eq(conclusions.id, id)).get() ?? null
}

/** Issued conclusions of a meeting, newest first (the current one and those it superseded). */
export function issuedHistory({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: conclusions.id, status: conclusions.status, numberFormatted: conclusions.numberFormatted, issuedOn: conclusions.issuedOn, correctionReason: conclusions.correctionReason })
    .from(conclusions)
    .where(and(eq(conclusions.meetingId, meetingId), inArray(conclusions.status, ['issued', 'superseded'])))
    .orderBy(desc(conclusions.id))
    .all()
}

export function listVersions({ conclusionId }: { conclusionId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: conclusionVersions.id, revision: conclusionVersions.revision, savedAt: conclusionVersions.savedAt, savedByName: users.fullName })
    .from(conclusionVersions)
    .innerJoin(users, eq(users.id, conclusionVersions.savedBy))
    .where(eq(conclusionVersions.conclusionId, conclusionId))
    .orderBy(desc(conclusionVersions.savedAt), desc(conclusionVersions.id))
    .all()
}

export function getVersion({ conclusionId, versionId }: { conclusionId: number; versionId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return (
    db
      .select({ id: conclusionVersions.id, revision: conclusionVersions.revision, content: conclusionVersions.content, summary: conclusionVersions.summary, savedAt: conclusionVersions.savedAt, savedByName: users.fullName })
      .from(conclusionVersions)
      .innerJoin(users, eq(users.id, conclusionVersions.savedBy))
      .where(and(eq(conclusionVersions.id, versionId), eq(conclusionVersions.conclusionId, conclusionId)))
      .get() ?? null
  )
}

export type DraftInput = { content: unknown; summary: string; baseRevision: number }

/**
 * Saves the meeting's draft (creating it on the first save). The save names the revision it was
 * made from; if someone saved in between, it is refused rather than silently overwriting them.
 */
export function saveDraft({ meetingId, who, input }: { meetingId: number; who: Pick<Actor, 'id' | 'ip'>; input: DraftInput }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const content = sanitizeConclusion(input.content)
  const result = db.transaction((tx) => {
    const state = getConclusionState({ meetingId }, { db: tx })
    let draft = state.draft
    if (!draft) {
      if (state.issued) throw new DomainError('conclusion.alreadyIssued', 'conflict')
      if (input.baseRevision !== 0) throw new DomainError('conclusion.conflict', 'conflict')
      draft = tx.insert(conclusions).values({ meetingId, content, summary: input.summary, createdAt: now, updatedAt: now }).returning().get()
    } else if (draft.revision !== input.baseRevision) {
      throw new DomainError('conclusion.conflict', 'conflict')
    }
    const revision = draft.revision + 1
    tx.update(conclusions).set({ content, summary: input.summary, revision, updatedBy: who.id, updatedAt: now }).where(eq(conclusions.id, draft.id)).run()
    const last = tx.select().from(conclusionVersions).where(eq(conclusionVersions.conclusionId, draft.id)).orderBy(desc(conclusionVersions.id)).limit(1).get()
    if (last && last.savedBy === who.id && now.getTime() - last.firstSavedAt.getTime() < VERSION_WINDOW_MS) {
      tx.update(conclusionVersions).set({ content, summary: input.summary, revision, savedAt: now }).where(eq(conclusionVersions.id, last.id)).run()
    } else {
      tx.insert(conclusionVersions).values({ conclusionId: draft.id, revision, content, summary: input.summary, savedBy: who.id, firstSavedAt: now, savedAt: now }).run()
      writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'conclusion.save', entityType: 'conclusion', entityId: draft.id, after: { revision } })
    }
    return { conclusionId: draft.id, revision, savedAt: now }
  })
  events.emit('conclusion.updated', { meetingId, conclusionId: result.conclusionId })
  return result
}

/** Starts a correction of the issued conclusion: a draft with its text that will supersede it. */
export function startCorrection({ meetingId, who, reason }: { meetingId: number; who: Pick<Actor, 'id' | 'ip'>; reason: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const id = db.transaction((tx) => {
    const { issued, draft } = getConclusionState({ meetingId }, { db: tx })
    if (!issued) throw new DomainError('conclusion.notIssued', 'conflict')
    if (draft) return draft.id
    const created = tx
      .insert(conclusions)
      .values({
        meetingId,
        content: issued.content,
        summary: issued.summary,
        supersedesId: issued.id,
        correctionReason: reason,
        recipientUnitIds: issued.recipientUnitIds,
        otherRecipients: issued.otherRecipients,
        signerTitle: issued.signerTitle,
        signerName: issued.signerName,
        revision: 1,
        updatedBy: who.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: conclusions.id })
      .get()
    tx.insert(conclusionVersions).values({ conclusionId: created.id, revision: 1, content: issued.content, summary: issued.summary, savedBy: who.id, firstSavedAt: now, savedAt: now }).run()
    writeAudit(tx, { actorId: who.id, ip: who.ip, action: 'conclusion.correctionStarted', entityType: 'conclusion', entityId: created.id, after: { supersedes: issued.id, reason } })
    return created.id
  })
  events.emit('conclusion.updated', { meetingId, conclusionId: id })
  return id
}

export type IssueInput = {
  baseRevision: number
  summary: string
  signerTitle: string
  signerName: string
  recipientUnitIds: number[]
  otherRecipients: string[]
}

/** Why issuing was refused: the blocks to highlight. */
export class TaskBlocksInvalid extends DomainError {
  constructor(public readonly problems: TaskBlockProblem[]) {
    super('conclusion.taskBlocksInvalid', 'invalid', 'content')
  }
}

/** Units a notice goes to: those with tasks (lead or coordinating), then the others chosen. */
export function recipientUnitsOf(blocks: Pick<TaskBlockAttrs, 'leadUnitId' | 'coordinatingUnitIds'>[], chosen: number[]) {
  const withTasks = blocks.flatMap((b) => [b.leadUnitId, ...b.coordinatingUnitIds]).filter((id): id is number => id !== null)
  return [...new Set([...withTasks, ...chosen])]
}

/**
 * Issues the draft: fixes the text, takes the body's next number (inside the same immediate
 * transaction, so concurrent issuings get consecutive numbers), records the date and whether it
 * was within the meeting type's deadline, and creates the tasks. A correction carries the tasks
 * of the conclusion it supersedes over (same block, same task, history kept).
 */
export function issueConclusion({ meetingId, who, input }: { meetingId: number; who: Pick<Actor, 'id' | 'ip'>; input: IssueInput }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const names = nameLookup({ db })
  const issuedOn = vietnamDate(now)
  const result = db.transaction(
    (tx) => {
      const { draft, issued } = getConclusionState({ meetingId }, { db: tx })
      if (!draft) throw new DomainError(issued ? 'conclusion.alreadyIssued' : 'conclusion.noDraft', 'conflict')
      if (draft.revision !== input.baseRevision) throw new DomainError('conclusion.conflict', 'conflict')
      const meeting = tx
        .select({ id: meetings.id, startsAt: meetings.startsAt, status: meetings.status, deadlineDays: meetingTypes.conclusionDeadlineDays })
        .from(meetings)
        .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
        .where(eq(meetings.id, meetingId))
        .get()!
      const meetingDay = vietnamDate(meeting.startsAt)
      if (issuedOn < meetingDay) throw new DomainError('conclusion.beforeMeeting', 'conflict')
      if (meeting.status === 'cancelled' || meeting.status === 'postponed') throw new DomainError('conclusion.meetingNotHeld', 'conflict')
      const content = draft.content as DocJSON
      const blocks = taskBlocksOf(content)
      const activeUnits = new Set(tx.select({ id: units.id }).from(units).where(eq(units.active, true)).all().map((u) => u.id))
      const previous = draft.supersedesId ? tasksOfConclusion({ conclusionId: draft.supersedesId }, { db: tx }) : []
      const problems = checkTaskBlocks(blocks, meetingDay, (id) => activeUnits.has(id))
      // A correction may change a task, not silently drop it.
      const kept = new Set(blocks.map((b) => b.id))
      const dropped = previous.filter((t) => !kept.has(t.blockId))
      if (problems.length) throw new TaskBlocksInvalid(problems)
      if (dropped.length) throw new DomainError('conclusion.correctionDropsTask', 'invalid', 'content')

      const body = issuingBodyOf(draft, tx)
      if (!body) throw new DomainError('numbering.bodyMissing', 'invalid')
      const numbered = allocateDocumentNumber({ issuingBodyId: body, kindCode: draft.kindCode, issuedOn }, { db: tx })
      const deadlineDays = meeting.deadlineDays
      const onTime = getWorkingCalendar({ db: tx }).workingDaysBetween(meetingDay, issuedOn) <= deadlineDays
      const html = renderConclusionHtml(content, names)
      tx.update(conclusions)
        .set({
          status: 'issued',
          summary: input.summary,
          signerTitle: input.signerTitle,
          signerName: input.signerName,
          recipientUnitIds: recipientUnitsOf(blocks, input.recipientUnitIds),
          otherRecipients: input.otherRecipients,
          issuingBodyId: body,
          number: numbered.number,
          numberFormatted: numbered.formatted,
          issuedOn,
          issuedAt: now,
          issuedBy: who.id,
          onTime,
          html,
          updatedAt: now,
        })
        .where(eq(conclusions.id, draft.id))
        .run()

      const toTaskBlock = (b: TaskBlockAttrs) => ({ ...b, blockId: b.id, leadUnitId: b.leadUnitId!, deadline: b.standingCycle && !b.deadline ? null : b.deadline })
      const correcting = draft.supersedesId ? { conclusionId: draft.supersedesId, actorId: who.id, note: `${numbered.formatted}: ${draft.correctionReason ?? ''}`.trim() } : undefined
      const { createdIds, carriedIds: carried } = issueTasks({ conclusionId: draft.id, blocks: blocks.map(toTaskBlock), issuedOn, correcting }, { db: tx, now })
      if (draft.supersedesId) tx.update(conclusions).set({ status: 'superseded', updatedAt: now }).where(eq(conclusions.id, draft.supersedesId)).run()
      advanceMeetingStatus({ id: meetingId, to: 'concluded' }, { db: tx, now })

      // The lead and coordinating units' officers and the following leaders hear of their tasks.
      const unitIds = recipientUnitsOf(blocks, [])
      const officers = unitOfficers({ unitIds }, { db: tx })
      const notes = officers.map((o) => ({
        userId: o.id,
        kind: 'conclusion.issued',
        params: { number: numbered.formatted, summary: input.summary ?? '' } as Record<string, string>,
        link: '/tasks',
      }))
      for (const leaderId of new Set(blocks.map((b) => b.followingLeaderId).filter((id): id is number => id !== null)))
        notes.push({ userId: leaderId, kind: 'conclusion.issued', params: { number: numbered.formatted, summary: input.summary ?? '', context: 'leader' }, link: '/dashboard?leader=me' })
      notify(notes, { db: tx, now })
      writeAudit(tx, {
        actorId: who.id,
        ip: who.ip,
        action: draft.supersedesId ? 'conclusion.correct' : 'conclusion.issue',
        entityType: 'conclusion',
        entityId: draft.id,
        after: { number: numbered.formatted, issuedOn, onTime, tasks: blocks.length, supersedes: draft.supersedesId },
      })
      return { conclusionId: draft.id, number: numbered.formatted, onTime, taskIds: [...createdIds, ...carried], unitIds, notified: notes.map((n) => n.userId) }
    },
    { behavior: 'immediate' },
  )
  events.emit('conclusion.updated', { meetingId, conclusionId: result.conclusionId })
  // The meeting is now concluded: its page and its conclusion page refresh for everyone on them.
  events.emit('meeting.updated', { meetingId })
  for (const taskId of result.taskIds) events.emit('task.updated', { taskId, unitIds: result.unitIds })
  if (result.notified.length) events.emit('notification.created', { userIds: [...new Set(result.notified)] })
  return result
}

/** Everything the DOCX and PDF need: the body, its number and date, the signer and the recipients. */
export function conclusionForExport({ conclusion }: { conclusion: Conclusion }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const names = nameLookup({ db })
  const body = issuingBodyHeader({ issuingBodyId: conclusion.issuingBodyId }, { db })
  const blocks = taskBlocksOf(conclusion.content as DocJSON)
  const recipientIds = conclusion.status === 'draft' ? recipientUnitsOf(blocks, conclusion.recipientUnitIds) : conclusion.recipientUnitIds
  return {
    bodyName: body.bodyName,
    place: body.place,
    numberFormatted: conclusion.numberFormatted,
    issuedOn: conclusion.issuedOn,
    summary: conclusion.summary,
    content: conclusion.content as DocJSON,
    signerTitle: conclusion.signerTitle ?? '',
    signerName: conclusion.signerName ?? '',
    recipients: [...recipientIds.map((id) => names.unitName(id) ?? ''), ...conclusion.otherRecipients].filter(Boolean),
    draft: conclusion.status === 'draft',
    names,
  }
}
export type ConclusionExport = ReturnType<typeof conclusionForExport>
