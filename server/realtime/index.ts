import type http from 'node:http'
import { parse } from 'cookie'
import { Server, type Socket } from 'socket.io'
import { getSessionUser, SESSION_COOKIE, type SessionUser, validateSessionToken } from '~/features/directory/index.server'
import { events } from '~/core/events.server'
import { type ClientToServerEvents, roomSchema, type ServerToClientEvents } from '~/core/realtime-schemas'
import { validateDisplayToken } from '~/features/live-meeting/index.server'
import { type RoomKind, rooms as roomNames } from '~/core/rooms'
import { isAllowedOrigin } from '../middleware/origin'
import { mayJoin, membersRule } from './rooms'
import { liveSnapshot, type LiveOptions, publishLiveViews } from './live'

/** `display` only on the `/display` namespace (big screens), whose sockets have no user. */
type SocketData = { user: SessionUser; sessionId: string; display?: { meetingId: number; displayId: string } }
/** The rooms a meeting's pages use: whoever left the meeting leaves them. */
const MEETING_ROOMS = ['meeting', 'meetingTasks', 'documents', 'readiness', 'conclusion', 'hall', 'console', 'screen', 'minutes'] as const satisfies readonly RoomKind[]
export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>

/**
 * socket.io on the app's HTTP server. A socket authenticates with the session cookie (refused
 * otherwise), joins `user:<id>`, `unit:<id>` and `session:<id>`, and joins other rooms only when
 * their kind's join rule allows it (server/realtime/rooms.ts).
 */
export function attachRealtime(httpServer: http.Server, options: { publicUrl?: string } = {}): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // Cross-site WebSocket hijacking: browsers always send Origin on WebSocket handshakes and
    // cross-origin requests, so a present Origin must be ours; same-origin polling sends none.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin
      const ok =
        !origin ||
        isAllowedOrigin({ method: 'POST', origin, host: req.headers.host, hasBearer: false, hasSessionCookie: true, publicUrl: options.publicUrl })
      callback(ok ? null : 'forbidden_origin', ok)
    },
  })

  io.use((socket, next) => {
    const token = parse(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE]
    const auth = validateSessionToken({ token })
    if (!auth) return next(new Error('unauthorized'))
    socket.data.user = auth.user
    socket.data.sessionId = auth.session.id
    next()
  })

  io.on('connection', (socket: AppSocket) => {
    const { user, sessionId } = socket.data
    const rooms = [roomNames.user(user.id), roomNames.session(sessionId)]
    if (user.unitId) rooms.push(roomNames.unit(user.unitId))
    void socket.join(rooms)
    socket.emit('session.ready', { userId: user.id, rooms, serverTime: Date.now() })

    socket.on('room.join', (payload, ack) => {
      const respond = typeof ack === 'function' ? ack : () => {}
      const parsed = roomSchema.safeParse(payload)
      if (!parsed.success) return respond({ ok: false, error: 'invalid' })
      // socket.data.user, not the handshake's: it follows changes of the user's rights.
      if (!mayJoin(socket.data.user, parsed.data.room)) return respond({ ok: false, error: 'forbidden' })
      void socket.join(parsed.data.room)
      respond({ ok: true })
      // Catch-up: the room's current state, to this socket only (on first join and after a reconnect).
      const snapshot = liveSnapshot(parsed.data.room, { taskIds: parsed.data.ids })
      if (snapshot) socket.emit('live.update', { room: parsed.data.room, version: events.version(), data: 'data' in snapshot ? snapshot.data : snapshot.perMember(socket.data.user) })
    })
    // The client measures its offset from the server's clock (countdowns agree on every screen).
    socket.on('clock.sync', (ack) => {
      if (typeof ack === 'function') ack(Date.now())
    })
    socket.on('room.leave', (payload, ack) => {
      const respond = typeof ack === 'function' ? ack : () => {}
      const parsed = roomSchema.safeParse(payload)
      if (!parsed.success) return respond({ ok: false, error: 'invalid' })
      void socket.leave(parsed.data.room)
      respond({ ok: true })
    })
  })

  attachDisplays(io)
  return io
}

/**
 * The room's big screens: the `/display` namespace, authenticated by a display link's token (no
 * session, no cookie). A screen joins its meeting's `screen:<id>` room and nothing else, and is
 * disconnected when its link is revoked.
 */
function attachDisplays(io: RealtimeServer) {
  const displays = io.of('/display')
  displays.use((socket, next) => {
    const token = typeof socket.handshake.auth?.token === 'string' ? socket.handshake.auth.token : null
    const display = validateDisplayToken({ token })
    if (!display) return next(new Error('unauthorized'))
    socket.data.display = display
    next()
  })
  displays.on('connection', (socket) => {
    const { meetingId, displayId } = socket.data.display!
    const room = roomNames.screen(meetingId)
    void socket.join([room, `display:${displayId}`])
    socket.on('clock.sync', (ack: unknown) => {
      if (typeof ack === 'function') ack(Date.now())
    })
    const snapshot = liveSnapshot(room)
    if (snapshot && 'data' in snapshot) socket.emit('live.update', { room, version: events.version(), data: snapshot.data })
  })
}

/**
 * The bridge: domain events → rooms. Live views get their read models pushed (live.ts); what
 * remains here closes the sockets of ended sessions.
 * Returns a function that detaches it.
 */
export function bridgeEvents(io: RealtimeServer, options: LiveOptions = {}) {
  const detachLive = publishLiveViews(io, options)
  /** Sockets in `room` whose user may no longer join it leave it (rights are checked again, not remembered). */
  const recheck = (room: string) => {
    const members = io.sockets.adapter.rooms.get(room)
    if (!members?.size) return
    const may = membersRule(room)
    for (const id of members) {
      const socket = io.sockets.sockets.get(id)
      if (socket && !may(socket.data.user)) void socket.leave(room)
    }
  }
  const detach = [
    events.on('user.sessionsRevoked', ({ userId }) => io.in(roomNames.user(userId)).disconnectSockets(true)),
    events.on('display.revoked', ({ displayId }) => io.of('/display').in(`display:${displayId}`).disconnectSockets(true)),
    events.on('session.revoked', ({ sessionId }) => io.in(roomNames.session(sessionId)).disconnectSockets(true)),
    // New roles or another unit: each of the user's sockets takes the new rights and keeps only the rooms they still allow.
    events.on('user.updated', ({ userId }) => {
      const user = getSessionUser({ userId })
      for (const id of io.sockets.adapter.rooms.get(roomNames.user(userId)) ?? []) {
        const socket = io.sockets.sockets.get(id)
        if (!socket) continue
        if (!user) {
          socket.disconnect(true)
          continue
        }
        socket.data.user = user
        for (const room of [...socket.rooms]) {
          if (room === socket.id || room.startsWith('session:')) continue
          if (!mayJoin(user, room)) void socket.leave(room)
        }
        if (user.unitId) void socket.join(roomNames.unit(user.unitId))
      }
    }),
    // Someone left the meeting (or its chair changed): its rooms are checked again.
    ...(['meeting.participants.updated', 'meeting.updated'] as const).map((name) =>
      events.on(name, ({ meetingId }) => MEETING_ROOMS.forEach((kind) => recheck(roomNames[kind](meetingId)))),
    ),
    // Another minute-taker: the minutes' room is checked again.
    events.on('minutes.updated', ({ meetingId }) => recheck(roomNames.minutes(meetingId))),
    // A new lead unit: the task's room is checked again.
    events.on('task.updated', ({ taskId }) => recheck(roomNames.task(taskId))),
  ]
  return () => {
    detachLive()
    detach.forEach((off) => off())
  }
}
