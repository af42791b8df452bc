import ICAL from 'ical.js'
import { eq } from 'drizzle-orm'
import writeXlsxFile from 'write-excel-file/node'
import { readSheet } from 'read-excel-file/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addOverride, createCalendarFeed, revokeCalendarFeed } from '~/features/calendar/index.server'
import { createMeeting, sendInvitations, vietnamInstant } from '~/features/meetings/index.server'
import { createProgramme, exportProgrammeSheet, getProgrammeItem, importProgrammeSheet, listProgrammeItems, moveItem } from '~/features/programme/index.server'
import { getDb } from '#db/client'
import { programmeItems, users } from '#db/schema'
import { createMeetingType, createUnit, createUser, sessionCookieFor } from '../factories'
import { startSmtpSink } from '../setup/mail-files'
import { startTestServer } from '../setup/server'

let smtp: Awaited<ReturnType<typeof startSmtpSink>>
let server: Awaited<ReturnType<typeof startTestServer>>
let office: Awaited<ReturnType<typeof createUser>>
let chair: Awaited<ReturnType<typeof createUser>>
let delegate: Awaited<ReturnType<typeof createUser>>
let unit: ReturnType<typeof createUnit>
let typeId: number

beforeAll(async () => {
  // A real SMTP server on loopback; the app reaches it through SMTP_URL like a production one.
  smtp = await startSmtpSink()
  server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'Văn phòng Tỉnh ủy <vanphong@tinhuy.example.vn>', PUBLIC_URL: 'https://nghisu.tinhuy.example.vn' })
  unit = createUnit({ code: 'VPTU_FEED', name: 'Văn phòng Tỉnh ủy' })
  office = await createUser({ roles: ['office'], unitId: unit.id })
  chair = await createUser({ roles: ['chair'], username: 'bithu.feed', fullName: 'Nguyễn Văn Thắng' })
  delegate = await createUser({ roles: ['delegate'], username: 'uyvien.feed', fullName: 'Trần Thế Dũng' })
  getDb().update(users).set({ email: 'uyvien.feed@tinhuy.example.vn' }).where(eq(users.id, delegate.id)).run()
  typeId = createMeetingType({ name: 'Họp Ban Thường vụ (feed)' }).id
})
afterAll(async () => {
  await server.close()
  await smtp.close()
})

function meetingInput(date: string, title: string) {
  return {
    title,
    meetingTypeId: typeId,
    programmeItemId: null,
    offProgrammeReason: 'Theo chỉ đạo',
    urgent: false,
    chairUserId: chair.id,
    startsAt: vietnamInstant(date, '08:00'),
    endsAt: vietnamInstant(date, '11:30'),
    mode: 'in_person' as const,
    location: 'Hội trường Tỉnh ủy',
    joinUrl: null,
    preparingUnitId: null,
    agenda: [],
    memberUserIds: [delegate.id],
    memberRoles: [],
    guestUnitIds: [],
    guestUserIds: [],
    secretaryUserId: null,
  }
}

describe('e-mail invitations', () => {
  it('sends each invited participant with an address a Vietnamese invitation through SMTP', async () => {
    const id = createMeeting({ input: meetingInput('2026-12-10', 'Cho ý kiến dự toán ngân sách'), actor: { id: office.id } })
    sendInvitations({ id, actor: { id: office.id }, confirmFew: true })
    await server.mailer.idle()
    const mail = smtp.received.find((m) => m.to.includes('uyvien.feed@tinhuy.example.vn'))
    expect(mail).toBeDefined()
    expect(mail!.from).toBe('vanphong@tinhuy.example.vn')
    const decoded = mail!.raw.replace(/=\r?\n/g, '')
    expect(decoded).toMatch(/Subject: =\?UTF-8\?/)
    expect(Buffer.from(decoded, 'latin1').toString('utf8')).toContain(`https://nghisu.tinhuy.example.vn/meetings/${id}`)
  })
})

