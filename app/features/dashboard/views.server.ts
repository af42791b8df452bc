import type { TaskBucket } from '~/features/tasks/index.server'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { vietnamDate } from '~/core/days'
import { type DocJSON, getConclusion, getConclusionState, nameLookup, normaliseTaskAttrs, type TaskBlockAttrs, taskBlocksOf, taskSentence } from '~/features/conclusions/index.server'
import { distributionTiming, documentsVisibleTo, meetingDocumentsCatalogue, meetingReadiness } from '~/features/documents/index.server'
import { getMeeting, invitationTiming } from '~/features/meetings/index.server'
import { unreadCount } from '~/features/notifications/index.server'
import { getTask, idsInScope, scopeCounts, scopeTaskIds, taskIndexGeneration, type TaskRow, taskRows, type TaskScope } from '~/features/tasks/index.server'

/**
 * The read models of the live views: what a page shows that is the same for everyone allowed in
 * its room. The page's loader and the push to the room both come from here, so the page can
 * replace what it loaded with what it is pushed. Computed once per change per room (the
 * publisher in server/realtime/live.ts), never per watcher.
 */

/**
 * A task scope (whole body, unit, leader, meeting): the four buckets, by unit, and changed rows.
 * With `changedUnitIds` (a push after known changes) the by-unit table holds only those units'
 * rows, zero counts included, for the page to merge (`partial`); otherwise it is whole.
 */
export function taskScopeView(scope: TaskScope, options: { changedIds?: number[]; changedUnitIds?: number[]; today?: string } = {}) {
  const today = options.today ?? vietnamDate(new Date())
  const whole = scopeCounts({ scope, today })
  const rows = options.changedIds?.length ? taskRows({ ids: idsInScope({ ids: options.changedIds.slice(0, 500), scope, today }), today }) : []
  if (!options.changedUnitIds) return { today, counts: whole, rows, partial: false }
  const changed = new Set(options.changedUnitIds)
  const present = new Map(whole.byUnit.filter((u) => changed.has(u.unitId)).map((u) => [u.unitId, u]))
  const byUnit = [...changed].map((unitId) => present.get(unitId) ?? { unitId, unitName: '', counts: { done_on_time: 0, done_late: 0, open_within: 0, open_overdue: 0 } })
  return { today, counts: { total: whole.total, byUnit }, rows, partial: true }
}
export type TaskScopeView = ReturnType<typeof taskScopeView>

type CachedPage = { generation: number; value: { rows: TaskRow[]; hasMore: boolean } }
// Shared by the two copies of this module the production server loads (see task-index.server.ts).
const pagesHolder = globalThis as unknown as { __nghisuTaskPages?: Map<string, CachedPage> }
const pages: Map<string, CachedPage> = (pagesHolder.__nghisuTaskPages ??= new Map())
const PAGE_CACHE = 500

/**
 * One page of a scope's task list (the dashboard's list), kept until the task index changes: the
 * watchers that reload the same page after a change cost one computation.
 */
export function taskScopePage(scope: TaskScope, options: { bucket?: TaskBucket; page: number; pageSize: number; today?: string }) {
  const today = options.today ?? vietnamDate(new Date())
  const generation = taskIndexGeneration({ today })
  const key = `${scope.kind}:${scope.id}:${options.bucket ?? ''}:${options.page}:${options.pageSize}`
  const cached = pages.get(key)
  if (cached?.generation === generation) return cached.value
  const ids = scopeTaskIds({ scope, options: { bucket: options.bucket, offset: (options.page - 1) * options.pageSize, limit: options.pageSize + 1 }, today })
  const value = { rows: taskRows({ ids: ids.slice(0, options.pageSize), today }), hasMore: ids.length > options.pageSize }
  if (pages.size >= PAGE_CACHE) pages.delete(pages.keys().next().value!)
  pages.set(key, { generation, value })
  return value
}

