import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '~/core/config.server'
import { authenticate, countUsers, createSetupToken, isSetupTokenValid } from '~/features/directory/index.server'
import { action as setupAction } from '~/routes/setup.$token'
import { getDb } from '#db/client'
import { prepareFirstRun } from '#server/first-run'
import { formRequest } from '../factories'

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = parseConfig({})
    expect(c).toMatchObject({ PORT: 3000, HOST: '0.0.0.0', DATABASE_PATH: 'data/nghisu.db', FILES_DIR: 'data/files', DEMO: false, DEMO_PASSWORD: 'nghisu-demo' })
    expect(parseConfig({ DEMO: '1' }).DEMO).toBe(true)
  })
  it('stops with a message naming the wrong variable', () => {
    expect(() => parseConfig({ PORT: 'tám nghìn' })).toThrow(ConfigError)
    expect(() => parseConfig({ PORT: '70000' })).toThrow(/PORT/)
    expect(() => parseConfig({ COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE/)
  })
})

describe('first run of a real deployment', () => {
  it('creates no account, only a one-time setup link that makes the first admin', async () => {
    const logs: string[] = []
    const original = console.log
    console.log = (msg: string) => logs.push(msg)
    try {
      await prepareFirstRun(getDb(), parseConfig({}), 'http://localhost:3000')
    } finally {
      console.log = original
    }
    expect(countUsers()).toBe(0)
    const link = /http:\/\/localhost:3000\/setup\/(\S+)/.exec(logs.join('\n'))
    expect(link).not.toBeNull()
    const token = link![1]!
    expect(isSetupTokenValid({ token })).toBe(true)

    const fields = { fullName: 'Quản Trị Viên', username: 'quantri', password: 'Van-phong-tinh-uy-2026', confirmPassword: 'Van-phong-tinh-uy-2026' }
    const response = (await setupAction({ request: formRequest(`/setup/${token}`, fields), params: { token }, context: { ip: '127.0.0.1' } })) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/login')
    expect(await authenticate({ input: { username: 'quantri', password: 'Van-phong-tinh-uy-2026', ip: '127.0.0.1' } })).toMatchObject({ ok: true })

    // The link is spent.
    expect(isSetupTokenValid({ token })).toBe(false)
    const again = (await setupAction({ request: formRequest(`/setup/${token}`, { ...fields, username: 'quantri2' }), params: { token }, context: { ip: '127.0.0.1' } })) as Response
    expect(again.status).toBe(400)
    expect(countUsers()).toBe(1)
  })

  it('npm run user:create style links work once users exist', () => {
    const token = createSetupToken()
    expect(isSetupTokenValid({ token })).toBe(true)
    expect(isSetupTokenValid({ token: token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) })).toBe(false)
  })
})
