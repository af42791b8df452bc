import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listNotifications, notify, recoverNotificationParams } from '~/features/notifications/index.server'
import { runTaskReminders } from '~/features/tasks/index.server'
import { loader as notificationsLoader } from '~/routes/_app.notifications'
import { getDb } from '#db/client'
import { eq } from 'drizzle-orm'
import { notifications, users } from '#db/schema'
import { createTask, createUnit, createUser, getRequest, sessionCookieFor } from '../factories'
import { decodeMail, startSmtpSink } from '../setup/mail-files'
import { startTestServer } from '../setup/server'

describe('notifications in the reader’s language', () => {
  it('stores the kind and its values; each reader reads them in their own language; older rows read as written', async () => {
    const vi = await createUser({ locale: 'vi' })
    const en = await createUser({ locale: 'en' })
    for (const userId of [vi.id, en.id]) notify([{ userId, kind: 'meeting.postponed', params: { title: 'Họp Ban Thường vụ', reason: 'Trùng lịch tiếp khách' }, link: '/meetings/1' }])
    const stored = getDb().select().from(notifications).all().filter((n) => n.userId === vi.id)[0]!
    expect(stored.kind).toBe('meeting.postponed')
    expect(stored.params).toEqual({ title: 'Họp Ban Thường vụ', reason: 'Trùng lịch tiếp khách' })
    expect(listNotifications({ userId: vi.id, locale: 'vi' }).items[0]).toMatchObject({ title: 'Hoãn cuộc họp: Họp Ban Thường vụ', body: 'Lý do: Trùng lịch tiếp khách' })
    expect(listNotifications({ userId: en.id, locale: 'en' }).items[0]).toMatchObject({ title: 'Meeting postponed: Họp Ban Thường vụ', body: 'Reason: Trùng lịch tiếp khách' })
    // A row written before notifications had parameters keeps its words.
    getDb().insert(notifications).values({ userId: en.id, kind: 'meeting.invitation', title: 'Giấy mời họp: cũ', body: null, createdAt: new Date() }).run()
    expect(listNotifications({ userId: en.id, locale: 'en' }).items[0]!.title).toBe('Giấy mời họp: cũ')
    // A variant chosen by the notice's context: an invitation with its place, or to attend in someone's place.
    notify([{ userId: en.id, kind: 'meeting.invitation', params: { title: 'Giao ban', when: '05/06/2026 08:00', place: 'Phòng 1', context: 'place' } }])
    expect(listNotifications({ userId: en.id, locale: 'en' }).items[0]).toMatchObject({ title: 'Meeting invitation: Giao ban', body: 'When: 05/06/2026 08:00 · Where: Phòng 1' })
    notify([{ userId: vi.id, kind: 'meeting.invitation', params: { title: 'Giao ban', when: '05/06/2026 08:00', original: 'Võ Trọng Hải', context: 'substitute' } }])
    expect(listNotifications({ userId: vi.id, locale: 'vi' }).items[0]).toMatchObject({ title: 'Giấy mời họp (dự thay Võ Trọng Hải): Giao ban', body: 'Thời gian: 05/06/2026 08:00' })
    // Values with "&" or "<" are text, not HTML.
    notify([{ userId: en.id, kind: 'poll.open', params: { title: 'Sở Kế hoạch & Đầu tư <2026>' } }])
    expect(listNotifications({ userId: en.id, locale: 'en' }).items[0]!.title).toBe('Confidence poll: Sở Kế hoạch & Đầu tư <2026>')
  })

  it('the page goes past the latest 30, a page at a time, without skipping or repeating', async () => {
    const user = await createUser({ locale: 'vi' })
    notify(Array.from({ length: 75 }, (_, i) => ({ userId: user.id, kind: 'poll.published', params: { title: `Đợt ${i + 1}` } })))
    const cookie = sessionCookieFor(user.id)
    const seen: string[] = []
    let url = '/notifications'
    for (let page = 0; page < 5; page++) {
      const data = (await ((await notificationsLoader({ request: getRequest(url, cookie), params: {}, context: { ip: '' } } as never)) as Response).json()) as { notifications: { id: number; title: string }[]; hasMore: boolean }
      seen.push(...data.notifications.map((n) => n.title))
      if (!data.hasMore) break
      url = `/notifications?before=${data.notifications.at(-1)!.id}`
    }
    expect(seen).toHaveLength(75)
    expect(new Set(seen).size).toBe(75)
    expect(seen[0]).toBe('Công bố kết quả lấy phiếu tín nhiệm: Đợt 75')
    expect(seen.at(-1)).toBe('Công bố kết quả lấy phiếu tín nhiệm: Đợt 1')
  })
})

