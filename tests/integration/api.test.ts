import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changePassword, createApiToken, invalidateUserSessions, listApiTokens, resetPassword, revokeApiToken } from '~/features/directory/index.server'
import { getDb } from '#db/client'
import { units } from '#db/schema'
import { createUnit, createUser, sessionCookieFor } from '../factories'
import { startTestServer } from '../setup/server'

let server: Awaited<ReturnType<typeof startTestServer>>
let adminCookie: string
let delegateCookie: string
let delegateId: number

beforeAll(async () => {
  server = await startTestServer()
  const admin = await createUser({ roles: ['admin'] })
  const delegate = await createUser({ roles: ['delegate'] })
  delegateId = delegate.id
  adminCookie = sessionCookieFor(admin.id)
  delegateCookie = sessionCookieFor(delegate.id)
})
afterAll(() => server.close())

function api(path: string, init: { method?: string; cookie?: string; bearer?: string; body?: unknown; rawBody?: string; origin?: string | null } = {}) {
  const headers: Record<string, string> = {}
  if (init.cookie) headers.Cookie = init.cookie
  if (init.bearer) headers.Authorization = `Bearer ${init.bearer}`
  if (init.body !== undefined || init.rawBody !== undefined) headers['Content-Type'] = 'application/json'
  if (init.origin !== null && init.method && init.method !== 'GET') headers.Origin = init.origin ?? server.url
  return fetch(`${server.url}/api/v1${path}`, { method: init.method ?? 'GET', headers, body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)) })
}

