import { EventEmitter } from 'node:events'
import type { DirectoryEvents } from '~/features/directory/index.server'
import type { MeetingEvents } from '~/features/meetings/index.server'
import type { NotificationEvents } from '~/features/notifications/index.server'
import type { TaskEvents } from '~/features/tasks/index.server'
import type { ConclusionEvents } from '~/features/conclusions/index.server'
import type { DocumentEvents } from '~/features/documents/index.server'
import type { HallEvents } from '~/features/live-meeting/index.server'
import type { MinutesEvents } from '~/features/minutes/index.server'
import type { PollEvents } from '~/features/polls/index.server'

/**
 * Typed in-process domain events, each feature's own (its `events.ts`) composed here. Models emit
 * them after their transaction commits; the realtime bridge (server/realtime) forwards them to
 * socket rooms. Events carry ids, not records.
 */
export type DomainEvents = DirectoryEvents & MeetingEvents & NotificationEvents & TaskEvents & ConclusionEvents & DocumentEvents & HallEvents & MinutesEvents & PollEvents

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void

const globalForEvents = globalThis as unknown as { __nghisuEvents?: EventEmitter; __nghisuChange?: { n: number } }
// One bus per process, even when Vite loads app modules twice in development.
const bus = (globalForEvents.__nghisuEvents ??= new EventEmitter().setMaxListeners(100))
// The change counter: starts at the microsecond of the process start (so it keeps growing across
// restarts) and counts every event. Live views tag what they read with it.
const change = (globalForEvents.__nghisuChange ??= { n: Date.now() * 1000 })

export const events = {
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) {
    change.n++
    bus.emit(name, payload)
  },
  /**
   * The data version of everything read now: a loader and a push tagged with it can be ordered,
   * so a page never replaces fresher data with older (the higher version read later).
   */
  version() {
    return change.n
  },
  on<K extends keyof DomainEvents>(name: K, listener: Listener<K>) {
    bus.on(name, listener)
    return () => bus.off(name, listener)
  },
}
