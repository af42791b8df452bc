import { io as connect, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { distributeDocuments } from '~/features/documents/index.server'
import { createMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { loader as meetingPage } from '~/routes/_app.meetings.$meetingId'
import { loader as documentsPage } from '~/routes/_app.meetings.$meetingId_.documents'
import { loader as documentPage } from '~/routes/_app.documents.$documentId'
import { loader as taskPage } from '~/routes/_app.tasks.$taskId'
import { loader as usersPage } from '~/routes/_app.admin.users._index'
import { loader as unitsPage } from '~/routes/_app.admin.units._index'
import { action as meetingTypesAction } from '~/routes/_app.meeting-types'
import { loader as dashboardPage } from '~/routes/_app.dashboard'
import { action as uploadAction } from '~/routes/meetings.$meetingId.documents.upload'
import { createIssuedConclusion, createMeetingType, createTask, createUnit, createUser, multipartRequest, sessionCookieFor } from '../factories'
import { pdfBytes } from '../setup/mail-files'
import { startTestServer } from '../setup/server'
import { domainErrorResponse } from '~/core/http.server'

/**
 * Who may do what, walked as a table written here by hand (not derived from the permission
 * module): ten kinds of person × thirty things to reach, through the JSON API, the pages' loaders
 * and the socket rooms — 300 cases. `Y` means the request is served (whatever its outcome: 200,
 * 400 or 409), `N` that it is refused (401, 403, a redirect to sign-in, or a refused room).
 */
const ROLES = ['admin', 'office', 'chair', 'otherChair', 'delegateIn', 'delegateOut', 'officerL', 'officerO', 'supervisor', 'anonymous'] as const
type RoleName = (typeof ROLES)[number]

//                                                         adm off cha oCh dIn dOu oL  oO  sup anon
const TABLE: [string, string][] = [
  ['api GET meeting', /*                                */ 'Y   Y   Y   Y   Y   N   N   N   Y   N'],
  ['api GET meeting documents', /*                      */ 'N   Y   Y   N   Y   N   N   N   N   N'],
  ['api GET document file', /*                          */ 'N   Y   Y   N   Y   N   N   N   N   N'],
  ['api GET restricted document file', /*               */ 'N   Y   N   N   Y   N   N   N   N   N'],
  ['api GET readiness', /*                              */ 'N   Y   Y   N   N   N   N   N   N   N'],
  ['api GET task', /*                                   */ 'Y   Y   Y   Y   N   N   Y   N   Y   N'],
  ['api POST task progress', /*                         */ 'N   N   N   N   N   N   Y   N   N   N'],
  ['api POST completion decision', /*                   */ 'N   Y   Y   N   N   N   N   N   N   N'],
  ['api POST unit', /*                                  */ 'Y   N   N   N   N   N   N   N   N   N'],
  ['api GET users', /*                                  */ 'Y   Y   Y   Y   Y   Y   Y   Y   Y   N'],
  ['api POST invitations', /*                           */ 'N   Y   N   N   N   N   N   N   N   N'],
  ['page meeting', /*                                   */ 'Y   Y   Y   Y   Y   N   N   N   Y   N'],
  ['page meeting documents', /*                         */ 'N   Y   Y   N   Y   N   N   N   N   N'],
  ['page restricted document', /*                       */ 'N   Y   N   N   Y   N   N   N   N   N'],
  ['page task', /*                                      */ 'Y   Y   Y   Y   N   N   Y   N   Y   N'],
  ['page admin users', /*                               */ 'Y   N   N   N   N   N   N   N   N   N'],
  ['page admin units', /*                               */ 'Y   N   N   N   N   N   N   N   N   N'],
  ['page meeting types: change a rule', /*              */ 'Y   Y   N   N   N   N   N   N   N   N'],
  ['page dashboard of the meeting', /*                  */ 'Y   Y   Y   Y   Y   N   N   N   Y   N'],
  ['page dashboard of the chair as leader', /*          */ 'Y   Y   Y   Y   N   N   N   N   Y   N'],
  ['page dashboard of the lead unit', /*                */ 'Y   Y   Y   Y   N   N   Y   N   Y   N'],
  ['room meeting', /*                                   */ 'Y   Y   Y   Y   Y   N   N   N   Y   N'],
  ['room documents', /*                                 */ 'N   Y   Y   N   Y   N   N   N   N   N'],
  ['room readiness', /*                                 */ 'N   Y   Y   N   N   N   N   N   N   N'],
  ['room task', /*                                      */ 'Y   Y   Y   Y   N   N   Y   N   Y   N'],
  ['room whole-body dashboard', /*                      */ 'Y   Y   Y   Y   N   N   N   N   Y   N'],
  ['room lead unit', /*                                 */ 'Y   Y   Y   Y   N   N   Y   N   Y   N'],
  ['room chair as leader', /*                           */ 'Y   Y   Y   Y   N   N   N   N   Y   N'],
  ['room meeting tasks', /*                             */ 'Y   Y   Y   Y   Y   N   N   N   Y   N'],
  ['room conclusion', /*                                */ 'Y   Y   Y   Y   Y   N   N   N   Y   N'],
]

let server: Awaited<ReturnType<typeof startTestServer>>
const people = {} as Record<Exclude<RoleName, 'anonymous'>, Awaited<ReturnType<typeof createUser>>>
const cookies = {} as Record<RoleName, string | undefined>
const sockets = new Map<RoleName, Socket | null>()
let ids: { meeting: number; normalDoc: number; restrictedDoc: number; task: number; lead: number }

beforeAll(async () => {
  server = await startTestServer()
  const lead = createUnit({ name: 'Ban Tổ chức (phân quyền)' })
  const other = createUnit({ name: 'Sở Y tế (phân quyền)' })
  Object.assign(people, {
    admin: await createUser({ roles: ['admin'] }),
    office: await createUser({ roles: ['office'] }),
    chair: await createUser({ roles: ['chair'] }),
    otherChair: await createUser({ roles: ['chair'] }),
    delegateIn: await createUser({ roles: ['delegate'] }),
    delegateOut: await createUser({ roles: ['delegate'] }),
    officerL: await createUser({ roles: ['unit_officer'], unitId: lead.id }),
    officerO: await createUser({ roles: ['unit_officer'], unitId: other.id }),
    supervisor: await createUser({ roles: ['supervisor'] }),
  })
  for (const role of ROLES) cookies[role] = role === 'anonymous' ? undefined : sessionCookieFor(people[role].id)
  const meeting = createMeeting({ input: { title: 'Họp phân quyền', meetingTypeId: createMeetingType({ documentLeadDays: 0 }).id, programmeItemId: null, offProgrammeReason: 'Kiểm thử', urgent: true, chairUserId: people.chair.id, startsAt: vietnamInstant('2099-01-05', '08:00'), endsAt: vietnamInstant('2099-01-05', '10:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [people.delegateIn.id], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: people.office.id } })
  const upload = async (fields: Record<string, string>) => {
    const res = (await uploadAction({ request: multipartRequest(`/meetings/${meeting}/documents/upload`, fields, [{ field: 'file', name: 'tai-lieu.pdf', bytes: await pdfBytes(fields.title!) }], cookies.office), params: { meetingId: String(meeting) }, context: { ip: '127.0.0.1' } })) as Response
    return ((await res.json()) as { documentId: number }).documentId
  }
  const normalDoc = await upload({ title: 'Báo cáo chung', kind: 'bao_cao' })
  const restrictedDoc = await upload({ title: 'Phương án nhân sự', kind: 'to_trinh', restricted: 'on', readerIds: String(people.delegateIn.id) })
  distributeDocuments({ meetingId: meeting, who: { id: people.office.id }, reason: null })
  const conclusion = await createIssuedConclusion({ meetingId: meeting })
  const task = (await createTask({ conclusionId: conclusion.id, leadUnitId: lead.id, followingLeaderId: people.chair.id, deadline: '2099-12-31' })).id
  ids = { meeting, normalDoc, restrictedDoc, task, lead: lead.id }
})
afterAll(async () => {
  for (const s of sockets.values()) s?.disconnect()
  await server.close()
})

async function api(role: RoleName, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { Origin: server.url }
  if (cookies[role]) headers.Cookie = cookies[role]!
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  const res = await fetch(`${server.url}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  await res.arrayBuffer()
  return ![401, 403].includes(res.status)
}

type Loader = (args: { request: Request; params: Record<string, string>; context: { ip: string } }) => Promise<unknown>
async function page(role: RoleName, loader: Loader, url: string, params: Record<string, string> = {}, form?: URLSearchParams) {
  const headers: Record<string, string> = cookies[role] ? { Cookie: cookies[role]! } : {}
  const request = form
    ? new Request(`http://localhost:3000${url}`, { method: 'POST', body: form, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000' } })
    : new Request(`http://localhost:3000${url}`, { headers })
  try {
    const res = (await loader({ request, params, context: { ip: '127.0.0.1' } })) as Response
    return !(res.status >= 300 && res.status < 400 && (res.headers.get('Location') ?? '').startsWith('/login'))
  } catch (error) {
    const thrown = domainErrorResponse(error)
    if (!(thrown instanceof Response)) throw thrown
    if (thrown.status === 401 || thrown.status === 403) return false
    if (thrown.status >= 300 && thrown.status < 400) return !(thrown.headers.get('Location') ?? '').startsWith('/login')
    return true
  }
}

async function socketOf(role: RoleName) {
  if (!sockets.has(role)) {
    if (!cookies[role]) sockets.set(role, null)
    else {
      const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { Cookie: cookies[role]!, Origin: server.url }, reconnection: false, forceNew: true })
      await new Promise((resolve) => socket.once('session.ready', resolve))
      sockets.set(role, socket)
    }
  }
  return sockets.get(role)!
}
async function room(role: RoleName, name: string) {
  const socket = await socketOf(role)
  if (!socket) return false
  const ack = await socket.emitWithAck('room.join', { room: name })
  if (ack.ok) await socket.emitWithAck('room.leave', { room: name })
  return ack.ok
}

const actions: Record<string, (role: RoleName) => Promise<boolean>> = {
  'api GET meeting': (r) => api(r, 'GET', `/meetings/${ids.meeting}`),
  'api GET meeting documents': (r) => api(r, 'GET', `/meetings/${ids.meeting}/documents`),
  'api GET document file': (r) => api(r, 'GET', `/documents/${ids.normalDoc}/file`),
  'api GET restricted document file': (r) => api(r, 'GET', `/documents/${ids.restrictedDoc}/file`),
  'api GET readiness': (r) => api(r, 'GET', `/meetings/${ids.meeting}/readiness`),
  'api GET task': (r) => api(r, 'GET', `/tasks/${ids.task}`),
  'api POST task progress': (r) => api(r, 'POST', `/tasks/${ids.task}/progress`, { percent: 10, text: 'Báo cáo phân quyền' }),
  'api POST completion decision': (r) => api(r, 'POST', `/tasks/${ids.task}/completion-decision`, { approve: true }),
  'api POST unit': (r) => api(r, 'POST', '/units', { name: `Đơn vị của ${r}`, code: `PQ_${r.toUpperCase()}`, kind: 'other' }),
  'api GET users': (r) => api(r, 'GET', '/users'),
  'api POST invitations': (r) => api(r, 'POST', `/meetings/${ids.meeting}/invitations`, {}),
  'page meeting': (r) => page(r, meetingPage as Loader, `/meetings/${ids.meeting}`, { meetingId: String(ids.meeting) }),
  'page meeting documents': (r) => page(r, documentsPage as Loader, `/meetings/${ids.meeting}/documents`, { meetingId: String(ids.meeting) }),
  'page restricted document': (r) => page(r, documentPage as Loader, `/documents/${ids.restrictedDoc}`, { documentId: String(ids.restrictedDoc) }),
  'page task': (r) => page(r, taskPage as Loader, `/tasks/${ids.task}`, { taskId: String(ids.task) }),
  'page admin users': (r) => page(r, usersPage as Loader, '/admin/users'),
  'page admin units': (r) => page(r, unitsPage as Loader, '/admin/units'),
  'page meeting types: change a rule': (r) => page(r, meetingTypesAction as Loader, '/meeting-types', {}, new URLSearchParams({ intent: 'update' })),
  'page dashboard of the meeting': (r) => page(r, dashboardPage as Loader, `/dashboard?meeting=${ids.meeting}`),
  'page dashboard of the chair as leader': (r) => page(r, dashboardPage as Loader, `/dashboard?leader=${people.chair.id}`),
  'page dashboard of the lead unit': (r) => page(r, dashboardPage as Loader, `/dashboard?unit=${ids.lead}`),
  'room meeting': (r) => room(r, `meeting:${ids.meeting}`),
  'room documents': (r) => room(r, `documents:${ids.meeting}`),
  'room readiness': (r) => room(r, `readiness:${ids.meeting}`),
  'room task': (r) => room(r, `task:${ids.task}`),
  'room whole-body dashboard': (r) => room(r, 'dashboard:0'),
  'room lead unit': (r) => room(r, `unit:${ids.lead}`),
  'room chair as leader': (r) => room(r, `leader:${people.chair.id}`),
  'room meeting tasks': (r) => room(r, `meetingTasks:${ids.meeting}`),
  'room conclusion': (r) => room(r, `conclusion:${ids.meeting}`),
}

describe('the authorization table: 10 kinds of person × 30 things, through API, pages and socket rooms', () => {
  it('has 300 cases', () => {
    expect(TABLE.length * ROLES.length).toBe(300)
    expect(Object.keys(actions).sort()).toEqual(TABLE.map(([a]) => a).sort())
  })

  it.each(TABLE)('%s', async (action, row) => {
    const expected = row.split(/\s+/)
    const got: string[] = []
    for (const role of ROLES) got.push((await actions[action]!(role)) ? 'Y' : 'N')
    expect(Object.fromEntries(ROLES.map((r, i) => [r, got[i]]))).toEqual(Object.fromEntries(ROLES.map((r, i) => [r, expected[i]])))
  })
})