describe('health', () => {
  it('reports the database', async () => {
    const res = await fetch(`${server.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' })
  })

  it('answers 503 with a reason when the database cannot be opened', async () => {
    const original = process.env.DATABASE_PATH
    process.env.DATABASE_PATH = '/etc/hostname/khong-the-mo.db'
    try {
      const res = await fetch(`${server.url}/healthz`)
      expect(res.status).toBe(503)
      const body = (await res.json()) as { status: string; db: string; reason: string }
      expect(body).toMatchObject({ status: 'error', db: 'unreachable' })
      expect(body.reason).not.toBe('')
    } finally {
      process.env.DATABASE_PATH = original
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
  })
})

describe('/api/v1 authentication', () => {
  it('401 in the error format without credentials', async () => {
    const res = await api('/me')
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Bạn cần đăng nhập để tiếp tục.' } })
  })

  it('accepts the session cookie', async () => {
    const res = await api('/me', { cookie: delegateCookie })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id: delegateId, roles: ['delegate'] })
  })

  it('accepts a personal token until it is revoked', async () => {
    const user = await createUser({ roles: ['office'] })
    const { id, token } = createApiToken({ userId: user.id, input: { name: 'Hệ thống quản lý văn bản' }, actor: { id: user.id } })
    expect(token).toMatch(/^ns_[a-z2-7]+\.[a-z2-7]+$/)
    const ok = await api('/me', { bearer: token })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ id: user.id, roles: ['office'] })
    expect((await api('/me', { bearer: token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a') })).status).toBe(401)
    revokeApiToken({ userId: user.id, tokenId: id, actor: { id: user.id } })
    expect((await api('/me', { bearer: token })).status).toBe(401)
  })
})

describe('personal API tokens end with the sessions, expire, and can be read-only', () => {
  it('a password change, "sign out everywhere" and an administrator’s reset each revoke the user’s tokens', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const user = await createUser({ roles: ['office'], password: 'mat-khau-cu-2026-dai' })
    const make = () => createApiToken({ userId: user.id, input: { name: 'Cổng thông tin' }, actor: { id: user.id } }).token
    let token = make()
    await changePassword({ userId: user.id, input: { currentPassword: 'mat-khau-cu-2026-dai', newPassword: 'mat-khau-moi-2026-dai' }, keepSessionId: null, actor: { id: user.id } })
    expect((await api('/me', { bearer: token })).status).toBe(401)
    token = make()
    invalidateUserSessions({ userId: user.id })
    expect((await api('/me', { bearer: token })).status).toBe(401)
    token = make()
    await resetPassword({ id: user.id, newPassword: 'mat-khau-dat-lai-2026', actor: { id: admin.id } })
    expect((await api('/me', { bearer: token })).status).toBe(401)
    expect(listApiTokens({ userId: user.id })).toEqual([])
  })

  it('an expired token is refused; the list shows expiry and last use', async () => {
    const user = await createUser({ roles: ['delegate'] })
    const longAgo = new Date(Date.now() - 40 * 86_400_000)
    const { token: old } = createApiToken({ userId: user.id, input: { name: 'Cũ', days: 30 }, actor: { id: user.id } }, { now: longAgo })
    expect((await api('/me', { bearer: old })).status).toBe(401)
    const { token, expiresAt } = createApiToken({ userId: user.id, input: { name: 'Mới' }, actor: { id: user.id } })
    expect(Math.round((expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(90)
    expect((await api('/me', { bearer: token })).status).toBe(200)
    expect(listApiTokens({ userId: user.id })).toEqual([expect.objectContaining({ name: 'Mới', readOnly: false, expiresAt, lastUsedAt: expect.any(Date) })])
  })

  it('a read-only token reads but may not change anything (403 read_only_token)', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const { token } = createApiToken({ userId: admin.id, input: { name: 'Chỉ đọc', readOnly: true }, actor: { id: admin.id } })
    expect((await api('/units', { bearer: token })).status).toBe(200)
    const write = await api('/units', { method: 'POST', bearer: token, body: { name: 'Đơn vị mới', code: 'RO_TOKEN', kind: 'other' } })
    expect(write.status).toBe(403)
    expect(((await write.json()) as { error: { code: string } }).error.code).toBe('read_only_token')
  })
})

describe('/api/v1 units', () => {
  it('a delegate reads units but gets 403 creating one', async () => {
    createUnit({ name: 'Sở Y tế', code: 'SOYTE_API' })
    const list = await api('/units?q=so y te', { cookie: delegateCookie })
    expect(list.status).toBe(200)
    expect(((await list.json()) as { items: { code: string }[] }).items.map((u) => u.code)).toContain('SOYTE_API')
    const res = await api('/units', { method: 'POST', cookie: delegateCookie, body: { name: 'Đơn vị trái phép', code: 'API_TRAIPHEP', kind: 'other' } })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden')
    expect(getDb().select().from(units).where(eq(units.code, 'API_TRAIPHEP')).get()).toBeUndefined()
  })

  it('an admin creates (201), a duplicate is 409, unknown fields and bad values are 400 with fields', async () => {
    const created = await api('/units', { method: 'POST', cookie: adminCookie, body: { name: 'Ban Nội chính', code: 'api_bnc', kind: 'party_board' } })
    expect(created.status).toBe(201)
    expect(await created.json()).toMatchObject({ name: 'Ban Nội chính', code: 'API_BNC', kind: 'party_board', active: true })

    const dup = await api('/units', { method: 'POST', cookie: adminCookie, body: { name: 'Trùng', code: 'API_BNC', kind: 'other' } })
    expect(dup.status).toBe(409)
    expect(await dup.json()).toEqual({ error: { code: 'conflict', message: 'Mã đơn vị này đã được dùng.', fields: { code: ['Mã đơn vị này đã được dùng.'] } } })

    const unknown = await api('/units', { method: 'POST', cookie: adminCookie, body: { name: 'X', code: 'API_X', kind: 'other', secret: 1 } })
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toEqual({ secret: ['Trường không được hỗ trợ.'] })

    const bad = await api('/units', { method: 'POST', cookie: adminCookie, body: { name: '', code: 'x', kind: 'planet' } })
    expect(bad.status).toBe(400)
    const fields = ((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields
    expect(Object.keys(fields).sort()).toEqual(['code', 'kind', 'name'])
  })

  it('PATCH changes only what is sent; 404 for a missing unit', async () => {
    const unit = createUnit({ name: 'Tên cũ' })
    const res = await api(`/units/${unit.id}`, { method: 'PATCH', cookie: adminCookie, body: { active: false } })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ name: 'Tên cũ', active: false })
    expect((await api('/units/999999', { method: 'PATCH', cookie: adminCookie, body: { name: 'X' } })).status).toBe(404)
  })

  it('rejects broken JSON (400) and bodies over the limit (413)', async () => {
    const broken = await api('/units', { method: 'POST', cookie: adminCookie, rawBody: '{"name": ' })
    expect(broken.status).toBe(400)
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('invalid_json')
    const huge = await api('/units', { method: 'POST', cookie: adminCookie, rawBody: JSON.stringify({ name: 'x'.repeat(2_200_000) }) })
    expect(huge.status).toBe(413)
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
  })
})

describe('/api/v1 users', () => {
  it('shows contact details and roles to admins only', async () => {
    const asDelegate = (await (await api('/users?pageSize=200', { cookie: delegateCookie })).json()) as { items: Record<string, unknown>[] }
    expect(asDelegate.items.length).toBeGreaterThan(1)
    for (const u of asDelegate.items) {
      expect(u).not.toHaveProperty('email')
      expect(u).not.toHaveProperty('roles')
    }
    const asAdmin = (await (await api('/users?pageSize=200', { cookie: adminCookie })).json()) as { items: Record<string, unknown>[] }
    expect(asAdmin.items[0]).toHaveProperty('roles')
  })

  it('admins create users; the password policy applies; delegates get 403', async () => {
    const body = { fullName: 'Phạm Văn Hùng', username: 'pvhung', roles: ['delegate'], password: 'Ky-hop-thu-muoi-ba' }
    expect((await api('/users', { method: 'POST', cookie: delegateCookie, body })).status).toBe(403)
    const weak = await api('/users', { method: 'POST', cookie: adminCookie, body: { ...body, password: 'qwertyuiop' } })
    expect(weak.status).toBe(400)
    expect(((await weak.json()) as { error: { fields: Record<string, string[]> } }).error.fields.password).toEqual([
      'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
    ])
    const created = await api('/users', { method: 'POST', cookie: adminCookie, body })
    expect(created.status).toBe(201)
    const user = (await created.json()) as Record<string, unknown>
    expect(user).toMatchObject({ username: 'pvhung', roles: ['delegate'], active: true, locale: 'vi' })
    expect(user).not.toHaveProperty('passwordHash')
    expect((await api('/users', { method: 'POST', cookie: adminCookie, body })).status).toBe(409)
  })
})

describe('CSRF: the Origin check', () => {
  it('refuses a non-GET request from a foreign origin, or with none, even with a valid cookie', async () => {
    const foreign = await api('/units', { method: 'POST', cookie: adminCookie, origin: 'https://evil.example', body: { name: 'CSRF', code: 'CSRF_1', kind: 'other' } })
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin')
    const none = await api('/units', { method: 'POST', cookie: adminCookie, origin: null, body: { name: 'CSRF', code: 'CSRF_2', kind: 'other' } })
    expect(none.status).toBe(403)
    expect(getDb().select().from(units).where(eq(units.name, 'CSRF')).all()).toEqual([])
  })

  it('guards the pages too (form posts to /login)', async () => {
    const res = await fetch(`${server.url}/login`, { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=a&password=b' })
    expect(res.status).toBe(403)
    expect(await res.text()).toMatch(/Origin/)
  })

  it('lets a bearer-token client without a cookie through (no ambient credentials to abuse)', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const { token } = createApiToken({ userId: admin.id, input: { name: 'Cổng thông tin' }, actor: { id: admin.id } })
    const res = await api('/units', { method: 'POST', bearer: token, origin: null, body: { name: 'Từ hệ thống khác', code: 'API_BEARER', kind: 'other' } })
    expect(res.status).toBe(201)
  })
})

describe('OpenAPI document', () => {
  it('describes every endpoint from the same schemas', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      openapi: string
      paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>
      components: { schemas: Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }> }
    }
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/documents/{id}/file', '/documents/{id}/versions',
      '/me', '/meeting-types', '/meetings', '/meetings/{id}', '/meetings/{id}/attendance', '/meetings/{id}/checkin', '/meetings/{id}/conclusion', '/meetings/{id}/documents', '/meetings/{id}/documents/distribution',
      '/meetings/{id}/invitations', '/meetings/{id}/minutes', '/meetings/{id}/minutes/file', '/meetings/{id}/readiness', '/meetings/{id}/rsvp', '/meetings/{id}/speakers', '/meetings/{id}/votes', '/meetings/{id}/votes/{voteId}/ballots',
      '/polls/{id}', '/polls/{id}/results', '/programme-items', '/reports/figures', '/reports/{id}', '/reports/{id}/file', '/search', '/tasks', '/tasks/{id}', '/tasks/{id}/completion', '/tasks/{id}/completion-decision', '/tasks/{id}/contributions',
      '/tasks/{id}/extension-decision', '/tasks/{id}/extension-requests', '/tasks/{id}/progress', '/units', '/units/{id}', '/users', '/users/{id}',
    ])
    expect(Object.keys(doc.paths['/units']!).sort()).toEqual(['get', 'post'])
    expect(doc.paths['/meetings/{id}/documents']!.post!.requestBody).toMatchObject({ content: { 'multipart/form-data': {} } })
    expect(doc.paths['/units']!.post!.responses).toHaveProperty('409')
    expect(doc.components.schemas.Unit!.properties).toHaveProperty('code')
    expect(doc.components.schemas.UserDetail!.properties).toHaveProperty('roles')
  })
})

describe('rate limit', () => {
  it('answers 429 in the error format past the per-minute limit', async () => {
    const limited = await startTestServer({ API_RATE_LIMIT_PER_MINUTE: '3' })
    try {
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/api/v1/me`, { headers: { Cookie: delegateCookie } })).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      const res = await fetch(`${limited.url}/api/v1/me`, { headers: { Cookie: delegateCookie } })
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
    } finally {
      await limited.close()
    }
  })
})
