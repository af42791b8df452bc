import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { io as connect, type Socket } from 'socket.io-client'
import { createMeeting, updateMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { changePassword, createSession, invalidateUserSessions, updateUser } from '~/features/directory/index.server'
import type { ClientToServerEvents, ServerToClientEvents } from '~/core/realtime-schemas'
import { createMeeting as meetingFixture, createMeetingType, createUnit, createUser, sessionCookieFor } from '../factories'
import { joinLive, openLiveSocket, settle } from '../setup/live-client'
import { startTestServer } from '../setup/server'

let server: Awaited<ReturnType<typeof startTestServer>>
const sockets: { disconnect: () => unknown }[] = []

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
    invalidateUserSessions({ userId: a.id })
    expect(await closedA).toBe('io server disconnect')

    const b = await createUser()
    const socketB = open(sessionCookieFor(b.id))
    await ready(socketB)
    const closedB = new Promise((resolve) => socketB.once('disconnect', resolve))
    updateUser({ id: b.id, input: { active: false }, actor: { id: admin.id } })
    expect(await closedB).toBe('io server disconnect')
  })
})

describe('rights are checked again when they change, not remembered by open sockets', () => {
  it('an Office user made a delegate leaves the readiness and whole-body rooms at once', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const office = await createUser({ roles: ['office'] })
    const chair = await createUser({ roles: ['chair'] })
    const meetingId = await meetingFixture({ chairUserId: chair.id, officeUserId: office.id, date: '2027-05-04' })
    const socket = await openLiveSocket(server.url, office.id)
    sockets.push(socket)
    await joinLive(socket, 'dashboard:0')
    await joinLive(socket, `readiness:${meetingId}`)
    updateUser({ id: office.id, input: { roles: ['delegate'] }, actor: { id: admin.id } })
    await settle(100)
    const rooms = (await server.io.in(`user:${office.id}`).fetchSockets())[0]!.rooms
    expect([...rooms]).not.toContain('dashboard:0')
    expect([...rooms]).not.toContain(`readiness:${meetingId}`)
    expect(await socket.emitWithAck('room.join', { room: 'dashboard:0' })).toEqual({ ok: false, error: 'forbidden' })
  })

  it('a participant taken off a meeting stops receiving its pushes', async () => {
    const office = await createUser({ roles: ['office'] })
    const chair = await createUser({ roles: ['chair'] })
    const member = await createUser({ roles: ['delegate'] })
    const input = (memberUserIds: number[]) => ({ title: 'Họp giao ban', meetingTypeId: createMeetingType().id, programmeItemId: null, offProgrammeReason: 'Kiểm thử', urgent: false, chairUserId: chair.id, startsAt: vietnamInstant('2027-05-06', '08:00'), endsAt: vietnamInstant('2027-05-06', '10:00'), mode: 'in_person' as const, location: 'Phòng 2', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds, memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null })
    const meetingId = createMeeting({ input: input([member.id]), actor: { id: office.id } })
    const socket = await openLiveSocket(server.url, member.id)
    sockets.push(socket)
    await joinLive(socket, `meeting:${meetingId}`)
    socket.updates.length = 0
    updateMeeting({ id: meetingId, input: input([]), actor: { id: office.id } })
    await settle()
    expect(socket.updates).toEqual([])
    expect(await socket.emitWithAck('room.join', { room: `meeting:${meetingId}` })).toEqual({ ok: false, error: 'forbidden' })
  })

  it('a password change closes the sockets of the user’s other sessions and keeps the current one', async () => {
    const user = await createUser({ password: 'mat-khau-cu-2026-dai' })
    const current = createSession({ userId: user.id })
    const elsewhere = await openLiveSocket(server.url, user.id)
    sockets.push(elsewhere)
    const here = connectWithToken(current.token)
    await ready(here)
    const closed = new Promise((resolve) => elsewhere.once('disconnect', resolve))
    await changePassword({ userId: user.id, input: { currentPassword: 'mat-khau-cu-2026-dai', newPassword: 'mat-khau-moi-2026-dai' }, keepSessionId: current.session.id, actor: { id: user.id } })
    expect(await closed).toBe('io server disconnect')
    await settle(100)
    expect(here.connected).toBe(true)
  })
})

function connectWithToken(token: string) {
  return open(`nghisu_session=${token}`)
}
