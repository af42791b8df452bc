import { EventEmitter } from 'node:events'

/**
 * Typed in-process domain events. Models emit them after their transaction commits; the
 * realtime bridge (server/realtime) forwards them to socket rooms. Events carry ids, not records.
 */
export type DomainEvents = {
  'user.sessionsRevoked': { userId: number }
  'session.revoked': { sessionId: string }
  'user.updated': { userId: number; unitId: number | null }
  'meeting.updated': { meetingId: number }
  'meeting.invited': { meetingId: number; userIds: number[] }
  'meeting.statusChanged': { meetingId: number; userIds: number[] }
  'meeting.participants.updated': { meetingId: number }
  'notification.created': { userIds: number[] }
  /** Notifications were marked read: the unread counters of these people changed. */
  'notification.read': { userIds: number[] }
  'task.updated': { taskId: number; unitIds: number[] }
  'conclusion.updated': { meetingId: number; conclusionId: number }
  'tasks.dayChanged': { today: string }
  'documents.changed': { meetingId: number }
  'document.read': { meetingId: number; documentId: number; userId: number }
  /** Something in the meeting room changed (session, attendance, speakers, votes, a ballot). */
  'hall.updated': { meetingId: number; what: 'session' | 'attendance' | 'speakers' | 'votes' | 'ballot' }
  /** A meeting's minutes changed (created, minute-taker, submitted, returned, approved, corrected, shared). */
  'minutes.updated': { meetingId: number }
  /** A confidence poll's state or counts changed (never who voted). */
  'poll.updated': { campaignId: number }
  /** A big-screen display link was revoked: its screens are disconnected. */
  'display.revoked': { displayId: string }
  /** Notifications that should also go out by e-mail (when SMTP is configured). */
  'notification.email': { notificationIds: number[] }
}

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
