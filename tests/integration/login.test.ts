import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { action as loginAction } from '~/routes/login'
import { action as logoutAction } from '~/routes/logout'
import { validateSessionToken } from '~/models/sessions.server'
import { getDb } from '#db/client'
import { auditLog, sessions } from '#db/schema'
import { createUser, formRequest, TEST_PASSWORD } from '../factories'

type ActionResult = { result: { initialValue?: Record<string, unknown>; error?: Record<string, string[]> } }

async function signIn(username: string, password: string, ip = '10.1.1.1', extra: Record<string, string> = {}, cookie?: string) {
  const response = (await loginAction({ request: formRequest('/login', { username, password, ...extra }, cookie), params: {}, context: { ip } })) as Response
  return response
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
    expect(validateSessionToken(token)?.user.id).toBe(user.id)
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

  it('after 5 failures in 15 minutes, refuses even the right password with the wait time (429)', async () => {
    await createUser({ username: 'ratelimit.user' })
    for (let i = 0; i < 5; i++) expect((await signIn('ratelimit.user', `sai-${i}-xxxxxxx`, `10.2.0.${i}`)).status).toBe(401)
    const response = await signIn('ratelimit.user', TEST_PASSWORD, '10.2.0.99')
    expect(response.status).toBe(429)
    expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(800)
    const body = (await response.json()) as ActionResult
    expect(body.result.error?.[''][0]).toMatch(/^Bạn đã đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau 1[45] phút\.$/)
    expect(tokenFrom(response)).toBeUndefined()
  })

  it('limits per address too: 5 failures on different usernames block that address', async () => {
    const victim = await createUser({ username: 'nan.nhan' })
    for (let i = 0; i < 5; i++) await signIn(`doan-mo-${i}`, 'sai-mat-khau-xxx', '10.3.3.3')
    expect((await signIn(victim.username, TEST_PASSWORD, '10.3.3.3')).status).toBe(429)
    // The same person from another address is not blocked.
    expect((await signIn(victim.username, TEST_PASSWORD, '10.3.3.4')).status).toBe(302)
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
    expect(validateSessionToken(first)).toBeNull()
    expect(validateSessionToken(second)?.user.id).toBe(user.id)
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
