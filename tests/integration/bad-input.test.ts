import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '#db/client'
import { meetings, programmes, taskEvents, units } from '#db/schema'
import { action as loginAction } from '~/routes/login'
import { action as programmeAction } from '~/routes/_app.programme._index'
import { createMeetingType, createTask, createUnit, createUser, formRequest, sessionCookieFor } from '../factories'
import { startTestServer } from '../setup/server'
import { domainErrorResponse } from '~/core/http.server'

/**
 * A corpus of hostile inputs (the classes the probe found, and more) sent to the JSON API and to
 * page forms: no answer may be a 5xx, and nothing unsafe may be stored.
 */
const strings: unknown[] = [
  '',
  ' ',
  'x'.repeat(100_000),
  'a\u0000b',
  '\u0000',
  '\ud800',
  'tail\udfff',
  'hoso\u202efdp.exe',
  '\u200b\u200b\ufeff',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE meetings; --",
  '%00',
  '{{7*7}}',
  '${process.exit()}',
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '\r\nSet-Cookie: x=1',
  'Nguye\u0302\u0303n',
  '🇻🇳'.repeat(1000),
  'ǅ'.repeat(500),
  '\u0301\u0301\u0301',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  '0x10',
  '1e309',
  'NaN',
  '-0',
  'Infinity',
  '__proto__',
  'constructor',
  123,
  -1,
  0,
  Number.POSITIVE_INFINITY,
  2 ** 63,
  true,
  null,
  [],
  ['a', 'b'],
  {},
  { __proto__: { admin: true } },
  { $gt: '' },
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '1900-01-01',
]

let server: Awaited<ReturnType<typeof startTestServer>>
let officeCookie: string
let officerCookie: string
let taskId: number
let meetingTypeId: number
let chairId: number
let adminCookie: string
let officer: Awaited<ReturnType<typeof createUser>>
let office: Awaited<ReturnType<typeof createUser>>
const statuses: { target: string; input: string; status: number }[] = []

beforeAll(async () => {
  server = await startTestServer()
  office = await createUser({ roles: ['office'] })
  const admin = await createUser({ roles: ['admin'] })
  const chair = await createUser({ roles: ['chair'] })
  const unit = createUnit({ name: 'Ban Dân vận (đầu vào)' })
  officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
  officeCookie = sessionCookieFor(office.id)
  adminCookie = sessionCookieFor(admin.id)
  officerCookie = sessionCookieFor(officer.id)
  chairId = chair.id
  meetingTypeId = createMeetingType().id
  taskId = (await createTask({ leadUnitId: unit.id, deadline: '2099-12-31' })).id
})
afterAll(() => server.close())

async function api(target: string, method: string, path: string, cookie: string, body: unknown, raw?: string) {
  const text = raw ?? JSON.stringify(body) ?? ''
  const res = await fetch(`${server.url}/api/v1${path}`, { method, headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/json' }, body: method === 'GET' ? undefined : text })
  const reply = await res.text()
  statuses.push({ target, input: text.slice(0, 60), status: res.status })
  if (res.status >= 400) expect(() => JSON.parse(reply), `${target}: the usual error shape`).not.toThrow()
  return res.status
}

async function form(target: string, run: () => Promise<unknown>, input: string) {
  let status = 200
  try {
    const res = (await run()) as Response
    status = res.status
  } catch (error) {
    const thrown = domainErrorResponse(error)
    if (!(thrown instanceof Response)) throw thrown
    status = thrown.status
  }
  statuses.push({ target, input: input.slice(0, 60), status })
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v))
/** A query value as a browser would send it; a lone surrogate becomes bytes that are not UTF-8. */
const query = (v: string) => {
  try {
    return encodeURIComponent(v)
  } catch {
    return '%ED%A0%80'
  }
}

describe('a corpus of hostile inputs', () => {
  it('never gets a 5xx from the API or the page forms', async () => {
    for (const v of strings) {
      await api('POST /meetings', 'POST', '/meetings', officeCookie, { title: v, meetingTypeId, offProgrammeReason: v, chairUserId: chairId, date: typeof v === 'string' && /^\d{4}-/.test(v) ? v : '2027-09-01', startTime: '08:00', endTime: '10:00', mode: 'in_person', location: v })
      await api('POST /tasks/:id/progress', 'POST', `/tasks/${taskId}/progress`, officerCookie, { percent: typeof v === 'number' ? v : 10, text: v })
      await api('POST /units', 'POST', '/units', adminCookie, { name: v, code: typeof v === 'string' ? v.slice(0, 30) : v, kind: 'other' })
      await api('GET /users?q=', 'GET', `/users?q=${query(show(v).slice(0, 500))}`, officeCookie, undefined)
      await form('login form', () => loginAction({ request: formRequest('/login', { username: show(v).slice(0, 5000), password: show(v).slice(0, 5000), redirectTo: show(v).slice(0, 5000) }), params: {}, context: { ip: '10.20.30.40' } }), show(v))
    }
    // Broken bodies and strange requests.
    const broken = ['{', '[', '{"title":', 'null', '"x"', '1', '[]', '{"a":'.repeat(5_000), '['.repeat(10_000) + ']'.repeat(10_000), '{"__proto__": {"admin": true}, "name": "x", "code": "PROTO", "kind": "other"}']
    for (const b of broken) await api('POST /units (broken body)', 'POST', '/units', adminCookie, undefined, b)
    for (const p of ['/meetings/0x10', '/meetings/-1', '/meetings/99999999999999999999', '/tasks/1e3', '/documents/%00/file', '/meetings?from=x&to=y', '/meetings?from=9999-12-31T00:00:00Z&to=9999-12-31T01:00:00Z', '/users?page=-1', '/users?pageSize=100000000', '/tasks?limit=1e9'])
      await api(`GET ${p}`, 'GET', p, officeCookie, undefined)
    for (const v of strings.slice(0, 30))
      await form('programme form', () => programmeAction({ request: formRequest('/programme', { title: show(v).slice(0, 20_000), issuingUnitId: show(v), year: show(v), period: show(v) }, officeCookie), params: {}, context: { ip: '10.0.0.9' } }), show(v))

    expect(statuses.length).toBeGreaterThanOrEqual(200)
    expect(statuses.filter((s) => s.status >= 500)).toEqual([])
  })

  it('stores nothing unsafe: no NUL, lone surrogate, direction override or invisible-only text', () => {
    const db = getDb()
    const texts = [
      ...db.select({ t: meetings.title }).from(meetings).all(),
      ...db.select({ t: meetings.location }).from(meetings).all(),
      ...db.select({ t: units.name }).from(units).all(),
      ...db.select({ t: programmes.title }).from(programmes).all(),
      ...db.select({ t: taskEvents.text }).from(taskEvents).all(),
    ].flatMap((r) => (r.t ? [r.t] : []))
    expect(texts.length).toBeGreaterThan(0)
    // eslint-disable-next-line no-control-regex
    const unsafe = texts.filter((t) => /[\u0000\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t) || t.replace(/[\u200b\u2060\ufeff\s]/g, '') === '')
    expect(unsafe).toEqual([])
  })
})
