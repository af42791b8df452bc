import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { action as loginAction } from '~/routes/login'
import { action as logoutAction } from '~/routes/logout'
import { validateSessionToken } from '~/features/directory/index.server'
import { getDb } from '#db/client'
import { auditLog, notifications, sessions } from '#db/schema'
import { createUser, formRequest, TEST_PASSWORD } from '../factories'

type ActionResult = { result: { initialValue?: Record<string, unknown>; error?: Record<string, string[]> } }

async function signIn(username: string, password: string, ip = '10.1.1.1', extra: Record<string, string> = {}, cookie?: string) {
  const response = (await loginAction({ request: formRequest('/login', { username, password, ...extra }, cookie), params: {}, context: { ip } })) as Response
  return response
}

/** The device cookie a successful sign-in sets. */
function deviceFrom(response: Response) {
  return /nghisu_device=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')?.[1]
}

function tokenFrom(response: Response) {
  const match = /nghisu_session=([^;]+)/.exec(response.headers.get('Set-Cookie') ?? '')
  return match?.[1]
}

describe('sign-in action', () => {
  it('signs in with the right password: redirect, HttpOnly SameSite=Lax cookie, a session row, an audit entry', async () => {
    const user = await createUser({ username: 'bithu.test' })
    const response = await signIn('BiThu.Test ', TEST_PASSWORD)
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/')
    const cookie = response.headers.get('Set-Cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/) // plain http in this test
    const token = tokenFrom(response)!
    expect(validateSessionToken({ token })?.user.id).toBe(user.id)
    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, 'auth.signIn')).all()
    expect(audit.some((a) => a.actorId === user.id)).toBe(true)
  })

  it('refuses a wrong password with a Vietnamese message and keeps the username, not the password', async () => {
    await createUser({ username: 'uyvien.sai' })
    const response = await signIn('uyvien.sai', 'mat-khau-sai-roi')
    expect(response.status).toBe(401)
    expect(response.headers.get('Set-Cookie')).toBeNull()
    const body = (await response.json()) as ActionResult
    expect(body.result.error?.['']).toEqual(['Tên đăng nhập hoặc mật khẩu không đúng.'])
    expect(body.result.initialValue?.username).toBe('uyvien.sai')
    expect(body.result.initialValue?.password).toBeUndefined()
  })

  it('gives the same answer for an unknown username', async () => {
    const body = (await (await signIn('khong.ton.tai', 'bat-ky-mat-khau')).json()) as ActionResult
    expect(body.result.error?.['']).toEqual(['Tên đăng nhập hoặc mật khẩu không đúng.'])
  })

  it('after 5 failures from one address, that address waits for that username (429 with the wait time); others do not', async () => {
    await createUser({ username: 'ratelimit.user' })
    for (let i = 0; i < 5; i++) expect((await signIn('ratelimit.user', `sai-${i}-xxxxxxx`, '10.2.0.1')).status).toBe(401)
    const response = await signIn('ratelimit.user', TEST_PASSWORD, '10.2.0.1')
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(800)
    const body = (await response.json()) as ActionResult
    expect(body.result.error?.[''][0]).toMatch(/^Bạn đã đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau 1[45] phút\.$/)
    expect(tokenFrom(response)).toBeUndefined()
    // The owner at another desk is not locked out by it.
    expect((await signIn('ratelimit.user', TEST_PASSWORD, '10.2.0.2')).status).toBe(302)
  })

  it('a shared office address: colleagues’ typos on a few usernames do not lock anyone else out', async () => {
    const victim = await createUser({ username: 'nan.nhan' })
    for (let i = 0; i < 5; i++) await signIn(`go-nham-${i}`, 'sai-mat-khau-xxx', '10.3.3.3')
    expect((await signIn(victim.username, TEST_PASSWORD, '10.3.3.3')).status).toBe(302)
  })

  it('an address failing for many different usernames is slowed, except on browsers that signed in before', async () => {
    const admin = await createUser({ username: 'quantri.vien', roles: ['admin'] })
    const known = await signIn(admin.username, TEST_PASSWORD, '10.4.4.4')
    const device = deviceFrom(known)!
    expect(device).toBeTruthy()
    for (let i = 0; i < 30; i++) await signIn(`doan-mo-${i}`, 'sai-mat-khau-xxx', '10.4.4.4')
    expect((await signIn('ai.do.khac', TEST_PASSWORD, '10.4.4.4')).status).toBe(429)
    expect((await signIn(admin.username, TEST_PASSWORD, '10.4.4.4', {}, `nghisu_device=${device}`)).status).toBe(302)
  })
  it('refuses a deactivated user even with the right password', async () => {
    await createUser({ username: 'da.nghi', active: false })
    const response = await signIn('da.nghi', TEST_PASSWORD)
    expect(response.status).toBe(401)
    const body = (await response.json()) as ActionResult
    expect(body.result.error?.['']).toEqual(['Tài khoản đã bị ngừng hoạt động. Vui lòng liên hệ quản trị hệ thống.'])
    expect(tokenFrom(response)).toBeUndefined()
  })

  it('rotates: signing in again ends the session the browser had', async () => {
    const user = await createUser({ username: 'xoay.vong' })
    const first = tokenFrom(await signIn(user.username, TEST_PASSWORD))!
    const second = tokenFrom(await signIn(user.username, TEST_PASSWORD, '10.1.1.1', {}, `nghisu_session=${first}`))!
    expect(second).not.toBe(first)
    expect(validateSessionToken({ token: first })).toBeNull()
    expect(validateSessionToken({ token: second })?.user.id).toBe(user.id)
  })

  it('only redirects to local paths after sign-in', async () => {
    const user = await createUser()
    const local = await signIn(user.username, TEST_PASSWORD, '10.1.1.1', { redirectTo: '/admin/users?page=2' })
    expect(local.headers.get('Location')).toBe('/admin/users?page=2')
    const foreign = await signIn(user.username, TEST_PASSWORD, '10.1.1.1', { redirectTo: '//evil.example/phish' })
    expect(foreign.headers.get('Location')).toBe('/')
  })

  it('sign-out deletes the session row and clears the cookie', async () => {
    const user = await createUser()
    const token = tokenFrom(await signIn(user.username, TEST_PASSWORD))!
    const response = (await logoutAction({ request: formRequest('/logout', {}, `nghisu_session=${token}`), params: {}, context: { ip: '1.1.1.1' } })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login')
    expect(response.headers.get('Set-Cookie')).toMatch(/nghisu_session=;.*Max-Age=0/)
    expect(getDb().select().from(sessions).where(eq(sessions.id, token.split('.')[0]!)).get()).toBeUndefined()
  })
})

