import { expect, login, seriousViolations, test } from './fixtures'

test('every main page fits a phone screen and has no serious accessibility violation', async ({ page }) => {
  // Twenty-two pages, each checked by axe at phone width.
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 375, height: 800 })
  await login(page, 'vanphong')
  // Ids depend on the day the demo was seeded: ask the API instead of assuming them.
  const day = 86_400_000
  const range = `from=${encodeURIComponent(new Date(Date.now() - 400 * day).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 400 * day).toISOString())}`
  const meetings = (await (await page.request.get(`/api/v1/meetings?${range}`)).json()) as { items: { id: number; status: string }[] }
  const editable = meetings.items.find((m) => m.status === 'invited' || m.status === 'draft')!
  const concluded = meetings.items.find((m) => m.status === 'concluded')!
  const items = (await (await page.request.get('/api/v1/programme-items?programmeId=1')).json()) as { items: { id: number }[] }
  const pages = ['/', '/schedule', '/programme', '/programme/1', `/programme/items/${items.items[0]!.id}`, `/meetings/${editable.id}`, `/meetings/${editable.id}/edit`, `/meetings/${editable.id}/conclusion`, `/meetings/${concluded.id}/conclusion`, '/meetings/new', '/tasks', '/dashboard', `/dashboard?meeting=${concluded.id}`, '/working-days', '/meeting-types', '/notifications', '/profile', '/meetings', '/meetings?q=hop&status=held', '/search?q=ban thuong vu', '/groups', '/groups/1']
  // Every page runs under a nonce-based Content-Security-Policy: a script without the nonce, or a
  // blocked request, is a console error, which fails the test (fixtures).
  const violations: string[] = []
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v))
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI}`)))
  for (const path of pages) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(200)
    const headers = response!.headers()
    expect(headers['content-security-policy'], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'self'")
    expect(headers['x-frame-options'], path).toBe('SAMEORIGIN')
    expect(headers['referrer-policy'], path).toBe('same-origin')
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${path} overflows`).toBeLessThanOrEqual(0)
    expect(await seriousViolations(page), path).toEqual([])
  }
  expect(violations).toEqual([])
})

test('the administrator’s pages (issuing bodies) fit a phone and have no serious accessibility violation', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 })
  await login(page, 'admin')
  await page.goto('/admin/issuing-bodies')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cơ quan ban hành văn bản')
  await expect(page.getByLabel('Tên cơ quan ở đầu văn bản').first()).toHaveValue('TỈNH ỦY HÀ TĨNH')
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  expect(await seriousViolations(page)).toEqual([])
})