/** The task page: the task, its history (reassignments named) and its status today. */
export function taskView(taskId: number) {
  const task = getTask({ taskId })
  if (!task) return null
  const names = nameLookup()
  // The assignment as the notice worded it (the block of the issued conclusion), else as it stands now.
  const content = getConclusion({ id: task.conclusionId })?.content as DocJSON | undefined
  const block: TaskBlockAttrs = (content && taskBlocksOf(content).find((b) => b.id === task.blockId)) || normaliseTaskAttrs({ ...task, id: task.blockId })
  return {
    ...task,
    sentence: taskSentence(block, names),
    coordinatingUnits: task.coordinatingUnitIds.filter((id) => id !== task.leadUnitId).map((id) => names.unitName(id) ?? ''),
    followingLeaderName: task.followingLeaderId ? (names.userName(task.followingLeaderId) ?? null) : null,
    history: task.history.map((e) => ({
      ...e,
      actorName: names.userName(e.actorId) ?? null,
      unitName: e.unitId ? (names.unitName(e.unitId) ?? null) : null,
      text: e.kind === 'lead_reassigned' ? `${names.unitName(Number(e.fromValue)) ?? ''} → ${names.unitName(Number(e.toValue)) ?? ''}${e.text ? `: ${e.text}` : ''}` : e.text,
    })),
  }
}
export type TaskView = NonNullable<ReturnType<typeof taskView>>

/** The meeting page: the meeting with its agenda and participants' answers, invitation and document timing. */
export function meetingView(meetingId: number) {
  const meeting = getMeeting({ id: meetingId })
  if (!meeting) return null
  const { issued } = getConclusionState({ meetingId })
  const documents = distributionTiming({ meetingId })
  return {
    meeting: { ...meeting, conclusion: issued?.numberFormatted ?? null },
    timing: invitationTiming(meeting, meeting.leadDays, getWorkingCalendar()),
    documentsTiming: { deadline: documents.deadline, firstAt: documents.first?.at ?? null, lateBy: documents.first?.lateByWorkingDays ?? 0 },
  }
}
export type MeetingView = NonNullable<ReturnType<typeof meetingView>>

/**
 * The documents page. Who sees which document (restricted ones, before distribution) and their own
 * read marks differ per person, so the room's model is read once and each member's list derived
 * from it in memory: one computation per change, not one per watcher.
 */
export function documentsView(meetingId: number) {
  const catalogue = meetingDocumentsCatalogue({ meetingId })
  const t = distributionTiming({ meetingId })
  const timing = { deadline: t.deadline, urgent: t.urgent, firstAt: t.first?.at ?? null, lateBy: t.first?.lateByWorkingDays ?? 0, reason: t.first?.reason ?? null, lateByIfNow: t.lateByIfNow }
  return (viewer: Parameters<typeof documentsVisibleTo>[1]) => ({ timing, documents: documentsVisibleTo(catalogue, viewer) })
}
export type DocumentsView = ReturnType<ReturnType<typeof documentsView>>

/** The readiness panel: who has read each distributed document. */
export function readinessView(meetingId: number) {
  return { documents: meetingReadiness({ meetingId }) }
}
export type ReadinessView = ReturnType<typeof readinessView>

/**
 * The conclusion page: which notice is issued and which draft is open (not the draft's revision:
 * editors save every few seconds, and their own autosave must not reload their page).
 */
export function conclusionView(meetingId: number) {
  const { issued, draft } = getConclusionState({ meetingId })
  return { issuedId: issued?.id ?? null, issuedNumber: issued?.numberFormatted ?? null, draftId: draft?.id ?? null, meetingStatus: getMeeting({ id: meetingId })?.status ?? null }
}
export type ConclusionView = ReturnType<typeof conclusionView>

/** The header's notification counter. */
export function notificationsView(userId: number) {
  return { unread: unreadCount({ userId: userId }) }
}
export type NotificationsView = ReturnType<typeof notificationsView>