describe('personal iCalendar feed', () => {
  it('is valid iCalendar with the meetings in Asia/Ho_Chi_Minh, and stops working when revoked', async () => {
    createMeeting({ input: meetingInput('2026-12-11', 'Giao ban Thường trực'), actor: { id: office.id } })
    const token = createCalendarFeed({ userId: delegate.id })
    const res = await fetch(`${server.url}/calendar/${token}.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    const text = await res.text()
    // RFC 5545: DTSTAMP is in UTC ("Z"), whatever zone the events use.
    const stamps = text.split('\r\n').filter((l) => l.startsWith('DTSTAMP'))
    expect(stamps.length).toBeGreaterThan(0)
    for (const line of stamps) expect(line).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/)
    const component = new ICAL.Component(ICAL.parse(text))
    expect(component.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Asia/Ho_Chi_Minh')
    const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    const giaoBan = events.find((e) => e.summary === 'Giao ban Thường trực')!
    expect(giaoBan).toBeDefined()
    expect(giaoBan.location).toBe('Hội trường Tỉnh ủy')
    expect(giaoBan.startDate.zone?.tzid).toBe('Asia/Ho_Chi_Minh')
    expect(giaoBan.startDate.toJSDate().toISOString()).toBe('2026-12-11T01:00:00.000Z')
    expect(giaoBan.startDate.toString()).toBe('2026-12-11T08:00:00')
    expect(giaoBan.endDate.toString()).toBe('2026-12-11T11:30:00')

    revokeCalendarFeed({ userId: delegate.id })
    expect((await fetch(`${server.url}/calendar/${token}.ics`)).status).toBe(404)
    expect((await fetch(`${server.url}/calendar/khong-hop-le.ics`)).status).toBe(404)
  })
})

describe('work programme', () => {
  it('imports a sheet only when every row is right, naming the wrong rows', async () => {
    const programmeId = createProgramme({ input: { issuingUnitId: unit.id, year: 2027, period: 'year', title: 'Chương trình công tác năm 2027' }, actor: { id: office.id } })
    const header = ['Tháng', 'Ngày', 'Nội dung', 'Loại cuộc họp', 'Người chủ trì', 'Cơ quan chuẩn bị', 'Ghi chú'].map((value) => ({ value }))
    const row = (cells: (string | number)[]) => cells.map((value) => ({ value, type: typeof value === 'number' ? Number : String }))
    const bad = await writeXlsxFile(
      [
        header,
        row([1, '', 'Triển khai nhiệm vụ năm 2027', 'Họp Ban Thường vụ (feed)', 'bithu.feed', 'VPTU_FEED', '']),
        row([13, '', 'Tháng không tồn tại', '', '', '', '']),
        row([2, '30/02/2027', '', 'Loại không có', 'khongai', 'XYZ', '']),
      ] as never,
      { buffer: true },
    )
    const failed = await importProgrammeSheet({ programmeId, file: bad, actor: { id: office.id } })
    expect(failed.imported).toBe(0)
    expect(failed.errors.map((e) => e.row)).toEqual([3, 4])
    expect(failed.errors[0]!.messages.join(' ')).toMatch(/Tháng: Tháng từ 1 đến 12/)
    expect(failed.errors[1]!.messages.join(' ')).toMatch(/Loại cuộc họp|Không có loại cuộc họp «Loại không có»/)
    expect(failed.errors[1]!.messages.join(' ')).toContain('Không có người dùng «khongai»')
    expect(failed.errors[1]!.messages.join(' ')).toContain('Không có đơn vị mã «xyz»')
    expect(listProgrammeItems({ programmeId })).toEqual([])

    const good = await writeXlsxFile(
      [header, row([1, '15/01/2027', 'Triển khai nhiệm vụ năm 2027', 'Họp Ban Thường vụ (feed)', 'bithu.feed', 'VPTU_FEED', 'Toàn khóa']), row([3, '', 'Sơ kết quý I', '', '', '', ''])] as never,
      { buffer: true },
    )
    const ok = await importProgrammeSheet({ programmeId, file: good, actor: { id: office.id } })
    expect(ok).toEqual({ imported: 2, errors: [] })
    const items = listProgrammeItems({ programmeId })
    expect(items.map((i) => [i.plannedMonth, i.plannedDate, i.content, i.presidingName, i.preparingUnitCode])).toEqual([
      [1, '2027-01-15', 'Triển khai nhiệm vụ năm 2027', 'Nguyễn Văn Thắng', 'VPTU_FEED'],
      [3, null, 'Sơ kết quý I', null, null],
    ])

    // The export has the same columns the import reads.
    const exported = (await readSheet(await exportProgrammeSheet({ programmeId }))) as unknown[][]
    expect(exported[0]).toEqual(['Tháng', 'Ngày', 'Nội dung', 'Loại cuộc họp', 'Người chủ trì', 'Cơ quan chuẩn bị', 'Ghi chú', 'Trạng thái'])
    expect(exported[1]).toEqual([1, '15/01/2027', 'Triển khai nhiệm vụ năm 2027', 'Họp Ban Thường vụ (feed)', 'bithu.feed', 'VPTU_FEED', 'Toàn khóa', 'Dự kiến'])
  })

  it('rejects a file that is not a spreadsheet', async () => {
    const programmeId = createProgramme({ input: { issuingUnitId: unit.id, year: 2028, period: 'year', title: '2028' }, actor: { id: office.id } })
    const result = await importProgrammeSheet({ programmeId, file: Buffer.from('MZ not a sheet'), actor: { id: office.id } })
    expect(result.imported).toBe(0)
    expect(result.errors[0]!.messages[0]).toBe('Tệp không phải bảng tính Excel (.xlsx) hợp lệ.')
  })

  it('moves an item to another period, keeping the link both ways', () => {
    const programmeId = createProgramme({ input: { issuingUnitId: unit.id, year: 2029, period: 'year', title: '2029' }, actor: { id: office.id } })
    const [itemId] = listProgrammeItems({ programmeId }).map((i) => i.id)
    expect(itemId).toBeUndefined()
    const id = getDb()
      .insert(programmeItems)
      .values({ programmeId, content: 'Đề án phát triển du lịch', plannedMonth: 5, createdAt: new Date(), updatedAt: new Date() })
      .returning()
      .get().id
    const newId = moveItem({ id, input: { targetYear: 2030, targetMonth: 2, reason: 'Chờ ý kiến Trung ương' }, actor: { id: office.id } })
    expect(getProgrammeItem({ id })).toMatchObject({ status: 'moved', statusReason: 'Chờ ý kiến Trung ương', movedToItemId: newId })
    expect(getProgrammeItem({ id: newId })).toMatchObject({ status: 'planned', plannedMonth: 2, programmeYear: 2030, content: 'Đề án phát triển du lịch', movedFrom: { id, plannedMonth: 5 } })
  })
})

describe('the Office’s calendar overrides move deadlines', () => {
  it('an extra day off pushes the invitation deadline one working day earlier', () => {
    const before = sendInvitations({ id: createMeeting({ input: meetingInput('2027-03-11', 'Trước điều chỉnh'), actor: { id: office.id } }), actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2027-03-01', '08:00') })
    expect(before.timing.deadline).toBe('2027-03-08')
    addOverride({ input: { date: '2027-03-09', kind: 'day_off', note: 'Nghỉ bù theo thông báo' }, actor: { id: office.id } })
    const after = sendInvitations({ id: createMeeting({ input: meetingInput('2027-03-11', 'Sau điều chỉnh'), actor: { id: office.id } }), actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2027-03-01', '08:00') })
    expect(after.timing.deadline).toBe('2027-03-05')
  })
})

describe('meetings API', () => {
  it('creates (201), refuses unknown fields (400), lists, and takes an RSVP', async () => {
    const officeCookie = sessionCookieFor(office.id)
    const headers = { Cookie: officeCookie, Origin: server.url, 'Content-Type': 'application/json' }
    const body = { title: 'Họp chuyên đề chuyển đổi số', meetingTypeId: typeId, chairUserId: chair.id, date: '2027-04-06', startTime: '14:00', endTime: '16:00', mode: 'online', joinUrl: 'https://hop.example.vn/cds', offProgrammeReason: 'Theo đề nghị của Sở', memberUserIds: [delegate.id] }
    const unknown = await fetch(`${server.url}/api/v1/meetings`, { method: 'POST', headers, body: JSON.stringify({ ...body, extra: 1 }) })
    expect(unknown.status).toBe(400)
    const created = await fetch(`${server.url}/api/v1/meetings`, { method: 'POST', headers, body: JSON.stringify(body) })
    expect(created.status).toBe(201)
    const meeting = (await created.json()) as { id: number; startsAt: string; invitation: { deadline: string; state: string } }
    expect(meeting.startsAt).toBe('2027-04-06T07:00:00.000Z')
    expect(meeting.invitation).toMatchObject({ deadline: '2027-04-01', state: 'notSent' })
    // Fewer people than usual: refused until the caller confirms.
    const few = await fetch(`${server.url}/api/v1/meetings/${meeting.id}/invitations`, { method: 'POST', headers })
    expect(few.status).toBe(409)
    expect(((await few.json()) as { error: { fields: Record<string, string[]> } }).error.fields).toHaveProperty('confirmFew')
    const invite = await fetch(`${server.url}/api/v1/meetings/${meeting.id}/invitations`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ confirmFew: true }) })
    expect(invite.status).toBe(200)
    const list = (await (await fetch(`${server.url}/api/v1/meetings?from=2027-04-01T00:00:00%2B07:00&to=2027-04-30T00:00:00%2B07:00`, { headers: { Cookie: officeCookie } })).json()) as { items: { id: number }[] }
    expect(list.items.map((m) => m.id)).toContain(meeting.id)
    const rsvp = await fetch(`${server.url}/api/v1/meetings/${meeting.id}/rsvp`, {
      method: 'POST',
      headers: { Cookie: sessionCookieFor(delegate.id), Origin: server.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ response: 'declined', reason: 'Tiếp đoàn công tác' }),
    })
    expect(rsvp.status).toBe(200)
    const after = (await rsvp.json()) as { participants: { userId: number; rsvp: string; rsvpReason: string }[] }
    expect(after.participants.find((p) => p.userId === delegate.id)).toMatchObject({ rsvp: 'declined', rsvpReason: 'Tiếp đoàn công tác' })
  })

  it('describes the new endpoints in OpenAPI', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/meetings', '/meetings/{id}', '/meetings/{id}/invitations', '/meetings/{id}/rsvp', '/programme-items', '/meeting-types']))
  })
})
