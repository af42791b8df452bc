import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { serverT } from '~/i18n/translate.server'
import { authenticate, validateSessionToken } from '~/features/directory/index.server'
import { action as editUnitAction } from '~/routes/_app.admin.units.$unitId'
import { action as newUnitAction, loader as newUnitLoader } from '~/routes/_app.admin.units.new'
import { action as editUserAction } from '~/routes/_app.admin.users.$userId'
import { action as newUserAction } from '~/routes/_app.admin.users.new'
import { getDb } from '#db/client'
import { auditLog, units, userRoles, users } from '#db/schema'
import { createUnit, createUser, formRequest, getRequest, sessionCookieFor, TEST_PASSWORD } from '../factories'
import { domainErrorResponse } from '~/core/http.server'

const t = serverT('vi')
const ctx = { ip: '10.9.9.9' }
type Reply = { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } }

async function thrownStatus(promise: Promise<unknown>) {
  try {
    await promise
  } catch (thrown) {
    // As the server answers it (core/http.server.ts): a domain error has its status.
    const error = domainErrorResponse(thrown)
    if (error instanceof Response) return error.status
    throw error
  }
  return 'no error'
}

describe('units: admin writes, others cannot', () => {
  it('an admin creates a unit; the row and an audit entry are written', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const parent = createUnit({ name: 'Tỉnh ủy kiểm thử', code: 'TUKT' })
    const response = (await newUnitAction({
      request: formRequest('/admin/units/new', { name: 'Ban Tổ chức Tỉnh ủy', code: 'bantochuc', kind: 'party_board', parentId: String(parent.id) }, sessionCookieFor(admin.id)),
      params: {},
      context: ctx,
    })) as Response
    expect(response.status).toBe(302)
    const row = getDb().select().from(units).where(eq(units.code, 'BANTOCHUC')).get()
    expect(row).toMatchObject({ name: 'Ban Tổ chức Tỉnh ủy', kind: 'party_board', parentId: parent.id, active: true })
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.entityType, 'unit'), eq(auditLog.entityId, String(row!.id)))).get()
    expect(audit).toMatchObject({ action: 'unit.create', actorId: admin.id, ip: '10.9.9.9' })
  })

  it('a delegate gets 403 from the page and the action, and nothing is written', async () => {
    const delegate = await createUser({ roles: ['delegate'] })
    const cookie = sessionCookieFor(delegate.id)
    expect(await thrownStatus(Promise.resolve().then(() => newUnitLoader({ request: getRequest('/admin/units/new', cookie), params: {}, context: ctx })))).toBe(403)
    const status = await thrownStatus(
      Promise.resolve().then(() =>
        newUnitAction({ request: formRequest('/admin/units/new', { name: 'Đơn vị trái phép', code: 'TRAIPHEP', kind: 'other' }, cookie), params: {}, context: ctx }),
      ),
    )
    expect(status).toBe(403)
    expect(getDb().select().from(units).where(eq(units.code, 'TRAIPHEP')).get()).toBeUndefined()
  })

  it('an anonymous visitor is sent to sign in', async () => {
    const status = await thrownStatus(
      Promise.resolve().then(() => newUnitAction({ request: formRequest('/admin/units/new', { name: 'X', code: 'XX', kind: 'other' }), params: {}, context: ctx })),
    )
    expect(status).toBe(302)
  })

  it('a taken code is refused beside the field, keeping what was typed', async () => {
    const admin = await createUser({ roles: ['admin'] })
    createUnit({ code: 'SONOIVU' })
    const response = (await newUnitAction({
      request: formRequest('/admin/units/new', { name: 'Sở Nội vụ (trùng)', code: 'SONOIVU', kind: 'state_agency' }, sessionCookieFor(admin.id)),
      params: {},
      context: ctx,
    })) as Response
    expect(response.status).toBe(409)
    const body = (await response.json()) as Reply
    expect(body.result.error?.code?.map((k) => t(k))).toEqual(['Mã đơn vị này đã được dùng.'])
    expect(body.result.initialValue?.name).toBe('Sở Nội vụ (trùng)')
  })

  it('a malformed code and a missing name get their own messages', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const response = (await newUnitAction({
      request: formRequest('/admin/units/new', { name: '', code: 'có dấu!', kind: 'other' }, sessionCookieFor(admin.id)),
      params: {},
      context: ctx,
    })) as Response
    expect(response.status).toBe(400)
    const body = (await response.json()) as Reply
    expect(t(body.result.error!.name![0]!)).toBe('Vui lòng nhập thông tin này.')
    expect(t(body.result.error!.code![0]!)).toMatch(/^Mã đơn vị gồm 2–30 ký tự/)
  })

  it('refuses to put a unit under its own descendant', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const top = createUnit()
    const child = createUnit({ parentId: top.id })
    const grandchild = createUnit({ parentId: child.id })
    const response = (await editUnitAction({
      request: formRequest(`/admin/units/${top.id}`, { intent: 'update', name: top.name, code: top.code, kind: top.kind, parentId: String(grandchild.id) }, sessionCookieFor(admin.id)),
      params: { unitId: String(top.id) },
      context: ctx,
    })) as Response
    expect(response.status).toBe(400)
    const body = (await response.json()) as Reply
    expect(t(body.result.error!.parentId![0]!)).toMatch(/^Không thể chọn chính đơn vị này/)
    expect(getDb().select().from(units).where(eq(units.id, top.id)).get()!.parentId).toBeNull()
  })

  it('editing an inactive unit does not reactivate it', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const unit = createUnit({ active: false })
    await editUnitAction({
      request: formRequest(`/admin/units/${unit.id}`, { intent: 'update', name: 'Tên mới', code: unit.code, kind: unit.kind }, sessionCookieFor(admin.id)),
      params: { unitId: String(unit.id) },
      context: ctx,
    })
    expect(getDb().select().from(units).where(eq(units.id, unit.id)).get()).toMatchObject({ name: 'Tên mới', active: false })
  })
})

