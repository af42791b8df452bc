import { events } from '~/core/events.server'
import { parseRoom, type RoomKind, rooms } from '~/core/rooms'
import { conclusionView, documentsView, meetingView, notificationsView, readinessView, taskScopeView, taskView } from '~/features/dashboard/index.server'
import type { SessionUser } from '~/features/directory/index.server'
import { refreshTasks, type TaskScope } from '~/features/tasks/index.server'
import { CODE_WINDOW_MS, consoleView, hallView, screenView } from '~/features/live-meeting/index.server'
import { minutesRoomView } from '~/features/minutes/index.server'
import { pollProgress } from '~/features/polls/index.server'
import type { RealtimeServer } from './index'

/**
 * The live-view publisher: domain events mark rooms dirty; each dirty room's read model is
 * computed once (not per watcher) and pushed to the room as `live.update` with the change
 * counter. Bursts are coalesced: a room is pushed at most once per `minIntervalMs`, with the
 * latest state and every task row changed since its last push. Empty rooms cost nothing.
 */
export type LiveOptions = { minIntervalMs?: number }

type Pending = {
  taskIds: Set<number>
  unitIds: Set<number>
  /** The whole model changed (not only known tasks). */
  full: boolean
  /** Per-member views: only these members' own part changed (e.g. their read marks). */
  members: Set<number>
  timer: ReturnType<typeof setTimeout> | null
  lastPush: number
}
/** A room's model: the same for every member, or derived per member from one reading. */
export type Snapshot = { data: unknown } | { perMember: (user: SessionUser) => unknown }

const TASK_SCOPE_KINDS = new Set<RoomKind>(['dashboard', 'unit', 'leader', 'meetingTasks'])

function scopeOfRoom(kind: RoomKind, id: number): TaskScope | null {
  if (kind === 'dashboard') return { kind: 'body', id: 0 }
  if (kind === 'unit') return { kind: 'unit', id }
  if (kind === 'leader') return { kind: 'leader', id }
  if (kind === 'meetingTasks') return { kind: 'meeting', id }
  return null
}

function roomOfScope(scope: TaskScope) {
  switch (scope.kind) {
    case 'body':
      return rooms.dashboard()
    case 'unit':
      return rooms.unit(scope.id)
    case 'leader':
      return rooms.leader(scope.id)
    case 'meeting':
      return rooms.meetingTasks(scope.id)
  }
}

/**
 * The read model of a room, or undefined when the room has none (it only receives events).
 * `changedUnitIds` makes a task scope's by-unit table partial (a push after known changes).
 */
export function liveSnapshot(room: string, options: { taskIds?: number[]; changedUnitIds?: number[] } = {}): Snapshot | undefined {
  const parsed = parseRoom(room)
  if (!parsed) return undefined
  const { kind, id } = parsed
  const scope = scopeOfRoom(kind, id)
  if (scope) return { data: taskScopeView(scope, { changedIds: options.taskIds, changedUnitIds: options.changedUnitIds }) }
  if (kind === 'task') return { data: taskView(id) }
  if (kind === 'meeting') return { data: meetingView(id) }
  if (kind === 'readiness') return { data: readinessView(id) }
  if (kind === 'documents') return { perMember: documentsView(id) }
  if (kind === 'conclusion') return { data: conclusionView(id) }
  if (kind === 'user') return { data: notificationsView(id) }
  if (kind === 'hall') return { data: hallView({ meetingId: id }) }
  if (kind === 'console') return { data: consoleView({ meetingId: id }) }
  if (kind === 'screen') return { data: screenView({ meetingId: id }) }
  if (kind === 'minutes') return { data: minutesRoomView({ meetingId: id }) }
  if (kind === 'poll') return { data: pollProgress({ id }) }
  return undefined
}

