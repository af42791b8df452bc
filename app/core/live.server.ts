import type { Actor } from './actor'
import type { RoomKind } from './rooms'

/** A room's model: the same for every member, or derived per member from one reading. */
export type Snapshot = { data: unknown } | { perMember: (user: Actor) => unknown }

/**
 * What changed since a room's last push: known tasks (with their lead units: a task scope then
 * pushes only those by-unit rows), or only some members' own part; nothing means the whole model.
 */
export type LiveChange = { taskIds: number[]; unitIds: number[] } | { members: number[] } | null

/** A room kind's read model for the room of `id`, computed once for all its watchers. */
export type LiveView = (id: number, change: { taskIds?: number[]; changedUnitIds?: number[] }) => Snapshot

/** What the publisher (server/realtime/live.ts) gives a feature's live views. */
export type LiveBridge = {
  /** Marks a room dirty: it is pushed after the current burst of events, at most once per interval. */
  touch(room: string, change?: LiveChange): void
  /** The rooms of these kinds that someone watches (the big screens' namespace included). */
  watched(kinds: RoomKind[]): string[]
}

/**
 * A feature's live views: the read model of each room kind it shows, and the domain events that
 * make its rooms dirty (`subscribe` returns what detaches them). The publisher composes them.
 */
export type LiveViews = {
  views: Partial<Record<RoomKind, LiveView>>
  subscribe(bridge: LiveBridge): (() => void)[]
}
