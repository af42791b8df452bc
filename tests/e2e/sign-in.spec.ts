import { expect, login, seriousViolations, test } from './fixtures'

const roleHomes = [
  { username: 'admin', name: 'Lê Minh Quản', sections: ['Quản trị hệ thống'], adminNav: true },
  { username: 'vanphong', name: 'Trần Thị Hồng Vân', sections: ['Văn phòng', 'Đại biểu'], adminNav: false },
  { username: 'bithu', name: 'Nguyễn Văn Thắng', sections: ['Chủ trì', 'Đại biểu'], adminNav: false },
  { username: 'uyvien1', name: 'Võ Trọng Hải', sections: ['Đại biểu'], adminNav: false },
  { username: 'bantochuc', name: null, sections: ['Cán bộ đơn vị'], adminNav: false },
  { username: 'giamsat', name: 'Hồ Thị Thanh Tâm', sections: ['Kiểm tra, giám sát'], adminNav: false },
]

for (const role of roleHomes) {
  test(`${role.username} signs in and sees their role's home`, async ({ page }) => {
    await login(page, role.username)
    if (role.name) await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${role.name}`)
    for (const section of role.sections) await expect(page.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible()
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' })
    await expect(nav.getByRole('link', { name: 'Người dùng' })).toHaveCount(role.adminNav ? 1 : 0)
    expect(await seriousViolations(page)).toEqual([])
  })
}

test('a unit officer’s home names their unit', async ({ page }) => {
  await login(page, 'bantochuc')
  await expect(page.getByText('Nhiệm vụ được giao cho Ban Tổ chức Tỉnh ủy')).toBeVisible()
})

test('a wrong password shows the message beside the form and keeps the username', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Tên đăng nhập').fill('uyvien2')
  await page.getByLabel('Mật khẩu').fill('khong-dung-mat-khau')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.')
  await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('uyvien2')
  await expect(page.getByLabel('Mật khẩu')).toHaveValue('')
  await expect(page).toHaveURL(/\/login$/)
})

test('empty fields are reported beside each field', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page.getByText('Vui lòng nhập thông tin này.')).toHaveCount(2)
})

test('sign out ends the session', async ({ page }) => {
  await login(page, 'uyvien3')
  await page.getByRole('button', { name: 'Đăng xuất' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('status')).toContainText('Bạn đã đăng xuất.')
  await page.goto('/profile')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fprofile$/)
})

test('the sign-in page has no serious accessibility violation and works by keyboard', async ({ page }) => {
  await page.goto('/login')
  expect(await seriousViolations(page)).toEqual([])
  await expect(page.getByLabel('Tên đăng nhập')).toBeFocused()
  await page.keyboard.type('uyvien4')
  await page.keyboard.press('Tab')
  await page.keyboard.type('nghisu-demo')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Xin chào, Lê Ngọc Châu')
})

test('after sign-in the user returns to the page they asked for', async ({ page }) => {
  await page.goto('/profile')
  await expect(page).toHaveURL(/redirectTo=%2Fprofile/)
  await page.getByLabel('Tên đăng nhập').fill('uyvien5')
  await page.getByLabel('Mật khẩu').fill('nghisu-demo')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tài khoản của tôi')
})
