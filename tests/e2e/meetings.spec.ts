import { choosePerson, expect, fillDate, fillTime, login, seriousViolations, test } from './fixtures'

/** A weekday six to ten weeks ahead, clear of the demo meetings (and of a retried attempt's). */
function futureDate() {
  const d = new Date(Date.now() + (45 + Math.floor(Math.random() * 30)) * 86_400_000)
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

test('the Office schedules a meeting from the programme; a delegate declines; the Office sees it live', async ({ browser }) => {
  // A long story in two browsers: on a 2-core machine running both workers it needs more than 30 s.
  test.setTimeout(90_000)
  const officeContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const delegateContext = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const office = await officeContext.newPage()
  const delegate = await delegateContext.newPage()
  const errors: string[] = []
  for (const page of [office, delegate]) page.on('pageerror', (e) => errors.push(e.message))

  // 1. The Office adds an item to this year's programme.
  await login(office, 'vanphong')
  await office.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Chương trình công tác' }).click()
  await office.getByRole('link', { name: /^Chương trình công tác năm \d{4} của Ban Thường vụ Tỉnh ủy$/ }).click()
  expect(await seriousViolations(office)).toEqual([])
  const content = `Chuyên đề chuyển đổi số cấp xã, phường (${Date.now() % 100000})`
  const addItem = office.locator('form', { has: office.getByRole('button', { name: 'Thêm nội dung' }) })
  await addItem.getByLabel('Nội dung').fill(content)
  await addItem.getByLabel('Tháng dự kiến').selectOption({ label: 'Tháng 12' })
  await addItem.getByLabel('Loại cuộc họp').selectOption({ label: 'Họp chuyên đề' })
  await addItem.getByLabel('Người chủ trì').selectOption({ label: 'Nguyễn Văn Thắng' })
  await addItem.getByLabel('Cơ quan chuẩn bị').selectOption({ label: '\u00A0\u00A0\u00A0Ban Chính sách, chiến lược Tỉnh ủy' })
  await addItem.getByRole('button', { name: 'Thêm nội dung' }).click()
  await expect(office.getByRole('status')).toContainText('Đã thêm nội dung vào chương trình.')

  // 2. It schedules a meeting from that item, with an agenda and participants.
  await office.getByRole('link', { name: content }).click()
  await office.getByRole('link', { name: 'Lên lịch cuộc họp' }).click()
  await expect(office.getByLabel('Tên cuộc họp')).toHaveValue(content)
  expect(await seriousViolations(office)).toEqual([])
  const meetingDay = futureDate()
  await fillDate(office, 'Ngày họp', meetingDay)
  await office.getByLabel('Địa điểm').fill('Phòng họp số 3, trụ sở Tỉnh ủy')
  await office.getByRole('button', { name: 'Thêm nội dung' }).click()
  await office.getByLabel('2. Nội dung').fill('Thảo luận, cho ý kiến')
  // Reorder by keyboard: focus "Up" on item 2 and press Enter.
  await office.getByRole('button', { name: 'Lên: 2' }).focus()
  await office.keyboard.press('Enter')
  await expect(office.getByLabel('1. Nội dung')).toHaveValue('Thảo luận, cho ý kiến')
  await expect(office.getByLabel('2. Nội dung')).toHaveValue(content)
  // People are found by typing, without diacritics, and shown as removable tags.
  await choosePerson(office, 'Thành viên (từng người)', 'dung to chuc', /Trần Thế Dũng/)
  await choosePerson(office, 'Thành viên (từng người)', 'nu y', /Nguyễn Thị Nữ Ý/)
  const chosen = office.getByRole('grid', { name: /Đã chọn — Thành viên/ })
  await expect(chosen.getByRole('row')).toHaveCount(2)
  await choosePerson(office, 'Thư ký', 'hong van', /Trần Thị Hồng Vân/)
  // "duc" (no diacritics, no đ) finds the people named Đức.
  await office.getByRole('combobox', { name: 'Khách mời (từng người)' }).fill('duc')
  await expect(office.getByRole('option', { name: /Đức/ }).first()).toBeVisible()
  await office.getByRole('combobox', { name: 'Khách mời (từng người)' }).fill('')
  await office.getByRole('button', { name: 'Tạo mới' }).click()
  await expect(office.getByRole('status')).toContainText('Đã tạo cuộc họp.')
  await expect(office.getByRole('heading', { level: 1 })).toHaveText(content)
  await expect(office.locator('ol li').first()).toContainText('Thảo luận, cho ý kiến')

  // 3. Invitations are an explicit act; the page says whether they went out in time.
  // Fewer people than a «Họp chuyên đề» usually has (the Standing Committee): the Office is asked first.
  await office.getByRole('button', { name: 'Gửi giấy mời' }).click()
  const few = office.getByTestId('few-participants')
  await expect(few).toBeFocused()
  await expect(few).toContainText('ít hơn thành phần thường có của loại «Họp chuyên đề»')
  await few.getByLabel('Thành phần như vậy là đúng, vẫn gửi giấy mời').check()
  await office.getByRole('button', { name: 'Gửi giấy mời' }).click()
  await expect(office.getByRole('status')).toContainText(/Đã gửi giấy mời cho \d+ người\./)
  await expect(office.getByTestId('invitation-timing')).toContainText('Gửi đúng hạn')
  expect(await seriousViolations(office)).toEqual([])
  const dung = office.getByTestId('participants').locator('li', { hasText: 'Trần Thế Dũng' })
  await expect(dung).toContainText('Chưa trả lời')

  // 4. The delegate, in another browser, finds the invitation and declines with a reason.
  await login(delegate, 'uyvien2')
  await delegate.getByTestId('invitations').getByRole('link', { name: content }).click()
  // Before answering nothing is chosen for them, and the page says so.
  await expect(delegate.getByTestId('my-answer')).toHaveText('Bạn chưa trả lời giấy mời này.')
  for (const label of ['Tham dự', 'Vắng mặt']) await expect(delegate.getByLabel(label, { exact: true })).not.toBeChecked()
  // The substitute's picker appears only for "send someone" (it searches the directory on the server).
  await expect(delegate.getByRole('combobox', { name: 'Người dự thay' })).toHaveCount(0)
  await delegate.getByLabel('Cử người dự thay', { exact: true }).check()
  await expect(delegate.getByRole('combobox', { name: 'Người dự thay' })).toBeVisible()
  await delegate.getByLabel('Vắng mặt', { exact: true }).check()
  await delegate.getByRole('button', { name: 'Gửi xác nhận' }).click()
  await expect(delegate.getByText('Vui lòng nêu lý do vắng mặt.')).toBeVisible()
  await delegate.getByLabel('Lý do vắng mặt').fill('Đi công tác tại Hà Nội')
  await delegate.getByRole('button', { name: 'Gửi xác nhận' }).click()
  await expect(delegate.getByRole('status')).toContainText('Đã ghi nhận xác nhận của bạn.')
  await expect(delegate.getByTestId('my-answer')).toContainText('Bạn đã trả lời: Vắng (lúc ')
  // The declined meeting stays on their weekly schedule, marked as declined.
  await delegate.goto(`/schedule?week=${meetingDay}`)
  await expect(delegate.getByRole('row').filter({ hasText: content })).toContainText('Bạn đã báo vắng')
  await expect(delegate.getByText('Lịch của bạn')).toBeVisible()

  // 5. The Office's page, never reloaded, shows the decline.
  await expect(dung).toContainText('Vắng — Đi công tác tại Hà Nội')
  await expect(office.getByTestId('rsvp-summary')).toContainText('1 vắng')
  expect(errors).toEqual([])
  await officeContext.close()
  await delegateContext.close()
})

test('the weekly schedule and the working-day calendar are readable and accessible', async ({ page }) => {
  await login(page, 'giamsat')
  await page.getByRole('link', { name: 'Lịch tuần' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Lịch công tác tuần' })).toBeVisible()
  await expect(page.getByRole('table')).toContainText('Thứ Hai')
  expect(await seriousViolations(page)).toEqual([])
  await page.getByRole('link', { name: 'Tuần sau →' }).click()
  await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/)
  await page.setViewportSize({ width: 375, height: 800 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
  await page.goto('/working-days?year=2026')
  await expect(page.getByTestId('holidays')).toContainText('Tết Nguyên đán (mùng 1)')
  await expect(page.getByTestId('holidays')).toContainText('17/02/2026')
  expect(await seriousViolations(page)).toEqual([])
})

test('a delegate not invited to a meeting is refused', async ({ page }) => {
  await login(page, 'bantochuc')
  const response = await page.goto('/meetings/1')
  expect(response?.status()).toBe(403)
  await expect(page.getByText('Bạn không có quyền truy cập nội dung này.')).toBeVisible()
})

test('the Office imports a programme sheet: a wrong row is named and nothing is imported, then a right sheet is', async ({ page }) => {
  const { default: writeXlsxFile } = await import('write-excel-file/node')
  const header = ['Tháng', 'Ngày', 'Nội dung', 'Loại cuộc họp', 'Người chủ trì', 'Cơ quan chuẩn bị', 'Ghi chú'].map((value) => ({ value }))
  const row = (cells: (string | number)[]) => cells.map((value) => ({ value, type: typeof value === 'number' ? Number : String }))
  // Unique per attempt, so a retry does not see the first attempt's row.
  const content = `Hội nghị tổng kết công tác dân vận (nhập từ Excel ${Date.now()})`
  const good = row([12, '', content, 'Họp chuyên đề', 'phobithu', 'BANTGDV', ''])
  const bad = await writeXlsxFile([header, good, row([12, '', 'Nội dung có đơn vị sai', '', '', 'KHONGCO', ''])] as never, { buffer: true })
  const fine = await writeXlsxFile([header, good] as never, { buffer: true })

  await login(page, 'vanphong')
  await page.goto('/programme/1')
  const upload = page.locator('form', { has: page.getByRole('button', { name: 'Nhập', exact: true }) })
  await upload.getByLabel('Tệp Excel').setInputFiles({ name: 'chuong-trinh.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad })
  await upload.getByRole('button', { name: 'Nhập', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('Không nhập được')
  await expect(page.getByRole('alert')).toContainText('Hàng 3: Không có đơn vị mã «khongco».')
  await expect(page.getByTestId('programme-items')).not.toContainText(content)

  await upload.getByLabel('Tệp Excel').setInputFiles({ name: 'chuong-trinh.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: fine })
  await upload.getByRole('button', { name: 'Nhập', exact: true }).click()
  await expect(page.getByTestId('programme-items')).toContainText(content)
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('dates read dd/mm/yyyy and times 24-hour in Vietnamese even on an English browser', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Ho_Chi_Minh' })
  const page = await context.newPage()
  await login(page, 'vanphong')
  await page.goto('/meetings/new')
  await fillDate(page, 'Ngày họp', '2027-03-05')
  await expect(page.getByRole('group', { name: 'Ngày họp' })).toHaveText(/^05\/03\/2027/)
  await expect(page.locator('input[type=hidden][name=date]')).toHaveValue('2027-03-05')
  await fillTime(page, 'Bắt đầu', '14:30')
  const start = page.getByRole('group', { name: 'Bắt đầu' })
  await expect(start).toHaveText(/^\W*14:30\W*$/)
  // Two parts, hour and minute: no AM/PM.
  await expect(start.getByRole('spinbutton')).toHaveCount(2)
  await expect(page.locator('input[type=hidden][name=startTime]')).toHaveValue('14:30')
  // The calendar names its months in Vietnamese.
  await page.getByRole('button', { name: 'Mở lịch chọn ngày' }).first().click()
  await expect(page.getByRole('dialog').getByRole('heading')).toHaveText(/tháng 3.*2027/i)
  await context.close()
})

test('a date field reached from the keyboard becomes the segmented field with the focus in it', async ({ page }) => {
  await login(page, 'vanphong')
  await page.goto('/meetings/new')
  const group = page.getByRole('group', { name: 'Ngày họp' })
  // Before anyone touches it the page carries a plain text stand-in, not react-aria's field.
  await expect(group.getByRole('spinbutton')).toHaveCount(0)
  await group.getByRole('textbox').focus()
  const day = group.getByRole('spinbutton').first()
  await expect(day).toBeFocused()
  await page.keyboard.type('05032027')
  await expect(page.locator('input[type=hidden][name=date]')).toHaveValue('2027-03-05')
})

test('leaving the meeting form after typing asks first; staying keeps what was typed', async ({ page }) => {
  await login(page, 'vanphong')
  await page.goto('/meetings/new')
  await page.getByLabel('Tên cuộc họp').fill('Họp chưa lưu')
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' })
  await nav.getByRole('link', { name: 'Lịch tuần' }).click()
  const warning = page.getByTestId('leave-warning')
  await expect(warning).toBeVisible()
  await warning.getByRole('button', { name: 'Ở lại, tiếp tục nhập' }).click()
  await expect(page).toHaveURL(/\/meetings\/new$/)
  await expect(page.getByLabel('Tên cuộc họp')).toHaveValue('Họp chưa lưu')
  await nav.getByRole('link', { name: 'Lịch tuần' }).click()
  await page.getByTestId('leave-warning').getByRole('button', { name: 'Rời trang, bỏ nội dung' }).click()
  await expect(page).toHaveURL(/\/schedule/)
})

test('the header’s search finds meetings and tasks typed without diacritics; the meetings list filters and pages', async ({ page }) => {
  await login(page, 'vanphong')
  await page.getByRole('search', { name: 'Tìm kiếm' }).getByLabel('Tìm cuộc họp, tài liệu, kết luận, nhiệm vụ').fill('ban thuong vu')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tìm kiếm')
  const results = page.getByTestId('search-results')
  await expect(results.getByRole('listitem').first()).toContainText(/Ban Thường vụ/i)
  await expect(page.getByRole('status').filter({ hasText: 'kết quả' })).toBeVisible()
  await page.goto('/meetings')
  await page.getByLabel('Tìm theo tên, nội dung, chủ trì, địa điểm').fill('chuyen de')
  await page.getByRole('button', { name: 'Lọc' }).click()
  await expect(page).toHaveURL(/q=chuyen\+de/)
  const list = page.getByTestId('meeting-list')
  await expect(list.getByRole('listitem').first()).toContainText(/chuyên đề/i)
})
