import { z } from 'zod'

/** Socket event maps shared by client and server (socket.io's typed events). Names: `<resource>.<verb>`. */
export type ServerToClientEvents = {
  'session.ready': (payload: { userId: number; rooms: string[] }) => void
  /** Something about the meeting changed (details, participants, answers): reload its data. */
  'meeting.changed': (payload: { meetingId: number }) => void
  'notification.created': (payload: { userId: number }) => void
  /** A task's progress, deadline, status or lead changed. */
  'task.changed': (payload: { taskId: number }) => void
  /** A new day began in Asia/Ho_Chi_Minh: statuses that depend on the date may have changed. */
  'tasks.dayChanged': (payload: { today: string }) => void
  /** A meeting's documents were added, versioned or distributed. */
  'documents.changed': (payload: { meetingId: number }) => void
  /** Someone opened one of the meeting's documents (readiness panel). */
  'document.read': (payload: { meetingId: number; documentId: number }) => void
}

export const roomSchema = z.object({ room: z.string().regex(/^[a-z]+:\d+$/).max(64) }).strict()
export type RoomPayload = z.infer<typeof roomSchema>
export type RoomAck = (result: { ok: true } | { ok: false; error: 'invalid' | 'forbidden' }) => void

export type ClientToServerEvents = {
  'room.join': (payload: RoomPayload, ack: RoomAck) => void
  'room.leave': (payload: RoomPayload, ack: RoomAck) => void
}
