import { choosePerson, expect, fillDate, fillTime, login, test } from './fixtures'

const vn = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString()

test('a double booking is warned where the eyes are: the warning takes the focus and names the place once', async ({ page }) => {
  await login(page, 'vanphong')
  const day = 86_400_000
  const range = `from=${encodeURIComponent(new Date(Date.now() + day).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 300 * day).toISOString())}`
  const { items } = (await (await page.request.get(`/api/v1/meetings?${range}`)).json()) as { items: { id: number; startsAt: string; endsAt: string; location: string | null; status: string }[] }
  const taken = items.find((m) => m.location && m.status !== 'cancelled')
  test.skip(!taken, 'The demo has no upcoming meeting with a place.')
  await page.goto('/meetings/new')
  await page.getByLabel('Tên cuộc họp').fill('Họp kiểm thử trùng địa điểm')
  await page.getByLabel('Loại cuộc họp').selectOption({ index: 1 })
  await choosePerson(page, 'Chủ trì', 'thang', /Nguyễn Văn Thắng/)
  await fillDate(page, 'Ngày họp', vn(taken!.startsAt).slice(0, 10))
  await fillTime(page, 'Bắt đầu', vn(taken!.startsAt).slice(11, 16))
  await fillTime(page, 'Kết thúc', vn(taken!.endsAt).slice(11, 16))
  await page.getByLabel('Địa điểm').fill(taken!.location!)
  await page.getByLabel('Lý do họp ngoài chương trình').fill('Kiểm thử cảnh báo trùng lịch')
  await page.getByRole('button', { name: 'Tạo mới' }).click()
  const warning = page.getByTestId('conflicts')
  await expect(warning).toBeFocused()
  await expect(warning).toBeInViewport()
  await expect(warning).toContainText(`Địa điểm «${taken!.location}» đã dùng cho cuộc họp`)
})
