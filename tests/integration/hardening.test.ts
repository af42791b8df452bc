import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeRedirect } from '~/features/directory/index.server'
import { boundedForm, FORM_LIMITS } from '~/core/forms.server'
import { action as loginAction } from '~/routes/login'
import { action as programmeAction } from '~/routes/_app.programme._index'
import { createMeetingType, createUser, formRequest, sessionCookieFor, TEST_PASSWORD } from '../factories'
import { startTestServer } from '../setup/server'

let server: Awaited<ReturnType<typeof startTestServer>>
beforeAll(async () => {
  server = await startTestServer({ MAX_FORM_KB: '64' })
})
afterAll(() => server.close())

/** A raw HTTP request, so the test controls the headers (Content-Length, Transfer-Encoding). */
function raw(path: string, options: { method?: string; headers: Record<string, string>; body?: string; chunked?: boolean }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method: options.method ?? 'POST', headers: { Origin: server.url, ...options.headers } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    if (options.chunked) {
      req.write(options.body ?? '')
      req.end()
    } else req.end(options.body)
  })
}

describe('anyone, without an account, cannot make the server build or send huge answers', () => {
  it('a form field with a huge list index is refused at once, with a short answer (login included)', async () => {
    const started = performance.now()
    let thrown: unknown
    try {
      await loginAction({ request: formRequest('/login', { 'x[10000000]': '1', username: 'ai', password: 'x' }), params: {}, context: { ip: '10.9.9.9' } })
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(Response)
    const response = thrown as Response
    expect(response.status).toBe(413)
    expect((await response.text()).length).toBeLessThan(200)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('too many fields, a long field name or an index past the limit are refused; ordinary lists pass', () => {
    const many = new FormData()
    for (let i = 0; i <= FORM_LIMITS.entries; i++) many.append(`f${i}`, 'x')
    expect(() => boundedForm(many)).toThrow()
    const longName = new FormData()
    longName.append('x'.repeat(FORM_LIMITS.nameLength + 1), '1')
    expect(() => boundedForm(longName)).toThrow()
    const deep = new FormData()
    deep.append('agenda[1001].title', 'Mục')
    expect(() => boundedForm(deep)).toThrow()
    const fine = new FormData()
    fine.append('agenda[0].title', 'Báo cáo tình hình')
    fine.append('agenda[999].title', 'Mục cuối')
    expect([...boundedForm(fine).keys()]).toEqual(['agenda[0].title', 'agenda[999].title'])
  })

  it('a rejected value is echoed cut to a bounded prefix, and the user is still told it is too long', async () => {
    const office = await createUser({ roles: ['office'] })
    const response = (await programmeAction({
      request: formRequest('/programme', { title: 'T'.repeat(200_000), issuingUnitId: '1', year: '2026', period: 'year' }, sessionCookieFor(office.id)),
      params: {},
      context: { ip: '10.0.0.1' },
    })) as Response
    expect(response.status).toBe(400)
    const text = await response.text()
    expect(text.length).toBeLessThan(FORM_LIMITS.valueChars + 2000)
    expect(text).toContain('validation.')
  })

  it('a page form body above MAX_FORM_KB is answered 413 before it is read; a chunked one of unknown length 411', async () => {
    const big = await raw('/login', { headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(65 * 1024) }, body: 'u='.padEnd(65 * 1024, 'a') })
    expect(big.status).toBe(413)
    expect(big.body).toBe('Dữ liệu gửi lên quá lớn.')
    const chunked = await raw('/login', { headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' }, body: 'username=a', chunked: true })
    expect(chunked.status).toBe(411)
  })

  it('the JSON API: too large is 413 in the usual error shape; a bogus charset is 415, not 500', async () => {
    const user = await createUser()
    const cookie = sessionCookieFor(user.id)
    const big = await raw('/api/v1/meetings', { headers: { Cookie: cookie, 'Content-Type': 'application/json', 'Content-Length': String(70 * 1024) }, body: JSON.stringify({ title: 'x'.repeat(70 * 1024 - 13) }) })
    expect(big.status).toBe(413)
    expect(JSON.parse(big.body)).toEqual({ error: { code: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn.' } })
    const bogus = await raw('/api/v1/tasks/1/progress', { headers: { Cookie: cookie, 'Content-Type': 'application/json; charset=bogus', 'Content-Length': '2' }, body: '{}' })
    expect(bogus.status).toBe(415)
    expect(JSON.parse(bogus.body).error.code).toBe('unsupported_media_type')
  })

  it('a __proto__ or constructor key in a strict API body is named as an unknown field (400), not a crash', async () => {
    const user = await createUser({ roles: ['unit_officer'] })
    const cookie = sessionCookieFor(user.id)
    const body = '{"percent": 10, "text": "Báo cáo", "__proto__": {"x": 1}, "constructor": 1}'
    const res = await raw('/api/v1/tasks/999999/progress', { headers: { Cookie: cookie, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) }, body })
    expect(res.status).toBe(400)
    const reply = JSON.parse(res.body) as { error: { code: string; fields: Record<string, string[]> } }
    expect(reply.error.code).toBe('validation_failed')
    expect(Object.keys(reply.error.fields).sort()).toEqual(['__proto__', 'constructor'])
  })
})

describe('after sign-in, only same-site paths', () => {
  it.each([
    ['/\t/evil.example/', '/'],
    ['/\n/evil.example', '/'],
    ['//evil.example/phish', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/tasks?status=overdue#top', '/tasks?status=overdue#top'],
    ['/meetings/12/documents', '/meetings/12/documents'],
  ])('%j → %j', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected)
  })

  it('a newline in redirectTo signs in and goes home: no 500 after the session was created', async () => {
    const user = await createUser({ username: 'chuyenhuong.test' })
    const response = (await loginAction({ request: formRequest('/login', { username: user.username, password: TEST_PASSWORD, redirectTo: '/tasks\r\nSet-Cookie: x=1' }), params: {}, context: { ip: '10.7.7.7' } })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
  })
})

describe('slow or greedy clients cannot hold the server’s sockets', () => {
  it('a client that never finishes its headers is cut off; one address may hold only so many connections', async () => {
    const { execFile } = await import('node:child_process')
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', 'tests/setup/slow-client.ts'], { timeout: 15_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
    )
    const result = JSON.parse(out) as { lorisMs: number; lorisAnswer: string; heldOpen: boolean; fourthClosed: boolean }
    expect(result.lorisAnswer).toBe('HTTP/1.1 408 Request Timeout')
    expect(result.lorisMs).toBeLessThan(3_000)
    expect(result.heldOpen).toBe(true)
    expect(result.fourthClosed).toBe(true)
  })
})

describe('inputs that used to answer 5xx get a 4xx with the usual error shape', () => {
  async function post(path: string, cookie: string, body: unknown) {
    const text = JSON.stringify(body)
    return raw(path, { headers: { Cookie: cookie, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }, body: text })
  }
  async function meetingBody() {
    const chair = await createUser({ roles: ['chair'] })
    return { title: 'Họp kiểm thử đầu vào', meetingTypeId: createMeetingType().id, offProgrammeReason: 'Kiểm thử', chairUserId: chair.id, date: '2027-06-01', startTime: '08:00', endTime: '10:00', mode: 'in_person', location: 'Phòng 1' }
  }

  it('10,000 agenda items: 400 naming the list, nothing saved', async () => {
    const office = await createUser({ roles: ['office'] })
    const res = await post('/api/v1/meetings', sessionCookieFor(office.id), { ...(await meetingBody()), agenda: Array.from({ length: 10_000 }, (_, i) => ({ title: `Mục ${i}` })) })
    // 10,000 items fit under MAX_FORM_KB=64 only partly: either way a 4xx in the usual shape.
    expect([400, 413]).toContain(res.status)
    expect(JSON.parse(res.body).error.code).toMatch(/validation_failed|payload_too_large/)
    const fits = await post('/api/v1/meetings', sessionCookieFor(office.id), { ...(await meetingBody()), agenda: Array.from({ length: 101 }, (_, i) => ({ title: `M${i}` })) })
    expect(fits.status).toBe(400)
    expect(JSON.parse(fits.body).error.fields.agenda).toEqual(['Danh sách quá dài.'])
  })

  it('an unknown id for the preparing unit, a presenter or a member: 400 beside that field, not a foreign-key failure', async () => {
    const office = await createUser({ roles: ['office'] })
    const cookie = sessionCookieFor(office.id)
    const base = await meetingBody()
    for (const [patch, field] of [
      [{ preparingUnitId: 987654 }, 'preparingUnitId'],
      [{ agenda: [{ title: 'Báo cáo', presenterUserId: 987654 }] }, 'agenda[0].presenterUserId'],
      [{ agenda: [{ title: 'Báo cáo', presenterUnitId: 987654 }] }, 'agenda[0].presenterUnitId'],
      [{ memberUserIds: [987654] }, 'memberUserIds'],
    ] as const) {
      const res = await post('/api/v1/meetings', cookie, { ...base, ...patch })
      expect(res.status, field).toBe(400)
      expect(JSON.parse(res.body).error.fields, field).toEqual({ [field]: ['Mục đã chọn không còn tồn tại.'] })
    }
  })

  it('dates out of the years the product deals in: 400 in the API, the schedule falls back to this week', async () => {
    const office = await createUser({ roles: ['office'] })
    const cookie = sessionCookieFor(office.id)
    const far = await post('/api/v1/meetings', cookie, { ...(await meetingBody()), date: '9999-12-31' })
    expect(far.status).toBe(400)
    expect(JSON.parse(far.body).error.fields.date).toEqual([expect.stringMatching(/^Ngày/)])
    const list = await raw('/api/v1/meetings?from=9999-12-31T00:00:00%2B07:00&to=9999-12-31T23:00:00%2B07:00', { method: 'GET', headers: { Cookie: cookie } })
    expect(list.status).toBe(400)
    const { loader: scheduleLoader } = await import('~/routes/_app.schedule')
    const page = (await scheduleLoader({ request: new Request('http://localhost:3000/schedule?week=9999-12-31', { headers: { Cookie: cookie } }), params: {}, context: { ip: '127.0.0.1' } })) as Response
    expect(page.status).toBe(200)
    const { isValidDate } = await import('~/core/days')
    expect([isValidDate('1900-01-01'), isValidDate('9999-12-31'), isValidDate('2026-02-30'), isValidDate('2026-12-01')]).toEqual([false, false, false, true])
  })

  it('route ids are plain decimal numbers: "0x10" is not 16', async () => {
    const { parseId } = await import('~/core/schemas')
    expect(['0x10', '1e3', ' 7', '007', '-1', '16'].map((v) => parseId(v))).toEqual([null, null, null, null, null, 16])
  })
})

describe('documents and exports that cost the server', () => {
  const cell = (colspan: number) => ({ type: 'tableCell', attrs: { colspan, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ô' }] }] })
  const withTable = (colspan: number) => ({ type: 'doc', content: [{ type: 'table', content: [{ type: 'tableRow', content: [cell(colspan)] }] }] })

  it('a table cell spanning 100,000 columns is refused when saved, and clamped if one was stored before', async () => {
    const { sanitizeConclusion, renderConclusionHtml } = await import('~/features/conclusions/index.server')
    expect(() => sanitizeConclusion(withTable(100_000))).toThrow('conclusion.tableTooLarge')
    expect(() => sanitizeConclusion(withTable(3))).not.toThrow()
    const started = performance.now()
    const html = renderConclusionHtml(withTable(100_000), { unitName: () => undefined, userName: () => undefined })
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(html).toContain('colspan="20"')
  })

  it('one person may ask for only so many DOCX/PDF exports a minute (429 after that)', async () => {
    const user = await createUser()
    const cookie = sessionCookieFor(user.id)
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await raw('/meetings/1/conclusion.pdf', { method: 'GET', headers: { Cookie: cookie } })).status)
    expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true)
    expect(statuses[10]).toBe(429)
    // Someone else is not affected.
    expect((await raw('/meetings/1/conclusion.pdf', { method: 'GET', headers: { Cookie: sessionCookieFor((await createUser()).id) } })).status).not.toBe(429)
  })
})

describe('text is stored clean', () => {
  it('a title of zero-width characters is empty; NUL bytes and direction overrides never reach the database', async () => {
    const { requiredText } = await import('~/core/schemas')
    const title = requiredText(200)
    expect(title.safeParse('\u200b\u200b\ufeff').error?.issues[0]?.message).toBe('validation.required')
    expect(title.parse('Họp\u0000 giao ban\u202e')).toBe('Họp giao ban')
    const { displayName } = await import('~/core/files.server')
    expect(displayName('bao-cao\u202Efdp.exe')).toBe('bao-caofdp.exe')
    expect(displayName('../../etc/\u0000passwd')).toBe('passwd')
  })
})

describe('numbers in page forms are plain decimals', () => {
  it('"0x10", "1e1" or "Infinity" as a progress percentage is refused beside the field; "16" is taken', async () => {
    const { createTask: makeTask, createUnit: makeUnit } = await import('../factories')
    const { action: taskAction } = await import('~/routes/_app.tasks.$taskId')
    const { getTask } = await import('~/features/tasks/index.server')
    const unit = makeUnit({ name: 'Ban Nội chính (số)' })
    const officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
    const { id } = await makeTask({ leadUnitId: unit.id, deadline: '2099-12-31' })
    const post = (percent: string) =>
      taskAction({ request: formRequest(`/tasks/${id}`, { intent: 'progress', percent, text: 'Báo cáo tiến độ' }, sessionCookieFor(officer.id)), params: { taskId: String(id) }, context: { ip: '10.0.0.1' } }) as Promise<Response>
    for (const odd of ['0x10', '1e1', 'Infinity', ' 1 0 ']) {
      const res = await post(odd)
      expect(res.status, odd).toBe(400)
      expect(((await res.json()) as { result: { error: Record<string, string[]> } }).result.error.percent, odd).toBeTruthy()
    }
    expect(getTask({ taskId: id })!.progress).toBe(0)
    expect((await post('16')).status).toBe(302)
    expect(getTask({ taskId: id })!.progress).toBe(16)
  })
})