describe('guessing a leader’s password never locks the leader’s own browser out (device cookies)', () => {
  it('20 failures from 20 addresses slow unknown devices; the owner’s browser signs in, and is told of the attempts', async () => {
    const leader = await createUser({ username: 'bithu.that', fullName: 'Nguyễn Văn Thật' })
    const first = await signIn(leader.username, TEST_PASSWORD, '10.5.0.1')
    expect(first.headers.get('Set-Cookie')).toMatch(/nghisu_device=[^;]+;.*Path=\/login/)
    const device = deviceFrom(first)!
    for (let i = 0; i < 20; i++) await signIn(leader.username, `doan-${i}-xxxxxxx`, `10.6.0.${i}`)
    expect((await signIn(leader.username, TEST_PASSWORD, '10.6.1.1')).status).toBe(429)
    const own = await signIn(leader.username, TEST_PASSWORD, '10.5.0.1', {}, `nghisu_device=${device}`)
    expect(own.status).toBe(302)
    expect(deviceFrom(own)).toBeUndefined() // the device is already known
    const told = getDb().select().from(notifications).where(eq(notifications.userId, leader.id)).all()
    expect(told.map((n) => n.title)).toEqual(['Có 20 lần đăng nhập sai vào tài khoản của bạn kể từ lần đăng nhập trước'])
    expect(told[0]!.body).toContain('10.6.0.19')
  })

  it('a device cookie counts only for its own username, and a known device that keeps failing is slowed itself', async () => {
    const a = await createUser({ username: 'thiet.bi.a' })
    await createUser({ username: 'thiet.bi.b' })
    const device = deviceFrom(await signIn(a.username, TEST_PASSWORD, '10.8.0.1'))!
    for (let i = 0; i < 5; i++) await signIn(a.username, `sai-${i}-xxxxxxx`, '10.8.0.1', {}, `nghisu_device=${device}`)
    expect((await signIn(a.username, TEST_PASSWORD, '10.8.0.1', {}, `nghisu_device=${device}`)).status).toBe(429)
    // The same browser for another username is an unknown device, with its own count.
    expect((await signIn('thiet.bi.b', TEST_PASSWORD, '10.8.0.2', {}, `nghisu_device=${device}`)).status).toBe(302)
  })
})
