import fs from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import JSZip from 'jszip'
import { expect, login, pageErrors, seriousViolations, test, watchConsole } from './fixtures'

/**
 * The meeting in session with three screens at once: the chair's console (desktop), a delegate's
 * phone and the room's big screen (opened with a display link, nobody signed in).
 */
const MEETING = 'Hội nghị Ban Thường vụ Tỉnh ủy: cho ý kiến về tình hình kinh tế - xã hội'
// The two tests share the seeded meeting's session: the room first, then its minutes.
test.describe.configure({ mode: 'serial' })
let hallPath = ''

async function signedIn(browser: Browser, username: string, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const page = await context.newPage()
  watchConsole(page)
  await login(page, username)
  return page
}

/** Seconds shown by a countdown ("4:58" → 298; "+0:03" → -3). */
async function shownSeconds(page: Page) {
  const text = (await page.getByTestId('countdown').first().innerText()).split('\n')[0]!.trim()
  const [, sign, m, s] = /^(\+?)(\d+):(\d\d)/.exec(text)!
  const value = Number(m) * 60 + Number(s)
  return sign ? -value : value
}

test('check in by code, ask to speak, the floor with its countdown on every screen, a named and a secret vote with results on all three', async ({ browser, page: _unused }) => {
  test.setTimeout(90_000)
  const chair = await signedIn(browser, 'bithu', { width: 1366, height: 900 })
  await chair.goto('/schedule')
  await chair.getByRole('link', { name: MEETING }).first().click()
  await chair.getByTestId('hall-link').click()
  await chair.waitForURL(/\/meetings\/\d+\/live$/)
  await expect(chair.getByRole('heading', { level: 1, name: MEETING })).toBeVisible()
  const hallUrl = new URL(chair.url())
  expect(hallUrl.pathname).toMatch(/^\/meetings\/\d+\/live$/)
  hallPath = hallUrl.pathname

  await chair.getByRole('button', { name: 'Khai mạc phiên họp' }).click()
  await expect(chair.getByTestId('session-state')).toHaveText('Đang họp')

  // A display link for the hall's screen, opened where nobody is signed in.
  await chair.getByLabel('Tên màn hình (ví dụ: Hội trường A)').fill('Hội trường Tỉnh ủy')
  await chair.getByRole('button', { name: 'Tạo đường dẫn màn hình' }).click()
  const link = await chair.getByTestId('display-link').innerText()
  const screenContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const screen = await screenContext.newPage()
  watchConsole(screen)
  await screen.goto(link)
  await expect(screen.getByRole('heading', { level: 1, name: MEETING })).toBeVisible()
  const code = await screen.getByTestId('screen-code').innerText()
  expect(code).toMatch(/^\d{6}$/)
  await expect(chair.getByTestId('console-code')).toHaveText(/^\d{6}$/)

  // The delegate checks in on the phone with the code from the screen, after the rules.
  const delegate = await signedIn(browser, 'uyvien1', { width: 390, height: 844 })
  await delegate.goto(hallUrl.pathname)
  await expect(delegate.getByTestId('rules-text')).toContainText('Không sử dụng điện thoại')
  await delegate.getByLabel('Mã điểm danh trên màn hình phòng họp (6 chữ số)').fill('000000')
  await delegate.getByRole('button', { name: 'Điểm danh', exact: true }).click()
  await expect(delegate.getByText('Vui lòng xác nhận cam kết chấp hành nội quy cuộc họp.').first()).toBeVisible()
  await delegate.getByLabel('Tôi đã đọc và cam kết chấp hành nội quy cuộc họp').first().check()
  await delegate.getByRole('button', { name: 'Điểm danh', exact: true }).click()
  const wrongOrCurrent = delegate.getByTestId('my-attendance').or(delegate.getByText(/Mã điểm danh không đúng hoặc đã hết hạn/))
  await expect(wrongOrCurrent).toBeVisible()
  if (!(await delegate.getByTestId('my-attendance').isVisible())) {
    // The typed code (000000) was refused, and kept: type the one on the screen.
    await delegate.getByLabel('Mã điểm danh trên màn hình phòng họp (6 chữ số)').fill(await screen.getByTestId('screen-code').innerText())
    await delegate.getByRole('button', { name: 'Điểm danh', exact: true }).click()
  }
  await expect(delegate.getByTestId('my-attendance')).toContainText('Đồng chí đã điểm danh: Có mặt')
  expect(await seriousViolations(delegate)).toEqual([])

  // The chair checks in too (a member who votes) — through the QR link, code filled in.
  await chair.goto(`${hallUrl.pathname}?code=${await screen.getByTestId('screen-code').innerText()}`)
  await chair.getByLabel('Tôi đã đọc và cam kết chấp hành nội quy cuộc họp').first().check()
  await chair.getByRole('button', { name: 'Điểm danh', exact: true }).click()
  await expect(chair.getByTestId('my-attendance')).toBeVisible()
  await expect(screen.getByText(/Có mặt 2\/15 thành viên/)).toBeVisible()

  // Asking to speak; the chair gives the floor; the countdown runs on the screen and the phone.
  await delegate.getByLabel('Nội dung muốn phát biểu (không bắt buộc)').fill('Về tiến độ giải ngân đầu tư công')
  await delegate.getByRole('button', { name: 'Đăng ký phát biểu' }).click()
  await expect(delegate.getByTestId('my-request')).toContainText('thứ tự 1')
  await expect(chair.getByTestId('queue')).toContainText('Võ Trọng Hải')
  await expect(screen.getByTestId('screen-next')).toContainText('Võ Trọng Hải')
  await chair.getByTestId('queue').getByRole('button', { name: 'Mời phát biểu' }).click()
  await expect(screen.getByTestId('screen-speaker')).toContainText('Võ Trọng Hải')
  await expect(delegate.getByTestId('floor-speaker')).toContainText('Võ Trọng Hải')
  // Five minutes for this type: the screens agree within a second, and it counts down.
  const [onScreen, onPhone] = await Promise.all([shownSeconds(screen), shownSeconds(delegate)])
  expect(onScreen).toBeGreaterThan(280)
  expect(onScreen).toBeLessThanOrEqual(300)
  expect(Math.abs(onScreen - onPhone)).toBeLessThanOrEqual(1)
  await chair.getByRole('button', { name: '+1 phút' }).click()
  await expect.poll(() => shownSeconds(screen)).toBeGreaterThan(330)
  await chair.getByRole('button', { name: 'Tạm dừng', exact: true }).click()
  await expect(screen.getByTestId('countdown')).toContainText('Tạm dừng')
  await expect(delegate.getByTestId('countdown')).toContainText('Tạm dừng')
  await chair.getByRole('button', { name: 'Kết thúc phát biểu' }).click()
  await expect(delegate.getByText('Chưa có ai phát biểu.')).toBeVisible()
  await expect(screen.getByTestId('screen-speaker')).toHaveCount(0)
  await expect(chair.getByTestId('speaking-totals')).toContainText('Võ Trọng Hải')

  // A named vote.
  await chair.getByLabel('Nội dung biểu quyết').fill('Thông qua báo cáo tình hình kinh tế - xã hội')
  await chair.getByRole('button', { name: 'Mở biểu quyết' }).click()
  await expect(screen.getByTestId('screen-vote')).toContainText('Đã biểu quyết 0/2')
  await delegate.getByTestId('open-vote').getByRole('button', { name: 'Đồng ý', exact: true }).click()
  await expect(delegate.getByTestId('my-ballot')).toBeVisible()
  await chair.getByTestId('open-vote').getByRole('button', { name: 'Không đồng ý' }).click()
  await expect(screen.getByTestId('screen-vote')).toContainText('Đã biểu quyết 2/2')
  await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click()
  for (const p of [chair, delegate]) await expect(p.getByTestId('vote-result').first()).toContainText('1 đồng ý · 1 không đồng ý · 0 không biểu quyết')
  await expect(screen.getByTestId('screen-result')).toContainText('1 đồng ý · 1 không đồng ý')
  // 2 of 15 members present: no quorum, so it does not pass, and every screen says why.
  await expect(screen.getByTestId('screen-result')).toContainText('Không thông qua')
  await expect(screen.getByTestId('screen-result')).toContainText('Chưa đủ số lượng')
  await chair.getByTestId('vote-result').first().getByText('Ai chọn gì').click()
  await expect(chair.getByTestId('vote-result').first()).toContainText('Võ Trọng Hải: Đồng ý')

  // A secret vote: progress while open, no result until closed, then counts only.
  await chair.getByLabel('Nội dung biểu quyết').fill('Biểu quyết kín về nhân sự')
  await chair.getByLabel(/Biểu quyết kín/).check()
  await chair.getByRole('button', { name: 'Mở biểu quyết' }).click()
  await delegate.getByTestId('open-vote').getByRole('button', { name: 'Đồng ý', exact: true }).click()
  await chair.getByTestId('open-vote').getByRole('button', { name: 'Đồng ý', exact: true }).click()
  await expect(screen.getByTestId('screen-vote')).toContainText('Đã biểu quyết 2/2')
  await expect(screen.getByTestId('screen-result')).toHaveCount(0)
  await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click()
  await expect(screen.getByTestId('screen-result')).toContainText('Biểu quyết kín về nhân sự')
  await expect(screen.getByTestId('screen-result')).toContainText('2 đồng ý · 0 không đồng ý')
  await expect(delegate.getByTestId('vote-result').first()).toContainText('2 đồng ý')
  await expect(chair.getByTestId('vote-result').first().getByText('Ai chọn gì')).toHaveCount(0)

  // A projector's 1024×768 and a phone's 390 px: nothing runs off the side; no serious axe finding.
  await screen.setViewportSize({ width: 1024, height: 768 })
  await expect(screen.getByTestId('screen-result')).toBeVisible()
  expect(await screen.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024)
  expect(await delegate.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  expect(await seriousViolations(screen)).toEqual([])

  // Revoking the display link blanks the screen.
  await chair.getByRole('button', { name: 'Thu hồi' }).click()
  await expect(screen.getByText('Đường dẫn màn hình không hợp lệ hoặc đã bị thu hồi.')).toBeVisible()
  expect(await seriousViolations(chair)).toEqual([])
  await screenContext.close()
  expect(pageErrors).toEqual([])
})

test('the minute-taker writes during the session: speeches and a vote appear live; the chair approves; the DOCX parses', async ({ browser }) => {
  test.setTimeout(90_000)
  const minutesPath = hallPath.replace(/live$/, 'minutes')
  // The Office (the meeting's secretary) starts the minutes: the skeleton is the room's so far.
  const taker = await signedIn(browser, 'vanphong', { width: 1366, height: 900 })
  await taker.goto(minutesPath)
  await taker.getByRole('button', { name: 'Bắt đầu ghi biên bản' }).click()
  const editor = taker.getByTestId('minutes-editor')
  await expect(editor).toContainText('Thành viên được triệu tập: 15 đồng chí')
  await expect(editor.locator('.speech-block')).toHaveCount(1)
  await expect(editor.locator('.vote-block')).toHaveCount(2)

  // Meanwhile the chair gives the floor to two speakers and holds a vote.
  const chair = await signedIn(browser, 'bithu', { width: 1366, height: 900 })
  await chair.goto(hallPath)
  for (const name of ['Trần Thế Dũng', 'Nguyễn Văn Thắng']) {
    if (name === 'Trần Thế Dũng') {
      await chair.getByTestId('attendance-list').locator('li', { hasText: name }).getByRole('button', { name: 'Ghi nhận' }).click()
      await expect(chair.getByTestId('attendance-list').locator('li', { hasText: name })).toContainText('Có mặt')
    }
    await chair.getByLabel('Người phát biểu').selectOption({ label: name })
    await chair.getByRole('button', { name: 'Thêm người phát biểu' }).click()
    await expect(chair.getByTestId('queue')).toContainText(name)
    await chair.getByTestId('queue').getByRole('button', { name: 'Mời phát biểu' }).click()
    await expect(chair.getByTestId('floor-speaker')).toContainText(name)
  }
  // Both speeches are in the minutes already (the second one still running).
  await expect(editor.locator('.speech-block')).toHaveCount(3)
  await expect(editor.locator('.speech-block').nth(2)).toContainText('đang phát biểu')
  await chair.getByRole('button', { name: 'Kết thúc phát biểu' }).click()
  await expect(editor.locator('.speech-block').nth(2)).not.toContainText('đang phát biểu')

  // The minute-taker summarises the first new speech while the vote runs.
  await editor.locator('.speech-block').nth(1).locator('.speech-summary p').click()
  await taker.keyboard.type('Đề nghị đẩy nhanh tiến độ giải ngân vốn đầu tư công.')
  await chair.getByLabel('Nội dung biểu quyết').fill('Thông qua chủ trương đầu tư')
  await chair.getByRole('button', { name: 'Mở biểu quyết' }).click()
  await chair.getByTestId('open-vote').getByRole('button', { name: 'Đồng ý', exact: true }).click()
  await expect(chair.getByTestId('my-ballot')).toBeVisible()
  await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click()
  await expect(editor.locator('.vote-block')).toHaveCount(3)
  await expect(editor.locator('.vote-block').nth(2)).toContainText('Thông qua chủ trương đầu tư')
  await expect(editor.locator('.speech-block').nth(1)).toContainText('Đề nghị đẩy nhanh tiến độ giải ngân vốn đầu tư công.')
  // And the chair's conclusion on the item.
  await editor.locator('.item-conclusion .item-conclusion-text p').first().click()
  await taker.keyboard.type('Giao Ủy ban nhân dân tỉnh chỉ đạo đẩy nhanh giải ngân.')
  await expect(taker.getByTestId('minutes-save-state')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 })
  await taker.getByRole('button', { name: 'Trình chủ trì duyệt' }).click()
  await expect(taker.getByTestId('minutes-status')).toHaveText('Chờ chủ trì duyệt')

  // The chair approves: numbered, the text fixed, the signatories recorded.
  await chair.goto(minutesPath)
  chair.once('dialog', (d) => void d.accept())
  await chair.getByRole('button', { name: 'Duyệt biên bản' }).click()
  await expect(chair.getByTestId('minutes-status')).toHaveText('Đã duyệt')
  await expect(chair.getByTestId('minutes-html')).toContainText('Đề nghị đẩy nhanh tiến độ giải ngân vốn đầu tư công.')
  await expect(chair.getByTestId('minutes-signatories')).toContainText('Chủ trì: Nguyễn Văn Thắng · Thư ký: Trần Thị Hồng Vân')
  const heading = await chair.getByRole('heading', { name: /^Biên bản Số \d+-BB\/TU/ }).innerText()
  const number = /Số \d+-BB\/TU/.exec(heading)![0]
  const [download] = await Promise.all([chair.waitForEvent('download'), chair.getByTestId('minutes-docx').click()])
  const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!))
  const xml = await zip.file('word/document.xml')!.async('string')
  const text = xml.replace(/<[^>]+>/g, '')
  for (const expected of ['BIÊN BẢN', number, 'Đề nghị đẩy nhanh tiến độ giải ngân vốn đầu tư công.', 'Thông qua chủ trương đầu tư', 'THƯ KÝ', 'CHỦ TRÌ']) expect(text).toContain(expected)
  expect(await seriousViolations(chair)).toEqual([])

  // The conclusion notice starts from the chair's conclusions in the minutes; the task links back to its item.
  await chair.goto(hallPath.replace(/live$/, 'conclusion'))
  await chair.getByTestId('from-minutes').click()
  const notice = chair.getByTestId('conclusion-editor')
  await expect(notice).toContainText('Giao Ủy ban nhân dân tỉnh chỉ đạo đẩy nhanh giải ngân.')
  await expect(notice.getByTestId('task-from-item')).toContainText('Từ nội dung 1. Báo cáo tình hình kinh tế - xã hội')
  expect(pageErrors).toEqual([])
})
