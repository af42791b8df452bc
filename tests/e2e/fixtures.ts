import AxeBuilder from '@axe-core/playwright'
import { expect, type Locator, type Page, test as base } from '@playwright/test'

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'nghisu-demo'

/** Any console error or uncaught page error fails the test that caused it. */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = []
      page.on('console', (msg) => {
        // Chrome logs every 4xx response as "Failed to load resource"; a 400 with field messages
        // or a 403 page is the app working as intended. Anything else, 5xx included, fails.
        if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) errors.push(msg.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      await use(errors)
      // A test that cuts the network on purpose names the errors that follows (annotation 'allow-console').
      const allowed = testInfo.annotations.filter((a) => a.type === 'allow-console').map((a) => new RegExp(a.description!))
      expect(errors.filter((e) => !allowed.some((r) => r.test(e))), 'console errors').toEqual([])
    },
    { auto: true },
  ],
})
export { expect }

export async function login(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page.getByRole('heading', { level: 1, name: /^Xin chào/ })).toBeVisible()
}

/** Serious and critical axe violations, summarised for a readable failure. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/**
 * Console errors of pages opened in extra browser contexts (the `page` fixture is watched by
 * `consoleErrors`): collected in `pageErrors`, which a test asserts empty at its end.
 */
export const pageErrors: string[] = []
export function watchConsole(page: Page) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) pageErrors.push(`${page.url()}: ${msg.text()}`)
  })
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`))
}

/** Types into a people picker (a combobox searching the server) and picks the option whose name matches. */
export async function choosePerson(page: Page, label: string | RegExp, typed: string, option: string | RegExp) {
  const box = page.getByRole('combobox', { name: label })
  await box.fill(typed)
  await expect(box).toHaveValue(typed)
  await page.getByRole('option', { name: option }).first().click()
}

/**
 * The first segment of a date or time field. A page shows a plain text stand-in until the field is
 * first pointed at or focused (ui/date-field.tsx); pointing at it, as a person does, fetches the
 * segmented field.
 */
async function segmentsOf(scope: Page | Locator, label: string | RegExp) {
  const group = scope.getByRole('group', { name: label })
  const first = group.getByRole('spinbutton').first()
  if (!(await first.isVisible())) await group.hover()
  await expect(first).toBeVisible()
  return first
}

/** Types a day (ISO `YYYY-MM-DD`) into a date field, as dd mm yyyy (the fields are Vietnamese whatever the browser). */
export async function fillDate(scope: Page | Locator, label: string | RegExp, iso: string) {
  const [y, m, d] = iso.split('-')
  const day = await segmentsOf(scope, label)
  await day.click()
  await day.page().keyboard.type(`${d}${m}${y}`)
}

/** Types a time (`HH:MM`) into a 24-hour time field. */
export async function fillTime(scope: Page | Locator, label: string | RegExp, hhmm: string) {
  const hour = await segmentsOf(scope, label)
  await hour.click()
  await hour.page().keyboard.type(hhmm.replace(':', ''))
}
