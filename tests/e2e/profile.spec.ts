import { expect, login, seriousViolations, test } from './fixtures'

test('the profile page works at phone width, switches the language, and issues an API token', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL })
  await page.setViewportSize({ width: 375, height: 800 })
  await login(page, 'uyvien7')
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  // On a phone the header is one line: the page starts within the first fifth of the screen.
  const top = await page.getByRole('main').evaluate((main) => main.getBoundingClientRect().top)
  expect(top).toBeLessThan(160)
  await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeHidden()
  // The navigation is behind "Menu".
  await page.getByText('Menu', { exact: true }).click()
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click()
  expect(await seriousViolations(page)).toEqual([])
  await expect(page).toHaveTitle('Tài khoản · Nghị sự')

  await page.getByLabel('Tên gợi nhớ').fill('Cổng thông tin')
  await page.getByRole('button', { name: 'Tạo mã truy cập' }).click()
  const token = (await page.getByTestId('new-api-token').textContent())!.trim()
  expect(token).toMatch(/^ns_/)
  // Shown once: a button copies it.
  await page.getByRole('button', { name: 'Sao chép mã truy cập' }).click()
  await expect(page.getByText('Đã sao chép.')).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)
  const me = await page.request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } })
  expect(me.status()).toBe(200)
  expect(((await me.json()) as { username: string }).username).toBe('uyvien7')

  await page.getByLabel('Ngôn ngữ giao diện').selectOption('en')
  await page.getByRole('button', { name: 'Lưu' }).first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  // A first visit in English: the page waits for the English messages (their own chunk) and hydrates without a mismatch.
  await page.reload()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account')
  // The page's title too is in the reader's language.
  await expect(page).toHaveTitle('Account · Nghị sự')
  await page.getByText('Menu', { exact: true }).click()
  await expect(page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Account' })).toBeVisible()
  await page.getByLabel('Interface language').selectOption('vi')
  await page.getByRole('button', { name: 'Save' }).first().click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản của tôi')
  // On a phone the toast sits over the header, never over the page's content.
  const toast = page.locator('[role="status"][aria-live="polite"] > div')
  await expect(toast).toBeVisible()
  const toastBox = (await toast.boundingBox())!
  const mainTop = await page.getByRole('main').evaluate((main) => main.getBoundingClientRect().top)
  expect(toastBox.y + toastBox.height).toBeLessThanOrEqual(mainTop)
})

test('"sign out everywhere" also signs out another open browser, live', async ({ browser }) => {
  const first = await browser.newContext()
  const second = await browser.newContext()
  const a = await first.newPage()
  const b = await second.newPage()
  await login(a, 'uyvien8')
  await login(b, 'uyvien8')
  await a.goto('/profile')
  await a.getByRole('button', { name: 'Đăng xuất khỏi mọi thiết bị' }).click()
  await expect(a).toHaveURL(/\/login$/)
  // The other browser's socket is closed by the server; it reloads its data and lands on sign-in.
  await expect(b).toHaveURL(/\/login/, { timeout: 10_000 })
  await first.close()
  await second.close()
})
