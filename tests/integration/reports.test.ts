import { eq } from 'drizzle-orm'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '#db/client'
import { issuingBodies, notifications, tasks } from '#db/schema'
import { reportDocx, reportXlsx } from '~/features/reports/export.server'
import { reportFigures, taskTables } from '~/features/reports/figures.server'
import { getReport, issueReport, reportScopeFor, runReportReminders } from '~/features/reports/reports.server'
import { createIssuedConclusion, createTask, createUnit, createUser } from '../factories'

const period = { from: '2026-01-01', to: '2026-06-30' }
const TODAY = '2026-07-15'
let unitA: ReturnType<typeof createUnit>
let unitB: ReturnType<typeof createUnit>
const ids: Record<string, number> = {}

beforeAll(async () => {
  getDb().insert(issuingBodies).values({ unitId: createUnit({ name: 'Văn phòng Tỉnh ủy', code: 'VP_RP', kind: 'office' }).id, style: 'party', bodyCode: 'VPTU', termStartYear: 2025, place: 'Hà Tĩnh' }).run()
  unitA = createUnit({ name: 'Sở Kế hoạch và Đầu tư' })
  unitB = createUnit({ name: 'Sở Tài chính' })
  const conclusion = await createIssuedConclusion()
  const make = async (key: string, unitId: number, deadline: string | null, completedOn: string | null, issuedOn = '2026-01-10') => {
    const { id } = await createTask({ conclusionId: conclusion.id, leadUnitId: unitId, deadline, standingCycle: deadline ? null : 'month', issuedOn })
    if (completedOn) getDb().update(tasks).set({ completedOn, progress: 100 }).where(eq(tasks.id, id)).run()
    ids[key] = id
  }
  await make('onTime', unitA.id, '2026-03-31', '2026-03-20')
  await make('late', unitA.id, '2026-03-31', '2026-04-05')
  await make('onTheDay', unitA.id, '2026-06-30', '2026-06-30')
  await make('over60', unitA.id, '2026-05-01', null)
  await make('over10', unitA.id, '2026-06-20', null)
  await make('standing', unitA.id, null, null)
  await make('within', unitB.id, '2026-12-31', null)
  await make('before', unitB.id, '2025-12-31', '2025-12-10', '2025-11-01')
  await make('after', unitB.id, '2026-09-30', null, '2026-07-05')
})

describe('Biểu 1 and 2 against hand-computed figures', () => {
  it('counts each task of the period in one cell as at the period’s end, with both denominators and the overdue days', () => {
    const t = taskTables({ period, today: TODAY })
    expect(t.asOf).toBe('2026-06-30')
    const a = t.rows.find((r) => r.unitId === unitA.id)!
    // Completed on the deadline day is on time; overdue days are calendar days (holidays do not move a deadline).
    expect(a).toMatchObject({ total: 6, done_on_time: 2, done_late: 1, open_within: 0, open_overdue: 2, over30: 1, standing: 1, maxOverdue: 60, avgOverdue: 35 })
    expect(t.rows.find((r) => r.unitId === unitB.id)).toMatchObject({ total: 1, open_within: 1 })
    expect(t.total).toMatchObject({ total: 7, done_on_time: 2, done_late: 1, open_overdue: 2 })
    expect(t.rates.onTimeOfDone).toBeCloseTo(66.67, 1)
    expect(t.rates.overdueOfTotal).toBeCloseTo(28.57, 1)
    expect(t.overdue.map((o) => [o.id, o.daysOverdue])).toEqual([
      [ids.over60, 60],
      [ids.over10, 10],
    ])
    expect(t.idsOf('open_overdue', unitA.id).sort()).toEqual([ids.over60, ids.over10].sort())
    expect(t.idsOf('over30')).toEqual([ids.over60])
    // The trend: the share overdue of the tasks in hand in each month, at its end (June: 2 of the 5 not completed before June).
    expect(t.trend.map((p) => p.label)).toEqual(['01/2026', '02/2026', '03/2026', '04/2026', '05/2026', '06/2026'])
    expect(t.trend.at(-1)!.value).toBe(40)
    expect(t.trend[4]!.value).toBe(20) // May: one overdue (due 1 May) of the five in hand
  })

  it('the same period a year earlier is computed the same way', () => {
    const t = taskTables({ period, today: TODAY })
    expect(t.lastYear).toMatchObject({ from: '2025-01-01', to: '2025-06-30', total: 0 })
    const year2025 = taskTables({ period: { from: '2025-07-01', to: '2025-12-31' }, today: TODAY })
    expect(year2025.total).toMatchObject({ total: 1, done_on_time: 1 })
  })
})

