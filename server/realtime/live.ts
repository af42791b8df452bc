import { events } from '~/core/events.server'
import type { LiveBridge, LiveChange, LiveView, LiveViews, Snapshot } from '~/core/live.server'
import { parseRoom, type RoomKind } from '~/core/rooms'
import { dashboardLive } from '~/features/dashboard/index.server'
import { hallLive } from '~/features/live-meeting/index.server'
import { minutesLive } from '~/features/minutes/index.server'
import { pollLive } from '~/features/polls/index.server'
import type { RealtimeServer } from './index'

/** Every feature's live views (their read models and the events that make their rooms dirty). */
export const liveFeatures: LiveViews[] = [dashboardLive, hallLive, minutesLive, pollLive]
const views: Partial<Record<RoomKind, LiveView>> = Object.assign({}, ...liveFeatures.map((f) => f.views))

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
/**
 * The read model of a room, or undefined when the room has none (it only receives events).
 * `changedUnitIds` makes a task scope's by-unit table partial (a push after known changes).
 */
export function liveSnapshot(room: string, options: { taskIds?: number[]; changedUnitIds?: number[] } = {}): Snapshot | undefined {
  const parsed = parseRoom(room)
  return parsed ? views[parsed.kind]?.(parsed.id, options) : undefined
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
  const touch = (room: string, change: LiveChange = null) => {
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

  const bridge: LiveBridge = {
    touch,
    watched: (kinds) => {
      const wanted = new Set<RoomKind>(kinds)
      const ofKind = (room: string) => {
        const parsed = parseRoom(room)
        return parsed ? wanted.has(parsed.kind) : false
      }
      // The big screens connect to their own namespace (display links, no session).
      return [...new Set([...io.sockets.adapter.rooms.keys(), ...io.of('/display').adapter.rooms.keys()])].filter(ofKind)
    },
  }
  const detach = liveFeatures.flatMap((f) => f.subscribe(bridge))
  // A room that empties forgets its state.
  const onDelete = (room: string) => {
    const p = pending.get(room)
    if (p && !p.timer) pending.delete(room)
  }
  io.sockets.adapter.on('delete-room', onDelete)

  return () => {
    detach.forEach((off) => off())
    io.sockets.adapter.off('delete-room', onDelete)
    for (const p of pending.values()) if (p.timer) clearTimeout(p.timer)
    pending.clear()
  }
}
