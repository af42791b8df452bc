import { expect, login, seriousViolations, test } from './fixtures'

test('the lead unit’s officer reports progress; the Office’s open task page shows it without reload', async ({ browser }) => {
  const officeContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const unitContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const office = await officeContext.newPage()
  const officer = await unitContext.newPage()
  await login(office, 'vanphong')

  // The demo's tasks depend on the day it was seeded: find an open one and its lead unit.
  const tasks = (await (await office.request.get('/api/v1/tasks')).json()) as { items: { id: number; content: string; completedOn: string | null; completionDeclaredOn: string | null; leadUnitId: number }[] }
  const task = tasks.items.find((t) => !t.completedOn && !t.completionDeclaredOn)
  test.skip(!task, 'The demo has no open task yet (no meeting held this year when it was seeded).')
  const unit = (await (await office.request.get(`/api/v1/units/${task!.leadUnitId}`)).json()) as { code: string }

  await office.goto(`/tasks/${task!.id}`)
  expect(await seriousViolations(office)).toEqual([])
  const before = Number((await office.getByTestId('task-progress').textContent())!.replace('%', ''))

  await login(officer, unit.code.toLowerCase())
  await officer.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhiệm vụ' }).click()
  await expect(officer.getByRole('heading', { level: 1, name: 'Nhiệm vụ của đơn vị' })).toBeVisible()
  expect(await seriousViolations(officer)).toEqual([])
  await officer.goto(`/tasks/${task!.id}`)
  const next = before >= 95 ? 100 : before + 5
  const report = officer.locator('form', { has: officer.getByRole('button', { name: 'Báo cáo tiến độ' }) })
  await report.getByLabel('Tiến độ (%)').fill(String(next))
  await report.getByRole('button', { name: 'Báo cáo tiến độ' }).click()
  await expect(officer.getByText('Vui lòng nhập thông tin này.')).toBeVisible()
  await report.getByLabel('Nội dung báo cáo').fill('Đã tổ chức hội nghị quán triệt tại 12/14 đơn vị')
  await report.getByRole('button', { name: 'Báo cáo tiến độ' }).click()
  await expect(officer.getByRole('status')).toContainText('Đã cập nhật nhiệm vụ.')

  await expect(office.getByTestId('task-progress')).toHaveText(`${next}%`)
  await expect(office.getByTestId('task-history')).toContainText('Đã tổ chức hội nghị quán triệt tại 12/14 đơn vị')
  await officeContext.close()
  await unitContext.close()
})

test('a double click on “report progress” records one report, with or without JavaScript; the page says who reported and what the notice assigned', async ({ browser }) => {
  const officeContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const office = await officeContext.newPage()
  await login(office, 'vanphong')
  const tasks = (await (await office.request.get('/api/v1/tasks')).json()) as { items: { id: number; completedOn: string | null; completionDeclaredOn: string | null; leadUnitId: number; progress: number }[] }
  const task = tasks.items.find((t) => !t.completedOn && !t.completionDeclaredOn && t.progress < 80)
  test.skip(!task, 'The demo has no open task yet.')
  const unit = (await (await office.request.get(`/api/v1/units/${task!.leadUnitId}`)).json()) as { code: string; name: string }
  const reportsWith = async (text: string) => {
    const detail = (await (await office.request.get(`/api/v1/tasks/${task!.id}`)).json()) as { history: { kind: string; text: string | null }[] }
    return detail.history.filter((e) => e.kind === 'progress' && e.text === text).length
  }

  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', javaScriptEnabled })
    const officer = await context.newPage()
    await officer.goto('/login')
    await officer.getByLabel('Tên đăng nhập').fill(unit.code.toLowerCase())
    await officer.getByLabel('Mật khẩu').fill(process.env.DEMO_PASSWORD ?? 'nghisu-demo')
    await officer.getByRole('button', { name: 'Đăng nhập' }).click()
    await expect(officer.getByRole('heading', { level: 1, name: /^Xin chào/ })).toBeVisible()
    await officer.goto(`/tasks/${task!.id}`)
    // What the notice assigned, and the lead unit, as the notice words it.
    await expect(officer.getByTestId('task-sentence')).toContainText(`Giao ${unit.name} chủ trì`)
    await expect(officer.getByTestId('task-leader')).not.toBeEmpty()
    const percent = String(task!.progress + (javaScriptEnabled ? 5 : 10))
    const text = `Báo cáo bấm hai lần (${javaScriptEnabled ? 'có' : 'không có'} JavaScript)`
    const report = officer.locator('form', { has: officer.getByRole('button', { name: 'Báo cáo tiến độ' }) })
    await report.getByLabel('Tiến độ (%)').fill(percent)
    await report.getByLabel('Nội dung báo cáo').fill(text)
    const key = await report.locator('input[name="_key"]').inputValue()
    expect(key).toMatch(/^[A-Za-z0-9]{16,}$/)
    await report.getByRole('button', { name: 'Báo cáo tiến độ' }).dblclick()
    await expect(officer.getByTestId('task-history')).toContainText(text)
    if (javaScriptEnabled) {
      await expect(officer.getByRole('status')).toContainText('Đã cập nhật nhiệm vụ.')
      // The form is emptied for the next report.
      await expect(report.getByLabel('Nội dung báo cáo')).toHaveValue('')
    }
    // Who reported is named in the history.
    await expect(officer.getByTestId('task-history').locator('li', { hasText: text }).getByTestId('task-event-actor')).not.toBeEmpty()
    await expect.poll(() => reportsWith(text)).toBe(1)
    // The same filling-in sent again (a resubmitted page, a retry) is refused by the server.
    const again = await officer.request.post(`/tasks/${task!.id}`, { form: { intent: 'progress', percent, text, _key: key }, headers: { Origin: new URL(officer.url()).origin }, maxRedirects: 0 })
    expect(again.status()).toBe(302)
    expect(await reportsWith(text)).toBe(1)
    await context.close()
  }
  await officeContext.close()
})
