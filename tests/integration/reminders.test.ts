import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { events } from '~/core/events.server'
import { createMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { listNotifications } from '~/features/notifications/index.server'
import { createTasks, decideExtension, remindersOf, requestExtension, runTaskReminders } from '~/features/tasks/index.server'
import { getDb } from '#db/client'
import { conclusions, users } from '#db/schema'
import { startScheduler } from '#server/scheduler'
import { createMeetingType, createUnit, createUser } from '../factories'
import { decodeMail, startSmtpSink } from '../setup/mail-files'
import { joinLive, nextUpdate, openLiveSocket } from '../setup/live-client'
import { startTestServer } from '../setup/server'

let smtp: Awaited<ReturnType<typeof startSmtpSink>>
let server: Awaited<ReturnType<typeof startTestServer>>
let officer: Awaited<ReturnType<typeof createUser>>
let leader: Awaited<ReturnType<typeof createUser>>
let office: Awaited<ReturnType<typeof createUser>>
let unitId: number
let conclusionId: number

beforeAll(async () => {
  smtp = await startSmtpSink()
  server = await startTestServer({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://nghisu.example.vn' })
  unitId = createUnit({ name: 'Ban Dân vận', code: 'BDV_REM' }).id
  officer = await createUser({ roles: ['unit_officer'], unitId })
  leader = await createUser({ roles: ['chair'], fullName: 'Lãnh đạo Theo dõi' })
  office = await createUser({ roles: ['office'] })
  getDb().update(users).set({ email: 'canbo@bdv.example.vn' }).where(eq(users.id, officer.id)).run()
  getDb().update(users).set({ email: 'lanhdao@tinhuy.example.vn' }).where(eq(users.id, leader.id)).run()
  const meetingId = createMeeting({ input: { title: 'Họp nhắc việc', meetingTypeId: createMeetingType().id, programmeItemId: null, offProgrammeReason: 'x', urgent: false, chairUserId: leader.id, startsAt: vietnamInstant('2026-06-01', '08:00'), endsAt: vietnamInstant('2026-06-01', '11:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: office.id } })
  const now = new Date()
  conclusionId = getDb().insert(conclusions).values({ meetingId, status: 'issued', content: { type: 'doc' }, createdAt: now, updatedAt: now }).returning().get().id
})
afterAll(async () => {
  await server.close()
  await smtp.close()
})

/** Tuesday 30 June 2026 is the deadline; three working days before it is Thursday 25 June. */
function task(deadline = '2026-06-30') {
  return getDb().transaction((tx) => createTasks({ conclusionId, blocks: [{ blockId: `r${Math.random()}`, content: 'Sơ kết công tác dân vận', leadUnitId: unitId, coordinatingUnitIds: [], deadline, standingCycle: null, followingLeaderId: leader.id }], issuedOn: '2026-06-02' }, { db: tx }))[0]!
}
const on = (day: string, time = '07:00') => new Date(`${day}T${time}:00+07:00`)
const run = (day: string) => runTaskReminders({ reminderDays: 3 }, { db: getDb(), now: on(day) }).sent.filter((s) => s.taskId === currentTask)
let currentTask = 0

describe('reminders and escalation (R5)', () => {
  it('N working days before, on the day, escalation when overdue — each once, by e-mail too', async () => {
    currentTask = task()
    expect(run('2026-06-24')).toEqual([])
    expect(run('2026-06-25')).toEqual([{ taskId: currentTask, kind: 'before', userIds: [officer.id] }])
    expect(run('2026-06-25')).toEqual([])
    expect(run('2026-06-26')).toEqual([])
    expect(run('2026-06-30')).toEqual([{ taskId: currentTask, kind: 'due', userIds: [officer.id] }])
    expect(run('2026-07-01')).toEqual([{ taskId: currentTask, kind: 'escalated', userIds: [leader.id] }])
    expect(run('2026-07-02')).toEqual([])
    expect(remindersOf({ taskId: currentTask }).map((r) => r.kind)).toEqual(['before', 'due', 'escalated'])
    const titles = listNotifications({ userId: officer.id }).items.map((n) => n.title)
    expect(titles).toEqual(expect.arrayContaining(['Còn 3 ngày làm việc đến hạn nhiệm vụ', 'Hôm nay là hạn hoàn thành nhiệm vụ']))
    expect(listNotifications({ userId: leader.id }).items[0]!.title).toBe('Nhiệm vụ quá hạn: Ban Dân vận')
    await server.mailer.idle()
    expect(smtp.received.filter((m) => m.to.includes('canbo@bdv.example.vn'))).toHaveLength(2)
    const escalation = smtp.received.filter((m) => m.to.includes('lanhdao@tinhuy.example.vn'))
    expect(escalation).toHaveLength(1)
    const decoded = decodeMail(escalation[0]!.raw)
    expect(decoded).toContain('Sơ kết công tác dân vận — hạn 30/6/2026, quá hạn 1 ngày')
    expect(decoded).toContain(`https://nghisu.example.vn/tasks/${currentTask}`)
  })

  it('an approved extension gets reminders of its own for the new deadline', () => {
    currentTask = task('2026-06-30')
    expect(run('2026-06-26').map((s) => s.kind)).toEqual(['before'])
    requestExtension({ taskId: currentTask, who: officer, input: { newDeadline: '2026-07-31', reason: 'Chờ số liệu' } })
    decideExtension({ taskId: currentTask, who: office, input: { approve: true } })
    expect(run('2026-06-30')).toEqual([])
    expect(run('2026-07-28').map((s) => s.kind)).toEqual(['before'])
  })

  it('the scheduler reminds at start and at the day boundary, tells dashboards the day changed, and a restart sends nothing twice', async () => {
    const watcher = await openLiveSocket(server.url, office.id)
    await joinLive(watcher, 'dashboard:0')
    const dayChanged = nextUpdate(watcher, 'dashboard:0')
    currentTask = task('2026-08-04')
    let now = on('2026-07-29', '23:59')
    const days: string[] = []
    const off = events.on('tasks.dayChanged', ({ today }) => days.push(today))
    const first = startScheduler({ reminderDays: 3, now: () => now, intervalMs: 3_600_000 })
    expect(remindersOf({ taskId: currentTask })).toEqual([])
    now = on('2026-07-30', '00:00')
    first.tick()
    first.tick()
    expect(days).toEqual(['2026-07-30'])
    expect(remindersOf({ taskId: currentTask }).map((r) => r.kind)).toEqual(['before'])
    first.stop()
    const restarted = startScheduler({ reminderDays: 3, now: () => now, intervalMs: 3_600_000 })
    restarted.stop()
    off()
    expect(remindersOf({ taskId: currentTask }).map((r) => r.kind)).toEqual(['before'])
    // Every open dashboard is pushed its whole model again (statuses that depend on the date).
    expect(((await dayChanged).data as { partial: boolean }).partial).toBe(false)
    watcher.disconnect()
  })
})
