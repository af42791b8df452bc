import { z } from '~/core/zod'
import { type LiveUpdate, ROOM_PATTERN } from '~/core/rooms'

/** Socket event maps shared by client and server (socket.io's typed events). Names: `<resource>.<verb>`. */
export type ServerToClientEvents = {
  'session.ready': (payload: { userId: number; rooms: string[]; serverTime: number }) => void
  /**
   * A live view's new state: the room's read model computed once on the server after a change
   * (coalesced), or the snapshot sent to one socket when it joins. Pages apply it without a request.
   */
  'live.update': (payload: LiveUpdate) => void
}

export const roomSchema = z
  .object({
    room: z.string().max(64).regex(ROOM_PATTERN),
    /** Task rows the page shows: the join snapshot brings them up to date (those the room may see). */
    ids: z.array(z.number().int().positive()).max(500).optional(),
  })
  .strict()
export type RoomPayload = z.infer<typeof roomSchema>
export type RoomAck = (result: { ok: true } | { ok: false; error: 'invalid' | 'forbidden' }) => void

export type ClientToServerEvents = {
  'room.join': (payload: RoomPayload, ack: RoomAck) => void
  'room.leave': (payload: Pick<RoomPayload, 'room'>, ack: RoomAck) => void
  /** Answers with the server's clock (epoch ms): the client measures its offset on connect. */
  'clock.sync': (ack: (serverTime: number) => void) => void
}
