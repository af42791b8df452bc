import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD } from './fixtures'

/**
 * What the browser downloads holds no database schema: no drizzle table definitions and no column
 * names (the vocabulary the pages need comes from db/schema/enums.ts, which has no drizzle in it).
 * Reads the client build that `npm test` made just before.
 */
test('the client bundle contains no table definition or column name', () => {
  const dir = path.resolve('build/client/assets')
  const assets = fs.readdirSync(dir).filter((f) => f.endsWith('.js'))
  expect(assets.length).toBeGreaterThan(10)
  const offending = assets.flatMap((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8')
    return ['sqliteTable', 'password_hash', 'secret_hash', 'coordinating_unit_ids'].filter((word) => text.includes(word)).map((word) => `${f}: ${word}`)
  })
  expect(offending).toEqual([])
})

/**
 * What a first visit downloads in compressed JavaScript (brotli, as the server sends it), page by
 * page, for the people who open the app most: delegates and unit officers (budget 150 KB), and the
 * sign-in page (100 KB; it is plain HTML and needs none). Each page is opened in a fresh context,
 * with an empty cache, and counted once the network is quiet, lazily loaded chunks included. The
 * document page's PDF engine (pdf.js, which the page exists to run) is counted apart from the app's
 * own code. The figures are written to test-results/page-weight.json for docs/benchmarks.md.
 */
const BUDGET_KB = 150

test('a first visit stays within its weight budget', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10
  async function weigh(storageState: Awaited<ReturnType<import('@playwright/test').BrowserContext['storageState']>> | undefined, url: string) {
    const context = await browser.newContext({ storageState })
    const page = await context.newPage()
    const sizes: Promise<[string, number]>[] = []
    page.on('requestfinished', (request) => {
      if (request.resourceType() === 'script') sizes.push(request.sizes().then((s) => [request.url(), s.responseBodySize]))
    })
    await page.goto(url, { waitUntil: 'networkidle' })
    await expect(page.locator('main')).toBeVisible()
    const all = await Promise.all(sizes)
    await context.close()
    const engine = all.filter(([u]) => /\/assets\/pdf(_viewer|\.worker\.min)?-/.test(u)).reduce((sum, [, s]) => sum + s, 0)
    return { app: kb(all.reduce((sum, [, s]) => sum + s, 0) - engine), engine: kb(engine) }
  }
  async function signIn(username: string) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByLabel('Tên đăng nhập').fill(username)
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await expect(page.getByRole('heading', { level: 1, name: /^Xin chào/ })).toBeVisible()
    const first = async (path: string, pattern: RegExp) => {
      await page.goto(path)
      const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
      const href = hrefs.find((h) => pattern.test(h))
      expect(href, `a link matching ${pattern} on ${path}`).toBeTruthy()
      return href!
    }
    const state = await context.storageState()
    const links: Record<string, string> = username === 'uyvien3' ? { '/meetings/:id': await first('/schedule', /^\/meetings\/\d+$/), '/documents/:id': await first('/', /^\/documents\/\d+$/) } : { '/tasks/:id': await first('/tasks', /^\/tasks\/\d+$/) }
    await context.close()
    return { state, links }
  }

  const rows: { who: string; page: string; app: number; engine: number; budget: number }[] = []
  const signInWeight = await weigh(undefined, `${baseURL}/login`)
  rows.push({ who: '—', page: '/login', ...signInWeight, budget: 100 })
  for (const who of ['uyvien3', 'bantochuc']) {
    const { state, links } = await signIn(who)
    const pages: Record<string, string> = who === 'uyvien3' ? { '/': '/', '/schedule': '/schedule', '/notifications': '/notifications', '/profile': '/profile', '/search': '/search?q=ke+hoach', '/polls': '/polls', ...links } : { '/': '/', '/tasks': '/tasks', '/notifications': '/notifications', '/profile': '/profile', ...links }
    for (const [name, url] of Object.entries(pages)) rows.push({ who, page: name, ...(await weigh(state, `${baseURL}${url}`)), budget: BUDGET_KB })
  }
  fs.mkdirSync('test-results', { recursive: true })
  fs.writeFileSync('test-results/page-weight.json', JSON.stringify(rows, null, 2))
  console.log(rows.map((r) => `${r.who.padEnd(10)} ${r.page.padEnd(16)} ${String(r.app).padStart(6)} KB${r.engine ? ` + PDF engine ${r.engine} KB` : ''} (budget ${r.budget})`).join('\n'))
  expect(rows.filter((r) => r.app > r.budget).map((r) => `${r.who} ${r.page}: ${r.app} KB > ${r.budget} KB`)).toEqual([])
  // The sign-in page is plain HTML: no script at all.
  expect(signInWeight.app).toBe(0)
})
