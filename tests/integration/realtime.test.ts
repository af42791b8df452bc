import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect, type Socket } from 'socket.io-client'
import { invalidateUserSessions } from '~/models/sessions.server'
import { updateUser } from '~/models/users.server'
import type { ClientToServerEvents, ServerToClientEvents } from '~/schemas/realtime'
import { createUnit, createUser, sessionCookieFor } from '../factories'
import { startTestServer } from '../setup/server'

let server: Awaited<ReturnType<typeof startTestServer>>
const sockets: Socket[] = []

beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  sockets.forEach((s) => s.disconnect())
  await server.close()
})

function open(cookie?: string, origin?: string): Socket<ServerToClientEvents, ClientToServerEvents> {
  const socket = connect(server.url, {
    transports: ['websocket'],
    extraHeaders: { ...(cookie ? { Cookie: cookie } : {}), Origin: origin ?? server.url },
    reconnection: false,
  })
  sockets.push(socket)
  return socket
}

function ready(socket: Socket<ServerToClientEvents, ClientToServerEvents>) {
  return new Promise<{ userId: number; rooms: string[] }>((resolve, reject) => {
    socket.once('session.ready', resolve)
    socket.once('connect_error', reject)
  })
}

function refused(socket: Socket) {
  return new Promise<string>((resolve, reject) => {
    socket.once('connect_error', (e) => resolve(e.message))
    socket.once('connect', () => reject(new Error('connected')))
  })
}

describe('socket.io authentication and rooms', () => {
  it('refuses a socket without a session', async () => {
    expect(await refused(open())).toBe('unauthorized')
    expect(await refused(open('nghisu_session=abc.def'))).toBe('unauthorized')
  })

  it('refuses a handshake from a foreign origin', async () => {
    const user = await createUser()
    expect(await refused(open(sessionCookieFor(user.id), 'https://evil.example'))).not.toBe('')
  })

  it('joins user:<id> and unit:<id> on connection', async () => {
    const unit = createUnit()
    const user = await createUser({ unitId: unit.id, roles: ['unit_officer'] })
    const info = await ready(open(sessionCookieFor(user.id)))
    expect(info.userId).toBe(user.id)
    expect(info.rooms).toEqual(expect.arrayContaining([`user:${user.id}`, `unit:${unit.id}`]))
    const inRoom = await server.io.in(`unit:${unit.id}`).fetchSockets()
    expect(inRoom.map((s) => s.data.user.id)).toContain(user.id)
  })

  it('lets a socket join only rooms the permission module allows', async () => {
    const mine = createUnit()
    const theirs = createUnit()
    const user = await createUser({ unitId: mine.id, roles: ['unit_officer'] })
    const socket = open(sessionCookieFor(user.id))
    await ready(socket)
    expect(await socket.emitWithAck('room.join', { room: `unit:${theirs.id}` })).toEqual({ ok: false, error: 'forbidden' })
    expect(await socket.emitWithAck('room.join', { room: `user:${user.id + 1}` })).toEqual({ ok: false, error: 'forbidden' })
    expect(await socket.emitWithAck('room.join', { room: 'x'.repeat(200) } as never)).toEqual({ ok: false, error: 'invalid' })
    const inTheirs = await server.io.in(`unit:${theirs.id}`).fetchSockets()
    expect(inTheirs.map((s) => s.data.user.id)).not.toContain(user.id)

    const office = await createUser({ roles: ['office'] })
    const officeSocket = open(sessionCookieFor(office.id))
    await ready(officeSocket)
    expect(await officeSocket.emitWithAck('room.join', { room: `unit:${theirs.id}` })).toEqual({ ok: true })
  })

  it('closes a user’s sockets when they sign out everywhere or are deactivated', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const a = await createUser()
    const socketA = open(sessionCookieFor(a.id))
    await ready(socketA)
    const closedA = new Promise((resolve) => socketA.once('disconnect', resolve))
    invalidateUserSessions(a.id)
    expect(await closedA).toBe('io server disconnect')

    const b = await createUser()
    const socketB = open(sessionCookieFor(b.id))
    await ready(socketB)
    const closedB = new Promise((resolve) => socketB.once('disconnect', resolve))
    updateUser(b.id, { active: false }, { id: admin.id })
    expect(await closedB).toBe('io server disconnect')
  })
})
