import { eq } from 'drizzle-orm'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '#db/client'
import { meetingSessions, speeches } from '#db/schema'
import { currentCheckinCode } from '~/features/live-meeting/checkin-code.server'
import { createDisplayLink, revokeDisplayLink } from '~/features/live-meeting/displays.server'
import type { HallView, ScreenView } from '~/features/live-meeting/view.server'
import { rooms } from '~/core/rooms'
import { action as hallAction, loader as hallLoader } from '~/routes/meetings.$meetingId.live'
import { loader as screenLoader } from '~/routes/meetings.$meetingId.screen'
import { createHallFixture, createUser, formRequest, getRequest, sessionCookieFor } from '../factories'
import { joinLive, type LiveSocket, nextUpdate, openLiveSocket } from '../setup/live-client'
import { startTestServer } from '../setup/server'

let server: Awaited<ReturnType<typeof startTestServer>>
let hall: Awaited<ReturnType<typeof createHallFixture>>
let outsider: Awaited<ReturnType<typeof createUser>>
const sockets: { disconnect(): unknown }[] = []
const ctx = { ip: '127.0.0.1', cspNonce: '' }

beforeAll(async () => {
  server = await startTestServer()
  hall = await createHallFixture({ members: 3 })
  outsider = await createUser({ roles: ['delegate'] })
})
afterAll(async () => {
  sockets.forEach((s) => s.disconnect())
  await server.close()
})