export function publishLiveViews(io: RealtimeServer, options: LiveOptions = {}) {
  const minInterval = options.minIntervalMs ?? 250
  const pending = new Map<string, Pending>()

  const flush = (room: string) => {
    const p = pending.get(room)
    if (!p) return
    p.timer = null
    p.lastPush = Date.now()
    const taskIds = [...p.taskIds]
    const changedUnitIds = p.full ? undefined : [...p.unitIds]
    const onlyMembers = p.full ? null : new Set(p.members)
    p.taskIds.clear()
    p.unitIds.clear()
    p.members.clear()
    p.full = false
    const socketIds = io.sockets.adapter.rooms.get(room)
    // The big screens connect to their own namespace (display links, no session).
    const displays = room.startsWith('screen:') ? io.of('/display').adapter.rooms.get(room) : undefined
    if (!socketIds?.size && !displays?.size) return
    const snapshot = liveSnapshot(room, { taskIds, changedUnitIds })
    if (!snapshot) return
    const version = events.version()
    if ('data' in snapshot) {
      if (socketIds?.size) io.to(room).emit('live.update', { room, version, data: snapshot.data })
      if (displays?.size) io.of('/display').to(room).emit('live.update', { room, version, data: snapshot.data })
      return
    }
    if (!socketIds) return
    // One reading, a list per member (derived in memory), to each member's sockets in the room.
    const perUser = new Map<number, unknown>()
    for (const socketId of socketIds) {
      const socket = io.sockets.sockets.get(socketId)
      if (!socket) continue
      const user = socket.data.user
      if (onlyMembers?.size && !onlyMembers.has(user.id)) continue
      if (!perUser.has(user.id)) perUser.set(user.id, snapshot.perMember(user))
      socket.emit('live.update', { room, version, data: perUser.get(user.id) })
    }
  }

  /**
   * A change for `room`: pushed at once after the current burst of synchronous events, or when the
   * interval allows. Task changes name their tasks and lead units (the push then carries only those
   * by-unit rows); a change without them (a new day) sends the whole model.
   */
  const touch = (room: string, change: { taskIds: number[]; unitIds: number[] } | { members: number[] } | null = null) => {
    let p = pending.get(room)
    if (!p) pending.set(room, (p = { taskIds: new Set(), unitIds: new Set(), members: new Set(), full: false, timer: null, lastPush: 0 }))
    if (change && 'members' in change) for (const id of change.members) p.members.add(id)
    else if (change) {
      for (const id of change.taskIds) p.taskIds.add(id)
      for (const id of change.unitIds) p.unitIds.add(id)
    } else p.full = true
    if (p.timer) return
    const wait = Math.max(0, p.lastPush + minInterval - Date.now())
    p.timer = setTimeout(() => flush(room), wait)
  }

  const roomsOfKinds = (kinds: Set<RoomKind>) => [...io.sockets.adapter.rooms.keys()].filter((r) => {
    const parsed = parseRoom(r)
    return parsed ? kinds.has(parsed.kind) : false
  })

  const detach = [
    events.on('task.updated', ({ taskId }) => {
      // Always keep the read model true, watched or not; then tell the rooms that show the task.
      const { scopes, leadUnitIds } = refreshTasks({ taskIds: [taskId] })
      for (const scope of scopes) touch(roomOfScope(scope), { taskIds: [taskId], unitIds: leadUnitIds })
      touch(rooms.task(taskId))
    }),
    events.on('tasks.dayChanged', () => {
      for (const room of roomsOfKinds(new Set([...TASK_SCOPE_KINDS, 'task']))) touch(room)
    }),
    ...(['meeting.updated', 'meeting.participants.updated', 'meeting.invited', 'meeting.statusChanged'] as const).map((name) =>
      events.on(name, ({ meetingId }) => touch(rooms.meeting(meetingId))),
    ),
    ...(['meeting.updated', 'meeting.statusChanged', 'conclusion.updated'] as const).map((name) => events.on(name, ({ meetingId }) => touch(rooms.conclusion(meetingId)))),
    events.on('documents.changed', ({ meetingId }) => {
      touch(rooms.documents(meetingId))
      touch(rooms.readiness(meetingId))
      touch(rooms.meeting(meetingId))
    }),
    events.on('document.read', ({ meetingId, userId }) => {
      touch(rooms.readiness(meetingId))
      // Only the reader's own marks changed.
      touch(rooms.documents(meetingId), { members: [userId] })
    }),
    events.on('hall.updated', ({ meetingId, what }) => {
      touch(rooms.hall(meetingId))
      touch(rooms.screen(meetingId))
      // A ballot changes no one's attendance: the console's list stays as it is.
      if (what !== 'ballot') {
        touch(rooms.console(meetingId))
        touch(rooms.minutes(meetingId))
      }
    }),
    events.on('minutes.updated', ({ meetingId }) => touch(rooms.minutes(meetingId))),
    events.on('poll.updated', ({ campaignId }) => touch(rooms.poll(campaignId))),
    ...(['meeting.updated', 'meeting.participants.updated'] as const).map((name) =>
      events.on(name, ({ meetingId }) => {
        touch(rooms.hall(meetingId))
        touch(rooms.console(meetingId))
        touch(rooms.screen(meetingId))
        touch(rooms.minutes(meetingId))
      }),
    ),
    events.on('notification.created', ({ userIds }) => userIds.forEach((id) => touch(rooms.user(id)))),
    events.on('notification.read', ({ userIds }) => userIds.forEach((id) => touch(rooms.user(id)))),
  ]
  // The check-in code changes every 30 s: the screens (and consoles) get the new one at the turn.
  let codeTimer: ReturnType<typeof setTimeout> | undefined
  const tick = () => {
    const screens = new Set([...roomsOfKinds(new Set<RoomKind>(['screen'])), ...[...io.of('/display').adapter.rooms.keys()].filter((r) => r.startsWith('screen:'))])
    for (const room of screens) touch(room)
    codeTimer = setTimeout(tick, CODE_WINDOW_MS - (Date.now() % CODE_WINDOW_MS) + 20)
    codeTimer.unref?.()
  }
  codeTimer = setTimeout(tick, CODE_WINDOW_MS - (Date.now() % CODE_WINDOW_MS) + 20)
  codeTimer.unref?.()
  // A room that empties forgets its state.
  const onDelete = (room: string) => {
    const p = pending.get(room)
    if (p && !p.timer) pending.delete(room)
  }
  io.sockets.adapter.on('delete-room', onDelete)

  return () => {
    clearTimeout(codeTimer)
    detach.forEach((off) => off())
    io.sockets.adapter.off('delete-room', onDelete)
    for (const p of pending.values()) if (p.timer) clearTimeout(p.timer)
    pending.clear()
  }
}