describe('users: admin screens', () => {
  it('creates a user with roles and refuses a common password beside the field', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const cookie = sessionCookieFor(admin.id)
    const unit = createUnit()
    const weak = (await newUserAction({
      request: formRequest('/admin/users/new', { fullName: 'Trần Thị Mai', username: 'tranmai', roles: ['delegate'], locale: 'vi', password: 'matkhau123' }, cookie),
      params: {},
      context: ctx,
    })) as Response
    expect(weak.status).toBe(400)
    const weakBody = (await weak.json()) as Reply
    expect(t(weakBody.result.error!.password![0]!)).toBe('Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.')
    expect(weakBody.result.initialValue).toMatchObject({ fullName: 'Trần Thị Mai', username: 'tranmai' })
    expect(getDb().select().from(users).where(eq(users.username, 'tranmai')).get()).toBeUndefined()

    const ok = (await newUserAction({
      request: formRequest(
        '/admin/users/new',
        { fullName: 'Trần Thị Mai', username: 'TranMai', roles: ['delegate', 'unit_officer'], unitId: String(unit.id), locale: 'vi', password: 'Hop-giao-ban-thu-hai' },
        cookie,
      ),
      params: {},
      context: ctx,
    })) as Response
    expect(ok.status).toBe(302)
    const row = getDb().select().from(users).where(eq(users.username, 'tranmai')).get()!
    expect(row).toMatchObject({ fullName: 'Trần Thị Mai', unitId: unit.id, active: true })
    expect(row.passwordHash).toMatch(/^\$argon2id\$/)
    const roles = getDb().select().from(userRoles).where(eq(userRoles.userId, row.id)).all().map((r) => r.role).sort()
    expect(roles).toEqual(['delegate', 'unit_officer'])
    expect((await authenticate({ input: { username: 'tranmai', password: 'Hop-giao-ban-thu-hai', ip: '10.7.7.7' } })).ok).toBe(true)
  })

  it('deactivating a user ends their sessions and blocks sign-in', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const target = await createUser({ username: 'se.nghi.huu' })
    const targetCookie = sessionCookieFor(target.id)
    const response = (await editUserAction({
      request: formRequest(`/admin/users/${target.id}`, { intent: 'deactivate' }, sessionCookieFor(admin.id)),
      params: { userId: String(target.id) },
      context: ctx,
    })) as Response
    expect(response.status).toBe(302)
    expect(validateSessionToken({ token: targetCookie.split('=')[1] })).toBeNull()
    expect(await authenticate({ input: { username: 'se.nghi.huu', password: TEST_PASSWORD, ip: '10.8.8.8' } })).toEqual({ ok: false, reason: 'inactive' })
  })

  it('an admin cannot deactivate themself', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const response = (await editUserAction({
      request: formRequest(`/admin/users/${admin.id}`, { intent: 'deactivate' }, sessionCookieFor(admin.id)),
      params: { userId: String(admin.id) },
      context: ctx,
    })) as Response
    expect(response.status).toBe(400)
    expect(getDb().select().from(users).where(eq(users.id, admin.id)).get()!.active).toBe(true)
  })

  it('deletes a user without history, refuses one with history', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const cookie = sessionCookieFor(admin.id)
    const fresh = await createUser()
    const del = (await editUserAction({ request: formRequest(`/admin/users/${fresh.id}`, { intent: 'delete' }, cookie), params: { userId: String(fresh.id) }, context: ctx })) as Response
    expect(del.status).toBe(302)
    expect(getDb().select().from(users).where(eq(users.id, fresh.id)).get()).toBeUndefined()

    const veteran = await createUser()
    await authenticate({ input: { username: veteran.username, password: TEST_PASSWORD, ip: '10.6.6.6' } }) // leaves an audit entry
    const refused = (await editUserAction({ request: formRequest(`/admin/users/${veteran.id}`, { intent: 'delete' }, cookie), params: { userId: String(veteran.id) }, context: ctx })) as Response
    expect(refused.status).toBe(409)
    const body = (await refused.json()) as Reply
    expect(t(body.result.error![''][0]!)).toMatch(/^Không thể xóa: người dùng này đã có lịch sử/)
    expect(getDb().select().from(users).where(eq(users.id, veteran.id)).get()).toBeDefined()
  })

  it('a unit officer cannot open or change another user', async () => {
    const officer = await createUser({ roles: ['unit_officer'] })
    const other = await createUser()
    const status = await thrownStatus(
      Promise.resolve().then(() =>
        editUserAction({ request: formRequest(`/admin/users/${other.id}`, { intent: 'deactivate' }, sessionCookieFor(officer.id)), params: { userId: String(other.id) }, context: ctx }),
      ),
    )
    expect(status).toBe(403)
    expect(getDb().select().from(users).where(eq(users.id, other.id)).get()!.active).toBe(true)
  })
})