describe('notifications written before their parameters were stored', () => {
  it('get back the values their Vietnamese wording was made from, and are then read in English; what fits no template stays as written', async () => {
    const en = await createUser({ locale: 'en' })
    const legacy = (kind: string, title: string, body: string | null) =>
      getDb().insert(notifications).values({ userId: en.id, kind, title, body, createdAt: new Date() }).returning({ id: notifications.id }).get().id
    const postponed = legacy('meeting.postponed', 'Hoãn cuộc họp: Họp Ban Thường vụ tháng 5', 'Lý do: Trùng lịch làm việc với Trung ương')
    const withPlace = legacy('meeting.invitation', 'Giấy mời họp: Giao ban', 'Thời gian: 05/06/2026 08:00 · Địa điểm: Phòng họp số 1')
    const substitute = legacy('meeting.invitation', 'Giấy mời họp (dự thay Võ Trọng Hải): Giao ban', 'Thời gian: 05/06/2026 08:00')
    const leader = legacy('conclusion.issued', 'Thông báo kết luận Số 45-TB/TU: nhiệm vụ đồng chí theo dõi', 'về công tác cán bộ')
    const odd = legacy('meeting.postponed', 'Một dòng viết tay', null)
    expect(recoverNotificationParams()).toBe(4)
    const params = (id: number) => getDb().select().from(notifications).where(eq(notifications.id, id)).get()!.params
    expect(params(postponed)).toEqual({ title: 'Họp Ban Thường vụ tháng 5', reason: 'Trùng lịch làm việc với Trung ương' })
    expect(params(withPlace)).toEqual({ title: 'Giao ban', when: '05/06/2026 08:00', place: 'Phòng họp số 1', context: 'place' })
    expect(params(substitute)).toMatchObject({ original: 'Võ Trọng Hải', title: 'Giao ban', context: 'substitute' })
    expect(params(odd)).toBeNull()
    const read = new Map(listNotifications({ userId: en.id, locale: 'en' }).items.map((n) => [n.id, n]))
    expect(read.get(postponed)).toMatchObject({ title: 'Meeting postponed: Họp Ban Thường vụ tháng 5', body: 'Reason: Trùng lịch làm việc với Trung ương' })
    expect(read.get(withPlace)).toMatchObject({ body: 'When: 05/06/2026 08:00 · Where: Phòng họp số 1' })
    expect(read.get(leader)!.title).toBe('Conclusion notice Số 45-TB/TU: tasks you follow')
    expect(read.get(odd)!.title).toBe('Một dòng viết tay')
    // Run again at the next start: nothing left to do.
    expect(recoverNotificationParams()).toBe(0)
  })
})

describe('e-mail in the reader’s language', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>
  let server: Awaited<ReturnType<typeof startTestServer>>
  beforeAll(async () => {
    smtp = await startSmtpSink()
    server = await startTestServer({ SMTP_URL: smtp.url, SMTP_FROM: 'vanphong@tinhuy.example.vn', PUBLIC_URL: 'https://nghisu.tinhuy.example.vn' })
  })
  afterAll(async () => {
    await server.close()
    await smtp.close()
  })

  it('a reminder reaches an English-speaking officer in English, a Vietnamese one in Vietnamese', async () => {
    const unit = createUnit({ name: 'Sở Ngoại vụ' })
    const english = await createUser({ roles: ['unit_officer'], unitId: unit.id, locale: 'en' })
    const vietnamese = await createUser({ roles: ['unit_officer'], unitId: unit.id, locale: 'vi' })
    getDb().update(users).set({ email: 'en@so.example.vn' }).where(eq(users.id, english.id)).run()
    getDb().update(users).set({ email: 'vi@so.example.vn' }).where(eq(users.id, vietnamese.id)).run()
    await createTask({ leadUnitId: unit.id, content: 'Đón đoàn công tác', deadline: '2027-03-10' })
    runTaskReminders({ reminderDays: 3 }, { db: getDb(), now: new Date('2027-03-08T02:00:00Z') })
    await server.mailer.idle()
    const to = (address: string) => decodeMail(smtp.received.find((m) => m.to.includes(address))!.raw)
    expect(to('en@so.example.vn')).toContain('Dear ')
    expect(to('en@so.example.vn')).toContain('working days to a task’s deadline')
    expect(to('vi@so.example.vn')).toContain('Kính gửi đồng chí')
    expect(to('vi@so.example.vn')).toContain('ngày làm việc đến hạn nhiệm vụ')
  })
})