const url = () => `/meetings/${hall.meetingId}/live`
async function post(userId: number, fields: Record<string, string>) {
  const res = (await hallAction({ request: formRequest(url(), fields, sessionCookieFor(userId)), params: { meetingId: String(hall.meetingId) }, context: ctx })) as Response
  return { status: res.status, body: (await res.json()) as { ok: boolean; formErrors?: string[]; fieldErrors?: Record<string, string[]>; token?: string } }
}
function code() {
  const secret = getDb().select().from(meetingSessions).where(eq(meetingSessions.meetingId, hall.meetingId)).get()!.checkinSecret
  return currentCheckinCode(secret, hall.meetingId).code
}
function api(path: string, userId: number, init: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { Cookie: sessionCookieFor(userId) }
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  if (init.method && init.method !== 'GET') headers.Origin = server.url
  return fetch(`${server.url}/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) })
}
async function socketFor(userId: number) {
  const s = await openLiveSocket(server.url, userId)
  sockets.push(s)
  return s
}

describe('the room page', () => {
  it('is not found for someone not on the meeting, and lets a delegate in without the console', async () => {
    const refused = await hallLoader({ request: getRequest(url(), sessionCookieFor(outsider.id)), params: { meetingId: String(hall.meetingId) }, context: ctx }).catch((r: Response) => r)
    expect((refused as Response).status).toBe(404)
    const res = (await hallLoader({ request: getRequest(url(), sessionCookieFor(hall.members[0]!.id)), params: { meetingId: String(hall.meetingId) }, context: ctx })) as Response
    const data = (await res.json()) as { me: { runs: boolean; participant: boolean }; console: unknown }
    expect(data.me).toMatchObject({ runs: false, participant: true })
    expect(data.console).toBeNull()
  })

  it('only the chair or the Office open the session; a delegate is told so and nothing changes', async () => {
    const refused = await post(hall.members[0]!.id, { intent: 'session.open' })
    expect(refused).toEqual({ status: 403, body: { ok: false, intent: 'session.open', formErrors: ['live.errors.forbidden'], fieldErrors: {} } })
    expect(getDb().select().from(meetingSessions).where(eq(meetingSessions.meetingId, hall.meetingId)).get()).toBeUndefined()
    expect(await post(hall.office.id, { intent: 'session.open' })).toMatchObject({ status: 200, body: { ok: true } })
    // A second click is refused with a message, not a second session.
    expect(await post(hall.chair.id, { intent: 'session.open' })).toMatchObject({ status: 409, body: { formErrors: ['live.errors.alreadyOpen'] } })
  })

  it('a wrong or malformed check-in code is reported beside the field; the right one checks in', async () => {
    const delegate = hall.members[0]!
    expect(await post(delegate.id, { intent: 'checkin', code: '12ab', rulesAcknowledged: 'on' })).toMatchObject({ status: 400, body: { fieldErrors: { code: ['live.errors.codeInvalid'] } } })
    const wrong = String((Number(code()) + 1) % 1_000_000).padStart(6, '0')
    expect(await post(delegate.id, { intent: 'checkin', code: wrong, rulesAcknowledged: 'on' })).toMatchObject({ status: 400, body: { fieldErrors: { code: ['live.errors.codeExpired'] } } })
    expect(await post(delegate.id, { intent: 'checkin', code: code() })).toMatchObject({ status: 400, body: { fieldErrors: { rulesAcknowledged: ['live.errors.rulesRequired'] } } })
    expect(await post(delegate.id, { intent: 'checkin', code: code(), rulesAcknowledged: 'on' })).toMatchObject({ status: 200, body: { ok: true } })
  })

  it('a delegate cannot give the floor, vote for someone else or reach the console; an unknown intent is refused', async () => {
    const delegate = hall.members[0]!
    expect(await post(delegate.id, { intent: 'speak.request', kind: 'normal' })).toMatchObject({ status: 200 })
    const speech = getDb().select().from(speeches).where(eq(speeches.meetingId, hall.meetingId)).get()!
    expect(await post(delegate.id, { intent: 'floor.give', speechId: String(speech.id) })).toMatchObject({ status: 403 })
    expect(await post(delegate.id, { intent: 'attendance.mark', userId: String(hall.members[1]!.id), state: 'present' })).toMatchObject({ status: 403 })
    expect(await post(delegate.id, { intent: 'display.create' })).toMatchObject({ status: 403 })
    expect(await post(delegate.id, { intent: 'drop.tables' })).toMatchObject({ status: 400 })
    expect(getDb().select().from(speeches).where(eq(speeches.meetingId, hall.meetingId)).get()!.state).toBe('waiting')
  })
})

describe('live: the room, the console and the big screen', () => {
  it('rooms are joined by the same rules: a delegate enters the hall but not the console or the screen; an outsider enters none', async () => {
    const delegate = await socketFor(hall.members[1]!.id)
    const stranger = await socketFor(outsider.id)
    const chair = await socketFor(hall.chair.id)
    expect(await delegate.emitWithAck('room.join', { room: rooms.hall(hall.meetingId) })).toEqual({ ok: true })
    expect(await delegate.emitWithAck('room.join', { room: rooms.console(hall.meetingId) })).toEqual({ ok: false, error: 'forbidden' })
    expect(await delegate.emitWithAck('room.join', { room: rooms.screen(hall.meetingId) })).toEqual({ ok: false, error: 'forbidden' })
    expect(await stranger.emitWithAck('room.join', { room: rooms.hall(hall.meetingId) })).toEqual({ ok: false, error: 'forbidden' })
    expect(await chair.emitWithAck('room.join', { room: rooms.console(hall.meetingId) })).toEqual({ ok: true })
  })

  it('giving the floor reaches the hall and the screen without a request; the hall never carries the check-in code', async () => {
    const delegate = await socketFor(hall.members[2]!.id)
    const snapshot = (await joinLive(delegate, rooms.hall(hall.meetingId))).data as HallView
    expect(snapshot.queue).toHaveLength(1)
    expect(JSON.stringify(snapshot)).not.toContain(code())
    const display = createDisplayLink({ meetingId: hall.meetingId, label: 'Hội trường A', actor: { id: hall.office.id } })
    const screen = connect(`${server.url}/display`, { transports: ['websocket'], auth: { token: display.token }, extraHeaders: { Origin: server.url }, forceNew: true, reconnection: false }) as unknown as LiveSocket
    sockets.push(screen)
    const first = await new Promise<ScreenView>((resolve) => screen.on('live.update', (u) => resolve(u.data as ScreenView)))
    expect(first.checkin?.code).toBe(code())
    expect(first.attendance.hereIds).toEqual([])

    const pushed = nextUpdate(delegate, rooms.hall(hall.meetingId))
    const onScreen = new Promise<ScreenView>((resolve) => screen.on('live.update', (u) => (u.data as ScreenView).floor && resolve(u.data as ScreenView)))
    expect(await post(hall.chair.id, { intent: 'floor.give' })).toMatchObject({ status: 200 })
    expect(((await pushed).data as HallView).floor).toMatchObject({ userId: hall.members[0]!.id, state: 'speaking' })
    expect((await onScreen).floor).toMatchObject({ userId: hall.members[0]!.id })

    // Revoking the link closes the screen; the token opens nothing afterwards.
    const closed = new Promise<string>((resolve) => screen.on('disconnect', (reason) => resolve(reason)))
    revokeDisplayLink({ meetingId: hall.meetingId, displayId: display.id, actor: { id: hall.office.id } })
    expect(await closed).toBe('io server disconnect')
    const refused = connect(`${server.url}/display`, { transports: ['websocket'], auth: { token: display.token }, extraHeaders: { Origin: server.url }, forceNew: true, reconnection: false })
    sockets.push(refused)
    expect(await new Promise((resolve) => refused.on('connect_error', (e) => resolve(e.message)))).toBe('unauthorized')
    const page = (await screenLoader({ request: getRequest(`/meetings/${hall.meetingId}/screen?key=${display.token}`), params: { meetingId: String(hall.meetingId) }, context: ctx })) as Response
    expect(page.status).toBe(404)
  })

  it('the server answers the clock sync with its time', async () => {
    const s = await socketFor(hall.members[1]!.id)
    const before = Date.now()
    const serverTime = await s.emitWithAck('clock.sync')
    expect(serverTime).toBeGreaterThanOrEqual(before - 5)
    expect(serverTime).toBeLessThanOrEqual(Date.now() + 5)
  })
})

describe('the API', () => {
  it('checks in, asks to speak, votes once, and reads attendance (names only for those who run it), speakers and votes', async () => {
    const member = hall.members[1]!
    let res = await api(`/meetings/${hall.meetingId}/checkin`, member.id, { method: 'POST', body: { code: '999999x', rulesAcknowledged: true } })
    expect(res.status).toBe(400)
    res = await api(`/meetings/${hall.meetingId}/checkin`, member.id, { method: 'POST', body: { code: code(), rulesAcknowledged: true } })
    expect(await res.json()).toEqual({ already: false, state: 'present' })
    res = await api(`/meetings/${hall.meetingId}/speakers`, member.id, { method: 'POST', body: { kind: 'debate', note: 'Phản biện số liệu' } })
    expect(res.status).toBe(201)
    res = await api(`/meetings/${hall.meetingId}/speakers`, member.id, { method: 'POST', body: { kind: 'normal' } })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Đã có đăng ký phát biểu đang chờ ở nội dung này.')

    expect(await post(hall.chair.id, { intent: 'vote.open', question: 'Thông qua chủ trương', secret: 'on' })).toMatchObject({ status: 200 })
    const votes = (await (await api(`/meetings/${hall.meetingId}/votes`, member.id)).json()) as { items: { id: number; state: string; results: unknown }[] }
    const open = votes.items.find((v) => v.state === 'open')!
    expect(open.results).toBeNull()
    expect((await api(`/meetings/${hall.meetingId}/votes/${open.id}/ballots`, member.id, { method: 'POST', body: { choice: 'yes' } })).status).toBe(204)
    res = await api(`/meetings/${hall.meetingId}/votes/${open.id}/ballots`, member.id, { method: 'POST', body: { choice: 'no' } })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Đồng chí đã biểu quyết; mỗi người chỉ biểu quyết một lần.')
    expect((await api(`/meetings/${hall.meetingId}/votes/${open.id}/ballots`, member.id, { method: 'POST', body: { choice: 'maybe' } })).status).toBe(400)
    // Not checked in: not entitled.
    res = await api(`/meetings/${hall.meetingId}/votes/${open.id}/ballots`, hall.chair.id, { method: 'POST', body: { choice: 'yes' } })
    expect(res.status).toBe(409)

    const asMember = (await (await api(`/meetings/${hall.meetingId}/attendance`, member.id)).json()) as { summary: { presentMembers: number }; people: unknown }
    expect(asMember).toMatchObject({ summary: { presentMembers: 2 }, people: null })
    const asOffice = (await (await api(`/meetings/${hall.meetingId}/attendance`, hall.office.id)).json()) as { people: { userId: number; attendance: { state: string } | null }[] }
    expect(asOffice.people.find((p) => p.userId === member.id)?.attendance?.state).toBe('present')
    expect((await api(`/meetings/${hall.meetingId}/attendance`, member.id, { method: 'POST', body: { userId: hall.chair.id, state: 'present' } })).status).toBe(403)
    expect((await api(`/meetings/${hall.meetingId}/speakers`, outsider.id)).status).toBe(404)
    const speakers = (await (await api(`/meetings/${hall.meetingId}/speakers`, member.id)).json()) as { floor: { userId: number }; queue: { userId: number; kind: string }[] }
    expect(speakers.floor.userId).toBe(hall.members[0]!.id)
    expect(speakers.queue).toEqual([expect.objectContaining({ userId: member.id, kind: 'debate' })])
  })
})
