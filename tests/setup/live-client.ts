import { io as connect, type Socket } from 'socket.io-client'
import type { LiveUpdate } from '~/core/rooms'
import type { ClientToServerEvents, ServerToClientEvents } from '~/core/realtime-schemas'
import { sessionCookieFor } from '../factories'

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents> & { updates: LiveUpdate[] }

/** A signed-in socket.io client that records every `live.update` it receives. */
export async function openLiveSocket(url: string, userId: number, options: { reconnection?: boolean } = {}): Promise<LiveSocket> {
  const socket = connect(url, { transports: ['websocket'], extraHeaders: { Cookie: sessionCookieFor(userId), Origin: url }, reconnection: options.reconnection ?? false, forceNew: true }) as LiveSocket
  socket.updates = []
  socket.on('live.update', (u) => socket.updates.push(u))
  await new Promise((resolve, reject) => {
    socket.once('session.ready', resolve)
    socket.once('connect_error', reject)
  })
  return socket
}

/** Joins a room and waits for its snapshot (a room with a read model sends one on join). */
export async function joinLive(socket: LiveSocket, room: string, ids?: number[]) {
  const snapshot = nextUpdate(socket, room)
  const ack = await socket.emitWithAck('room.join', ids ? { room, ids } : { room })
  if (!ack.ok) throw new Error(`join ${room}: ${ack.error}`)
  return snapshot
}

/** The next `live.update` for `room` (rejects after `ms`). */
export function nextUpdate(socket: LiveSocket, room: string, ms = 3000) {
  return new Promise<LiveUpdate>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('live.update', on)
      reject(new Error(`no live.update for ${room}`))
    }, ms)
    const on = (u: LiveUpdate) => {
      if (u.room !== room) return
      clearTimeout(timer)
      socket.off('live.update', on)
      resolve(u)
    }
    socket.on('live.update', on)
  })
}

export const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms))
