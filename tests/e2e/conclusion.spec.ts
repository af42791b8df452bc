import type { Page } from '@playwright/test'
import { expect, fillDate, login, seriousViolations, test } from './fixtures'

const vietnamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The Office creates a meeting held earlier today (through the API), chaired by `chairId`. */
async function meetingToday(office: Page, baseURL: string, chairId: number, title: string) {
  const types = (await (await office.request.get('/api/v1/meeting-types')).json()) as { items: { id: number }[] }
  const created = await office.request.post('/api/v1/meetings', {
    headers: { Origin: baseURL },
    data: { title, meetingTypeId: types.items[0]!.id, offProgrammeReason: 'Kiểm thử kết luận', chairUserId: chairId, date: vietnamToday(), startTime: '00:01', endTime: '00:02', mode: 'in_person', location: 'Phòng họp số 1', confirmConflicts: true },
  })
  expect(created.status()).toBe(201)
  return ((await created.json()) as { id: number }).id
}

test('the chair concludes with two tasks and issues the notice; the lead unit reports; the chair’s dashboard follows live', async ({ browser, baseURL }) => {
  test.setTimeout(120_000)
  const ctx = () => browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const [officeContext, chairContext, unitContext] = await Promise.all([ctx(), ctx(), ctx()])
  const [office, chair, officer] = await Promise.all([officeContext.newPage(), chairContext.newPage(), unitContext.newPage()])

  // The Office sets up a meeting held earlier today, chaired by the Standing Deputy Secretary.
  await login(chair, 'phobithu')
  const chairId = ((await (await chair.request.get('/api/v1/me')).json()) as { id: number }).id
  await login(office, 'vanphong')
  const title = `Họp Ban Thường vụ về công tác cán bộ ${Date.now()}`
  const meetingId = await meetingToday(office, baseURL!, chairId, title)

  // 1. The chair drafts: a summary line and two task blocks, the second without a lead unit.
  await chair.goto(`/meetings/${meetingId}/conclusion`)
  await expect(chair.getByRole('heading', { level: 1, name: 'Thông báo kết luận' })).toBeVisible()
  await chair.getByLabel('Trích yếu').fill('của Ban Thường vụ Tỉnh ủy về công tác cán bộ')
  await chair.locator('.ProseMirror').click()
  const deadline = plusDays(vietnamToday(), 40)
  await chair.getByRole('button', { name: '+ Giao nhiệm vụ' }).click()
  const first = chair.getByTestId('task-block').nth(0)
  await first.getByLabel('Nội dung nhiệm vụ').fill(`rà soát quy hoạch cán bộ ${title.slice(-6)}`)
  await first.getByLabel('Đơn vị chủ trì').selectOption({ label: 'Ban Tổ chức Tỉnh ủy' })
  await first.getByLabel(/Đơn vị phối hợp/).selectOption({ label: 'Sở Nội vụ' })
  await fillDate(first, 'Hoàn thành trước ngày', deadline)
  await first.getByRole('button', { name: 'Xong' }).click()
  await expect(first).toContainText('Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ rà soát quy hoạch cán bộ')
  await chair.getByRole('button', { name: '+ Giao nhiệm vụ' }).click()
  const second = chair.getByTestId('task-block').nth(1)
  await second.getByLabel('Nội dung nhiệm vụ').fill('tổng hợp ý kiến các địa phương')
  await fillDate(second, 'Hoàn thành trước ngày', plusDays(vietnamToday(), 60))
  await expect(chair.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  expect(await seriousViolations(chair)).toEqual([])

  // 2. Issuing asks first, naming the number it will take; then it is refused and names the block without a lead unit.
  const asked: string[] = []
  chair.on('dialog', (dialog) => {
    asked.push(dialog.message())
    void dialog.accept()
  })
  await chair.getByRole('button', { name: 'Ban hành thông báo' }).click()
  await expect(chair.getByText('Chưa ban hành được: có nhiệm vụ thiếu đơn vị chủ trì')).toBeVisible()
  await expect(chair.getByTestId('task-block').nth(1).getByTestId('task-block-problems')).toContainText('Chưa chọn đơn vị chủ trì')
  await expect(chair.getByTestId('task-block').nth(0).getByTestId('task-block-problems')).toHaveCount(0)

  // 3. With the lead unit chosen, it is issued with a number; the DOCX downloads.
  await chair.getByTestId('task-block').nth(1).getByLabel('Đơn vị chủ trì').selectOption({ label: 'Văn phòng Tỉnh ủy' })
  await expect(chair.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await chair.getByRole('button', { name: 'Ban hành thông báo' }).click()
  await expect(chair.getByRole('status').filter({ hasText: /Đã ban hành Số \d+-TB\/TU\./ })).toBeVisible()
  await expect(chair.getByTestId('notice-number')).toHaveText(/^Số \d+-TB\/TU$/)
  // The number it was issued with is the one the chair confirmed.
  const number = (await chair.getByTestId('notice-number').textContent())!
  expect(asked.at(-1)).toBe(`Ban hành thông báo ${number}? Số văn bản đã cấp không lấy lại được.`)
  await expect(chair.getByTestId('notice-timing')).toHaveText('Đúng hạn')
  await expect(chair.getByTestId('recipients')).toContainText('Ban Tổ chức Tỉnh ủy')
  // The page lists Nơi nhận as the DOCX and PDF do, the Office's file copy last.
  await expect(chair.getByTestId('recipients').getByRole('listitem').last()).toHaveText('- Lưu Văn phòng')
  const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByTestId('download-docx').click()])
  expect(download.suggestedFilename()).toMatch(/^Thông báo kết luận Số \d+-TB-TU\.docx$/)
  const { readFile } = await import('node:fs/promises')
  const bytes = await readFile((await download.path())!)
  expect(bytes.subarray(0, 2).toString()).toBe('PK')

  // 4. The chair follows the meeting's tasks; both are open within the deadline.
  await chair.goto(`/dashboard?meeting=${meetingId}`)
  await expect(chair.getByTestId('count-open_within')).toHaveText('2')
  await expect(chair.getByTestId('count-done_on_time')).toHaveText('0')
  expect(await seriousViolations(chair)).toEqual([])
  const row = chair.getByTestId('dashboard-tasks').locator('li', { hasText: 'rà soát quy hoạch cán bộ' })
  await expect(row.getByTestId('dashboard-progress')).toHaveText('0%')

  // 5. The lead unit's officer finds the task and reports 50%; the chair's open dashboard shows it.
  await login(officer, 'bantochuc')
  await officer.goto('/tasks')
  await officer.getByRole('link', { name: new RegExp(`rà soát quy hoạch cán bộ ${title.slice(-6)}`) }).click()
  const report = officer.locator('form', { has: officer.getByRole('button', { name: 'Báo cáo tiến độ' }) })
  await report.getByLabel('Tiến độ (%)').fill('50')
  await report.getByLabel('Nội dung báo cáo').fill('Đã rà soát 7/14 đơn vị')
  await report.getByLabel('Tệp đính kèm').setInputFiles({ name: 'Báo cáo rà soát.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') })
  await report.getByRole('button', { name: 'Báo cáo tiến độ' }).click()
  await expect(officer.getByRole('status')).toContainText('Đã cập nhật nhiệm vụ.')
  await expect(officer.getByTestId('task-history').getByRole('link', { name: 'Báo cáo rà soát.pdf' })).toBeVisible()
  await expect(row.getByTestId('dashboard-progress')).toHaveText('50%')

  // 6. The officer declares completion; the chair accepts it; the buckets change.
  const completion = officer.locator('form', { has: officer.getByRole('button', { name: 'Báo cáo hoàn thành' }) })
  await fillDate(completion, 'Ngày hoàn thành', vietnamToday())
  await completion.getByLabel('Nội dung báo cáo').fill('Đã hoàn thành rà soát, gửi kèm báo cáo')
  await completion.getByRole('button', { name: 'Báo cáo hoàn thành' }).click()
  await expect(officer.getByRole('status')).toContainText('Đã cập nhật nhiệm vụ.')
  // Until the decision, the task says it awaits acceptance and offers the unit nothing more to report.
  await expect(officer.getByTestId('task-status')).toHaveText(/^Chờ công nhận hoàn thành/)
  await expect(officer.getByRole('button', { name: 'Báo cáo tiến độ' })).toHaveCount(0)
  await expect(officer.getByRole('button', { name: 'Đề nghị gia hạn' })).toHaveCount(0)
  const taskUrl = officer.url()
  const decider = await chairContext.newPage()
  await decider.goto(taskUrl)
  await decider.getByRole('button', { name: 'Đồng ý', exact: true }).click()
  await expect(decider.getByRole('status')).toContainText('Đã cập nhật nhiệm vụ.')
  await expect(chair.getByTestId('count-done_on_time')).toHaveText('1')
  await expect(chair.getByTestId('count-open_within')).toHaveText('1')

  await Promise.all([officeContext.close(), chairContext.close(), unitContext.close()])
})

