import fs from 'node:fs'
import type { Browser } from '@playwright/test'
import JSZip from 'jszip'
import { expect, fillDate, fillTime, login, pageErrors, seriousViolations, test, watchConsole } from './fixtures'

/**
 * A confidence poll of three leaders with five voters, each in their own browser: the ballot is
 * secret by construction (a blindly signed token, sent without cookies), the quorum shows as a
 * count, the counting board closes it and sees the result table, the record downloads as DOCX.
 */
async function signedIn(browser: Browser, username: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const page = await context.newPage()
  watchConsole(page)
  await login(page, username)
  return page
}
const vnDay = (offset: number) => new Date(Date.now() + 7 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)
const VOTERS = ['uyvien1', 'uyvien2', 'uyvien3', 'uyvien4', 'uyvien5']
const VOTER_NAMES = ['Võ Trọng Hải', 'Trần Thế Dũng', 'Nguyễn Thị Nữ Ý', 'Lê Ngọc Châu', 'Phan Thiên Định']
const BOARD_NAMES = ['Đặng Quốc Vinh', 'Nguyễn Hồng Lĩnh', 'Trần Báu Hà']

test('the Office sets up a poll, five voters vote in their own browsers, the board closes it and reads the results; the DOCX parses', async ({ browser }) => {
  test.setTimeout(120_000)
  const office = await signedIn(browser, 'vanphong')
  await office.goto('/polls')
  await office.getByLabel('Tên đợt lấy phiếu').fill('Lấy phiếu tín nhiệm giữa nhiệm kỳ (kiểm thử)')
  await office.getByLabel(/Đồng chí chủ trì/).selectOption({ label: 'Nguyễn Văn Thắng' })
  await fillTime(office, 'Giờ bắt đầu', '00:00')
  await fillDate(office, 'Ngày kết thúc', vnDay(1))
  await office.getByLabel(/Người được lấy phiếu/).fill('Hoàng Trung Dũng; Phó Bí thư Thường trực Tỉnh ủy; Tỉnh ủy\nDương Tất Thắng; Phó Chủ tịch HĐND tỉnh; HĐND tỉnh\nBùi Thị Quỳnh Vân; Chủ tịch Ủy ban MTTQ tỉnh; Ủy ban MTTQ tỉnh')
  const pick = async (id: string, names: string[]) => {
    const values = await office.locator(`#${id} option`).evaluateAll((options, wanted) => options.filter((o) => (wanted as string[]).some((n) => o.textContent?.startsWith(`${n} —`))).map((o) => (o as HTMLOptionElement).value), names)
    expect(values).toHaveLength(names.length)
    await office.locator(`#${id}`).selectOption(values)
  }
  await pick('poll-voterUserIds', VOTER_NAMES)
  await pick('poll-boardUserIds', BOARD_NAMES)
  await office.getByRole('button', { name: 'Tạo đợt lấy phiếu' }).click()
  await expect(office.getByTestId('poll-state')).toHaveText('Chuẩn bị')
  const pollPath = new URL(office.url()).pathname
  await office.getByRole('button', { name: 'Mở bỏ phiếu' }).click()
  await expect(office.getByTestId('poll-state')).toHaveText('Đang bỏ phiếu')
  await expect(office.getByTestId('poll-progress')).toContainText('đã nhận 0 phiếu · triệu tập 5 — cần ít nhất 4 phiếu')

  // Five voters, five browsers, at the same time. One leaves a person blank (confirmed).
  const voters = await Promise.all(VOTERS.map((u) => signedIn(browser, u, 390)))
  await Promise.all(
    voters.map(async (page, i) => {
      await page.goto(pollPath)
      const form = page.getByTestId('ballot-form')
      await form.getByRole('group', { name: /Hoàng Trung Dũng/ }).getByLabel(i < 3 ? 'Tín nhiệm thấp' : 'Tín nhiệm cao').check()
      await form.getByRole('group', { name: /Dương Tất Thắng/ }).getByLabel('Tín nhiệm', { exact: true }).check()
      if (i !== 4) await form.getByRole('group', { name: /Bùi Thị Quỳnh Vân/ }).getByLabel('Tín nhiệm cao').check()
      if (i === 4) page.once('dialog', (d) => void d.accept())
      await form.getByRole('button', { name: 'Bỏ phiếu' }).click()
      await expect(page.getByTestId('ballot-sent')).toBeVisible({ timeout: 15_000 })
    }),
  )
  expect(await seriousViolations(voters[0]!)).toEqual([])
  // The count is live on the Office's page; who voted is never shown.
  await expect(office.getByTestId('poll-progress')).toContainText('đã nhận 5 phiếu')
  await expect(office.getByTestId('poll-progress')).toContainText('Đủ 2/3 số được triệu tập tham gia')
  // A voter who comes back cannot vote again.
  await voters[0]!.reload()
  await expect(voters[0]!.getByTestId('ballot-sent').or(voters[0]!.getByTestId('ballot-already'))).toBeVisible()

  // The counting board closes the poll and sees the results.
  const board = await signedIn(browser, 'uyvien6')
  await board.goto(pollPath)
  await expect(board.getByText(/Kết quả chỉ hiện sau khi kết thúc/)).toBeVisible()
  board.once('dialog', (d) => void d.accept())
  await board.getByRole('button', { name: 'Kết thúc bỏ phiếu' }).click()
  await expect(board.getByTestId('poll-state')).toHaveText('Đã kết thúc')
  const results = board.getByTestId('poll-results')
  const first = results.getByRole('row', { name: /Hoàng Trung Dũng/ })
  await expect(first).toContainText('3 (60,0 %)')
  await expect(first).toContainText('Trên 1/2 tín nhiệm thấp')
  await expect(results.getByRole('row', { name: /Bùi Thị Quỳnh Vân/ })).toContainText('4 (80,0 %)')
  expect(await seriousViolations(board)).toEqual([])
  const [download] = await Promise.all([board.waitForEvent('download'), board.getByTestId('results-docx').click()])
  const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!))
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  // A voter finds their ballot in the list of ballots received.
  await voters[1]!.reload()
  await expect(voters[1]!.getByTestId('my-ballot-check')).toHaveText('Phiếu của đồng chí có trong danh sách mã phiếu đã nhận.')
  for (const expected of ['BIÊN BẢN KIỂM PHIẾU', 'Hoàng Trung Dũng', 'Trên 1/2 tín nhiệm thấp', 'TRƯỞNG BAN KIỂM PHIẾU', 'Đặng Quốc Vinh']) expect(text).toContain(expected)
  expect(pageErrors).toEqual([])
})
