import PDFDocument from 'pdfkit'
import { expect, login, seriousViolations, test } from './fixtures'

function pdf(lines: string[]) {
  return new Promise<Buffer>((resolve) => {
    const doc = new PDFDocument()
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    lines.forEach((l, i) => (i ? doc.addPage().text(l) : doc.text(l)))
    doc.end()
  })
}
const inDays = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date(Date.now() + n * 86_400_000))

test('the Office uploads and distributes two documents; a delegate reads one; the chair’s readiness panel follows live; notes stay private', async ({ browser, baseURL }) => {
  test.setTimeout(150_000)
  const ctx = () => browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
  const [officeContext, chairContext, aContext, bContext] = await Promise.all([ctx(), ctx(), ctx(), ctx()])
  const [office, chair, delegateA, delegateB] = await Promise.all([officeContext.newPage(), chairContext.newPage(), aContext.newPage(), bContext.newPage()])

  await login(office, 'vanphong')
  const idOf = async (username: string) => ((await (await office.request.get(`/api/v1/users?q=${username}`)).json()) as { items: { id: number; username: string }[] }).items.find((u) => u.username === username)!.id
  const [bithu, uyvien1, uyvien2] = [await idOf('bithu'), await idOf('uyvien1'), await idOf('uyvien2')]
  const types = (await (await office.request.get('/api/v1/meeting-types')).json()) as { items: { id: number }[] }
  const title = `Họp nghe báo cáo quy hoạch ${Date.now()}`
  const created = await office.request.post('/api/v1/meetings', {
    headers: { Origin: baseURL! },
    data: { title, meetingTypeId: types.items[0]!.id, offProgrammeReason: 'Kiểm thử tài liệu', chairUserId: bithu, date: inDays(30), startTime: '08:00', endTime: '08:30', mode: 'in_person', location: 'Phòng họp số 2', memberUserIds: [uyvien1, uyvien2], confirmConflicts: true },
  })
  expect(created.status()).toBe(201)
  const meetingId = ((await created.json()) as { id: number }).id

  // 1. The Office uploads two documents (with a progress bar) and distributes them.
  await office.goto(`/meetings/${meetingId}/documents`)
  const upload = office.locator('form', { has: office.getByRole('button', { name: 'Tải lên', exact: true }) })
  for (const [name, file, pages] of [
    ['Tờ trình về quy hoạch', 'To trinh quy hoach.pdf', ['Trang 1: To trinh', 'Trang 2: Phu luc']],
    ['Báo cáo thẩm định', 'Bao cao tham dinh.pdf', ['Bao cao tham dinh']],
  ] as const) {
    await upload.getByLabel('Tên tài liệu').fill(name)
    await upload.getByLabel('Tệp').setInputFiles({ name: file, mimeType: 'application/pdf', buffer: await pdf([...pages]) })
    await upload.getByRole('button', { name: 'Tải lên', exact: true }).click()
    // The list may update (pushed) before the upload form has finished and reset itself: wait for the form.
    // (The first upload's "done" message is still shown when the second starts, so the list is what
    // says this upload is through; a loaded CI machine may need more than the default wait.)
    await expect(upload.getByRole('status')).toBeVisible()
    await expect(office.getByTestId('documents')).toContainText(name, { timeout: 20_000 })
  }
  expect(await seriousViolations(office)).toEqual([])
  await office.getByRole('button', { name: 'Phát hành và thông báo cho đại biểu' }).click()
  await expect(office.getByText('Đã phát hành 2 tài liệu.')).toBeVisible()
  await expect(office.getByTestId('distribution-timing')).toContainText('đã phát hành đúng hạn')

  // 2. The chair watches who has read them.
  await login(chair, 'bithu')
  await chair.goto(`/meetings/${meetingId}/documents`)
  const readiness = chair.getByTestId('readiness').locator('li', { hasText: 'Tờ trình về quy hoạch' })
  await expect(readiness).toContainText('0/3 đã đọc')

  // 3. A delegate finds it on their home page and opens it in the viewer.
  await login(delegateA, 'uyvien1')
  await delegateA.getByTestId('documents-to-read').getByRole('link', { name: 'Tờ trình về quy hoạch' }).click()
  await expect(delegateA.getByTestId('pdf-pages')).toHaveText('/ 2')
  await expect(delegateA.getByTestId('pdf-container').locator('.page canvas').first()).toBeVisible()
  await delegateA.getByRole('button', { name: 'Trang sau' }).click()
  await expect(delegateA.getByTestId('pdf-page')).toHaveValue('2')
  // Search says how many matches there are and steps through them ("Trang" on both pages).
  await delegateA.getByLabel('Tìm trong tài liệu').fill('trang')
  await expect(delegateA.getByTestId('pdf-matches')).toHaveText(/^\d\/2 kết quả$/)
  const first = await delegateA.getByTestId('pdf-matches').textContent()
  await delegateA.getByRole('button', { name: 'Kết quả sau' }).click()
  await expect(delegateA.getByTestId('pdf-matches')).not.toHaveText(first!)
  await delegateA.getByLabel('Tìm trong tài liệu').fill('khongcotrongtailieu')
  await expect(delegateA.getByTestId('pdf-matches')).toHaveText('Không tìm thấy')
  expect(await seriousViolations(delegateA)).toEqual([])

  // 4. The chair's open panel shows it without reload.
  await expect(readiness).toContainText('1/3 đã đọc')

  // 5. A private note stays private.
  await delegateA.getByTestId('private-note').fill('Hỏi thêm về phụ lục 2')
  await delegateA.getByRole('button', { name: 'Lưu ghi chú' }).click()
  await expect(delegateA.getByText('Đã lưu ghi chú.')).toBeVisible()
  await login(delegateB, 'uyvien2')
  await delegateB.goto(delegateA.url())
  await expect(delegateB.getByRole('heading', { level: 1 })).toContainText('Tờ trình về quy hoạch')
  await expect(delegateB.getByTestId('private-note')).toHaveValue('')
  await delegateA.reload()
  await expect(delegateA.getByTestId('private-note')).toHaveValue('Hỏi thêm về phụ lục 2')

  await Promise.all([officeContext.close(), chairContext.close(), aContext.close(), bContext.close()])
})
