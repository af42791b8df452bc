import { EventEmitter } from 'node:events'

/**
 * Typed in-process domain events. Models emit them after their transaction commits; the
 * realtime bridge (server/realtime) forwards them to socket rooms. Events carry ids, not records.
 */
export type DomainEvents = {
  'user.sessionsRevoked': { userId: number }
  'session.revoked': { sessionId: string }
  'user.updated': { userId: number; unitId: number | null }
  'unit.updated': { unitId: number }
  'meeting.updated': { meetingId: number }
  'meeting.invited': { meetingId: number; userIds: number[] }
  'meeting.statusChanged': { meetingId: number; userIds: number[] }
  'meeting.participants.updated': { meetingId: number }
  'notification.created': { userIds: number[] }
  'task.updated': { taskId: number; unitIds: number[] }
  'conclusion.updated': { meetingId: number; conclusionId: number }
  'tasks.dayChanged': { today: string }
  'documents.changed': { meetingId: number }
  'document.read': { meetingId: number; documentId: number }
  /** Notifications that should also go out by e-mail (when SMTP is configured). */
  'notification.email': { notificationIds: number[] }
}

type Listener<K extends keyof DomainEvents> = (payload: DomainEvents[K]) => void

const globalForEvents = globalThis as unknown as { __nghisuEvents?: EventEmitter }
// One bus per process, even when Vite loads app modules twice in development.
const bus = (globalForEvents.__nghisuEvents ??= new EventEmitter().setMaxListeners(100))

export const events = {
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]) {
    bus.emit(name, payload)
  },
  on<K extends keyof DomainEvents>(name: K, listener: Listener<K>) {
    bus.on(name, listener)
    return () => bus.off(name, listener)
  },
}