describe('issuing and who sees what', () => {
  it('an issued report keeps its figures when the tasks change later; it takes the Office’s BC number', async () => {
    const office = await createUser({ roles: ['office'] })
    const issued = issueReport({ input: { ...period, title: 'Báo cáo 6 tháng đầu năm 2026' }, actor: { id: office.id } }, { now: new Date('2026-07-15T09:00:00+07:00') })
    expect(issued.numberFormatted).toMatch(/^Số \d+-BC\/VPTU$/)
    getDb().update(tasks).set({ completedOn: '2026-06-25', progress: 100 }).where(eq(tasks.id, ids.over10!)).run()
    expect(getReport({ id: issued.id })!.figures.tasks.total.open_overdue).toBe(2)
    expect(reportFigures({ period, today: TODAY }).tasks.total.open_overdue).toBe(1)
    getDb().update(tasks).set({ completedOn: null, progress: 0 }).where(eq(tasks.id, ids.over10!)).run()
  })

  it('a unit officer sees only their unit’s report; those who oversee any scope; a delegate none', async () => {
    const officer = await createUser({ roles: ['unit_officer'], unitId: unitA.id })
    const supervisor = await createUser({ roles: ['supervisor'] })
    const delegate = await createUser({ roles: ['delegate'] })
    expect(reportScopeFor(officer, null)).toEqual({ unitId: unitA.id })
    expect(reportScopeFor(officer, unitB.id)).toBeNull()
    expect(reportScopeFor(supervisor, null)).toEqual({ unitId: null })
    expect(reportScopeFor(delegate, null)).toBeNull()
    expect(taskTables({ period: { ...period, unitId: unitA.id }, today: TODAY }).rows.map((r) => r.unitId)).toEqual([unitA.id])
  })
})