test('the Office’s draft survives a reload before it was saved and a dropped connection', async ({ page, context, baseURL }) => {
  test.info().annotations.push({ type: 'allow-console', description: 'ERR_INTERNET_DISCONNECTED|WebSocket' })
  page.on('dialog', (dialog) => void dialog.accept()) // "leave the page?" while a change is unsaved
  await login(page, 'vanphong')
  const chair = ((await (await page.request.get('/api/v1/users?q=phobithu')).json()) as { items: { id: number }[] }).items[0]!.id
  const meetingId = await meetingToday(page, baseURL!, chair, `Họp kiểm thử tự lưu ${Date.now()}`)
  await page.goto(`/meetings/${meetingId}/conclusion`)
  await page.getByLabel('Trích yếu').fill('về kiểm thử tự lưu')
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')

  // Typed, then the page is reloaded before the autosave: the text comes back from this device.
  await page.locator('.ProseMirror p').last().click()
  await page.keyboard.type('Đoạn văn chưa kịp lưu.')
  await page.reload()
  await expect(page.getByText('Đã khôi phục nội dung chưa kịp lưu từ lần trước.')).toBeVisible()
  await expect(page.locator('.ProseMirror')).toContainText('Đoạn văn chưa kịp lưu.')
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')

  // The connection drops while typing: the page says so, keeps the text, and saves when it returns.
  await context.setOffline(true)
  await page.locator('.ProseMirror p').last().click()
  await page.keyboard.press('End')
  await page.keyboard.type(' Gõ khi mất mạng.')
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'offline')
  await context.setOffline(false)
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 })

  // The server has both; an earlier version can be viewed.
  await page.reload()
  await expect(page.locator('.ProseMirror')).toContainText('Đoạn văn chưa kịp lưu. Gõ khi mất mạng.')
  await expect(page.getByText('Đã khôi phục')).toHaveCount(0)
  await page.getByTestId('versions').getByRole('link').first().click()
  await expect(page.getByTestId('version-view')).toContainText('Gõ khi mất mạng.')
})
