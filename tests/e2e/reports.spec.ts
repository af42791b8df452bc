import fs from 'node:fs'
import JSZip from 'jszip'
import { expect, login, seriousViolations, test } from './fixtures'

test('the Office opens the six-month report, follows a number to its tasks, downloads both files, and issues it', async ({ page }) => {
  test.setTimeout(60_000)
  await login(page, 'vanphong')
  const year = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4)
  await page.goto(`/reports?kind=half_year&year=${year}&n=1`)
  await expect(page.getByTestId('report-title')).toContainText(`6 tháng đầu năm ${year}`)
  const table = page.getByTestId('report-table1')
  await expect(table).toBeVisible()
  expect(await seriousViolations(page)).toEqual([])
  // The total row's first number with tasks behind it: the drill-down lists exactly that many.
  const totalRow = table.getByRole('row', { name: /Tổng cộng/ })
  const link = totalRow.getByRole('link').first()
  const shown = Number(await link.innerText())
  expect(shown).toBeGreaterThan(0)
  await link.click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${shown} nhiệm vụ`)
  await expect(page.getByTestId('drill-tasks').getByRole('listitem')).toHaveCount(shown)
  await page.goBack()
  // A row of Biểu 4: the meetings behind its count.
  const meetingsLink = page.getByTestId('report-table4').getByRole('link').first()
  const held = Number(await meetingsLink.innerText())
  await meetingsLink.click()
  await expect(page.getByTestId('drill-meetings').getByRole('listitem')).toHaveCount(held)
  await page.goBack()
  for (const [testId, entry, expected] of [
    ['report-docx', 'word/document.xml', 'BÁO CÁO'],
    ['report-xlsx', 'xl/workbook.xml', 'Biểu 1 - Nhiệm vụ'],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()])
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!))
    expect(await zip.file(entry)!.async('string')).toContain(expected)
  }
  page.once('dialog', (d) => void d.accept())
  await page.getByRole('button', { name: 'Ban hành báo cáo' }).click()
  await expect(page.getByTestId('issued-report-number')).toContainText(/Số \d+-BC\/VPTU/)
  const [issued] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải báo cáo (DOCX)' }).click()])
  const text = (await (await JSZip.loadAsync(fs.readFileSync((await issued.path())!))).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toMatch(/Số \d+-BC\/VPTU/)
})