describe('the files', () => {
  it('the DOCX has the Party layout, the tables and the charts as images with alt text; the XLSX a sheet per table with totals as formulas', async () => {
    const figures = reportFigures({ period, today: TODAY })
    const doc = { title: 'Báo cáo 6 tháng đầu năm 2026', bodyName: 'Văn phòng Tỉnh ủy', place: 'Hà Tĩnh', numberFormatted: 'Số 3-BC/VPTU', issuedOn: '2026-07-15', signerName: 'Trần Thị Hồng Vân', signerTitle: 'Chánh Văn phòng', figures }
    const docx = await JSZip.loadAsync(await reportDocx(doc))
    const xml = await docx.file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    for (const s of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 3-BC/VPTU', 'BÁO CÁO', 'Biểu 1', 'Sở Kế hoạch và Đầu tư', 'Biểu 2', 'Biểu 3', 'Biểu 4', 'CHÁNH VĂN PHÒNG']) expect(text).toContain(s)
    expect(Object.keys(docx.files).filter((n) => n.startsWith('word/media/') && n.endsWith('.png'))).toHaveLength(2)
    expect(xml).toContain('descr="Biểu đồ: nhiệm vụ theo đơn vị chủ trì, bốn nhóm tình trạng"')
    expect(xml).toContain('w:ascii="Times New Roman"')
    const xlsx = await JSZip.loadAsync(await reportXlsx(doc))
    const workbook = await xlsx.file('xl/workbook.xml')!.async('string')
    for (const s of ['Biểu 1 - Nhiệm vụ', 'Biểu 2 - Quá hạn', 'Biểu 3 - Chương trình', 'Biểu 4 - Kỷ luật họp']) expect(workbook).toContain(s)
    const sheet1 = await xlsx.file('xl/worksheets/sheet1.xml')!.async('string')
    expect(sheet1).toMatch(/<f>SUM\(C2:C3\)<\/f>/)
    expect(sheet1).toContain('state="frozen"')
  })
})

describe('reminders to the Office', () => {
  it('three working days before each deadline (the six months’ on 15 June, the month’s on its last working day), once each', async () => {
    const office = await createUser({ roles: ['office'] })
    const before = getDb().select().from(notifications).where(eq(notifications.userId, office.id)).all().length
    expect(runReportReminders({ days: 3 }, { now: new Date('2026-06-01T09:00:00+07:00') })).toBe(0)
    for (const day of ['2026-06-10', '2026-06-11', '2026-06-26', '2026-06-29']) runReportReminders({ days: 3 }, { now: new Date(`${day}T09:00:00+07:00`) })
    const mine = getDb().select().from(notifications).where(eq(notifications.userId, office.id)).all().slice(before)
    expect(mine.map((n) => n.title)).toEqual(['Báo cáo 6 tháng đầu năm 2026: hạn 15/6/2026', 'Báo cáo tháng 6/2026: hạn 30/6/2026'])
  })
})

describe('the page and the API keep to the same scopes', () => {
  it('a unit officer asking for another unit gets 404 on the page; the API returns the figures of the period and an issued report', async () => {
    const { loader } = await import('~/routes/_app.reports._index')
    const { startTestServer } = await import('../setup/server')
    const { sessionCookieFor, getRequest } = await import('../factories')
    const officer = await createUser({ roles: ['unit_officer'], unitId: unitA.id })
    const refused = await Promise.resolve(loader({ request: getRequest(`/reports?kind=range&from=2026-01-01&to=2026-06-30&unit=${unitB.id}`, sessionCookieFor(officer.id)), params: {}, context: { ip: '127.0.0.1', cspNonce: '' } })).catch((r: Response) => r)
    expect((refused as Response).status).toBe(404)
    const own = (await loader({ request: getRequest('/reports?kind=range&from=2026-01-01&to=2026-06-30', sessionCookieFor(officer.id)), params: {}, context: { ip: '127.0.0.1', cspNonce: '' } })) as Response
    const data = (await own.json()) as { figures: { tasks: { rows: { unitId: number }[] } }; units: unknown[] }
    expect(data.figures.tasks.rows.map((r) => r.unitId)).toEqual([unitA.id])
    expect(data.units).toEqual([])
    const server = await startTestServer()
    try {
      const supervisor = await createUser({ roles: ['supervisor'] })
      const res = await fetch(`${server.url}/api/v1/reports/figures?from=2026-01-01&to=2026-06-30`, { headers: { Cookie: sessionCookieFor(supervisor.id) } })
      expect(((await res.json()) as { tasks: { total: { total: number } } }).tasks.total.total).toBeGreaterThanOrEqual(7)
      expect((await fetch(`${server.url}/api/v1/reports/figures?from=2026-01-01&to=2026-06-30&unitId=${unitB.id}`, { headers: { Cookie: sessionCookieFor(officer.id) } })).status).toBe(404)
      const office = await createUser({ roles: ['office'] })
      const issued = issueReport({ input: { ...period, title: 'Báo cáo API' }, actor: { id: office.id } })
      const file = await fetch(`${server.url}/api/v1/reports/${issued.id}/file?format=xlsx`, { headers: { Cookie: sessionCookieFor(supervisor.id) } })
      expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      expect((await fetch(`${server.url}/api/v1/reports/${issued.id}`, { headers: { Cookie: sessionCookieFor(officer.id) } })).status).toBe(404)
    } finally {
      await server.close()
    }
  })
})

describe('Biểu 3 and 4 against hand-computed figures', () => {
  it('meeting discipline by type: documents late by working days, notices, attendance, lateness, documents read before, speeches over time; the programme’s outcomes', async () => {
    const { createHallFixture } = await import('../factories')
    const { openSession, checkIn, markAttendance, requestToSpeak, giveFloor, controlFloor } = await import('~/features/live-meeting/hall.server')
    const { meetingSessions, documentDistributions, conclusions, programmeItems, meetings } = await import('#db/schema')
    const { currentCheckinCode } = await import('~/features/live-meeting/checkin-code.server')
    const { disciplineTable, programmeTable } = await import('~/features/reports/figures.server')
    const t0 = new Date('2026-11-10T08:00:00+07:00')
    const f = await createHallFixture({ startsAt: t0, members: 4, type: { graceMinutes: 5, speakingLimitMinutes: 1 } })
    openSession({ meetingId: f.meetingId, actor: { id: f.chair.id } }, { now: t0 })
    const secret = getDb().select().from(meetingSessions).where(eq(meetingSessions.meetingId, f.meetingId)).get()!.checkinSecret
    const at = (s: number) => new Date(t0.getTime() + s * 1000)
    for (const [p, s] of [[f.chair, 0], [f.members[0]!, 0], [f.members[1]!, 900]] as const) checkIn({ meetingId: f.meetingId, userId: p.id, input: { method: 'code', code: currentCheckinCode(secret, f.meetingId, at(s)).code, rulesAcknowledged: true } }, { now: at(s) })
    markAttendance({ meetingId: f.meetingId, userId: f.members[2]!.id, mark: { state: 'absent', reason: 'Đi công tác' }, actor: { id: f.office.id } }, { now: at(60) })
    requestToSpeak({ meetingId: f.meetingId, userId: f.members[0]!.id, input: { kind: 'normal' }, actor: { id: f.members[0]!.id } }, { now: at(100) })
    giveFloor({ meetingId: f.meetingId, speechId: null, actor: { id: f.chair.id } }, { now: at(110) })
    controlFloor({ meetingId: f.meetingId, action: { kind: 'end' }, actor: { id: f.chair.id } }, { now: at(200) }) // 90 s against a 60 s limit
    getDb().insert(documentDistributions).values({ meetingId: f.meetingId, at: at(-3 * 86400), by: f.office.id, deadline: '2026-11-05', lateByWorkingDays: 2, documentIds: [] }).run()
    getDb().insert(conclusions).values({ meetingId: f.meetingId, status: 'issued', content: { type: 'doc' }, issuedOn: '2026-11-20', onTime: false, createdAt: t0, updatedAt: t0 }).run()
    getDb().update(meetings).set({ status: 'held' }).where(eq(meetings.id, f.meetingId)).run()
    const row = disciplineTable({ period: { from: '2026-11-01', to: '2026-11-30' } }).rows.find((r) => r.meetingIds.includes(f.meetingId))!
    // 5 convened (chair + 4): 3 present (one late), one absent with a reason, one who never came.
    expect(row).toMatchObject({ meetings: 1, outside: 1, docsLate: 1, docsLateDays: 2, noticesLate: 1, convened: 5, present: 3, excused: 1, unexcused: 1, late: 1, speeches: 1, overTime: 1 })

    const unit = createUnit({ name: 'Ban Tổ chức (chương trình)' })
    const { createProgrammeItemFixture } = await import('../factories')
    const held = createProgrammeItemFixture(unit.id, { plannedMonth: 2, preparingUnitId: unit.id })
    const owed = createProgrammeItemFixture(unit.id, { plannedMonth: 3, preparingUnitId: unit.id })
    createProgrammeItemFixture(unit.id, { plannedMonth: 9, preparingUnitId: unit.id })
    getDb().update(programmeItems).set({ status: 'held' }).where(eq(programmeItems.id, held.id)).run()
    const programme = programmeTable({ period: { from: '2026-01-01', to: '2026-06-30', unitId: unit.id }, today: TODAY })
    expect(programme).toMatchObject({ due: 2, held: 1, owed: 1 })
    expect(programme.owedItems.map((i) => i.id)).toEqual([owed.id])
  })
})
