import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { canContributeToTask, canDecideOnTask, canReassignTask, canReportOnTask, canViewTask } from '~/features/tasks/index.server'
import { addContribution, countTasks, createTasks, decideCompletion, decideExtension, declareCompletion, getTask, listTasks, postProgress, reassignLead, requestExtension, taskAccess } from '~/features/tasks/index.server'
import { getDb } from '#db/client'
import { eq } from 'drizzle-orm'
import { conclusions, tasks } from '#db/schema'
import { createMeetingType, createUnit, createUser, formRequest, sessionCookieFor } from '../factories'
import { joinLive, nextUpdate, openLiveSocket, settle } from '../setup/live-client'
import { startTestServer } from '../setup/server'
import { action as taskAction } from '~/routes/_app.tasks.$taskId'
import { domainErrorResponse } from '~/core/http.server'

let lead: ReturnType<typeof createUnit>
let coord: ReturnType<typeof createUnit>
let other: ReturnType<typeof createUnit>
let people: Record<string, Awaited<ReturnType<typeof createUser>>>
let conclusionId: number

beforeAll(async () => {
  lead = createUnit({ name: 'Ban Tổ chức', code: 'BTC_TASK' })
  coord = createUnit({ name: 'Sở Nội vụ', code: 'SNV_TASK' })
  other = createUnit({ name: 'Sở Y tế', code: 'SYT_TASK' })
  people = {
    chair: await createUser({ roles: ['chair'] }),
    otherChair: await createUser({ roles: ['chair'] }),
    office: await createUser({ roles: ['office'] }),
    leadOfficer: await createUser({ roles: ['unit_officer'], unitId: lead.id }),
    leadDelegate: await createUser({ roles: ['delegate'], unitId: lead.id }),
    coordOfficer: await createUser({ roles: ['unit_officer'], unitId: coord.id }),
    otherOfficer: await createUser({ roles: ['unit_officer'], unitId: other.id }),
  }
  const meetingId = createMeeting({ input: { title: 'Họp Ban Thường vụ', meetingTypeId: createMeetingType().id, programmeItemId: null, offProgrammeReason: 'x', urgent: false, chairUserId: people.chair!.id, startsAt: vietnamInstant('2026-06-01', '08:00'), endsAt: vietnamInstant('2026-06-01', '11:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: people.office!.id } })
  const now = new Date()
  conclusionId = getDb().insert(conclusions).values({ meetingId, status: 'issued', content: { type: 'doc' }, createdAt: now, updatedAt: now }).returning().get().id
})

function newTask(over: Partial<Parameters<typeof createTasks>[0]['blocks'][number]> = {}) {
  return getDb().transaction((tx) =>
    createTasks({ conclusionId, blocks: [{ blockId: `b${Math.random()}`, content: 'Rà soát quy hoạch cán bộ', leadUnitId: lead.id, coordinatingUnitIds: [coord.id], deadline: '2026-06-30', standingCycle: null, followingLeaderId: null, ...over }], issuedOn: '2026-06-05' }, { db: tx }),
  )[0]!
}

describe('who may do what with a task', () => {
  it('only the lead unit’s officers report; coordinating units contribute; others neither', () => {
    const access = taskAccess({ taskId: newTask() })!
    expect(canReportOnTask(people.leadOfficer!, access)).toBe(true)
    expect(canReportOnTask(people.otherOfficer!, access)).toBe(false)
    expect(canReportOnTask(people.coordOfficer!, access)).toBe(false)
    expect(canReportOnTask(people.leadDelegate!, access)).toBe(false)
    expect(canContributeToTask(people.coordOfficer!, access)).toBe(true)
    expect(canContributeToTask(people.otherOfficer!, access)).toBe(false)
    expect(canViewTask(people.otherOfficer!, access)).toBe(false)
    expect(canViewTask(people.coordOfficer!, access)).toBe(true)
  })

  it('the Office or the meeting’s chair decide; only the chair reassigns the lead', () => {
    const access = taskAccess({ taskId: newTask() })!
    expect(canDecideOnTask(people.office!, access)).toBe(true)
    expect(canDecideOnTask(people.chair!, access)).toBe(true)
    expect(canDecideOnTask(people.otherChair!, access)).toBe(false)
    expect(canDecideOnTask(people.leadOfficer!, access)).toBe(false)
    expect(canReassignTask(people.chair!, access)).toBe(true)
    expect(canReassignTask(people.office!, access)).toBe(false)
  })
})

describe('following a task up (R4.6h, R4.4)', () => {
  it('requires a deadline or a reporting cycle, naming the block', () => {
    expect(() => newTask({ blockId: 'task-7', deadline: null })).toThrow('task.deadlineRequired')
  })

  it('progress moves the status from not yet due to in progress', () => {
    const id = newTask()
    expect(getTask({ taskId: id, today: '2026-06-10' })).toMatchObject({ status: 'not_due', bucket: 'open_within' })
    postProgress({ taskId: id, who: people.leadOfficer!, input: { percent: 50, text: 'Đã rà soát 7/14 đơn vị', obstacle: false } })
    expect(getTask({ taskId: id, today: '2026-06-10' })).toMatchObject({ progress: 50, status: 'in_progress' })
    expect(getTask({ taskId: id, today: '2026-07-02' })).toMatchObject({ status: 'overdue', daysOverdue: 2, bucket: 'open_overdue' })
  })

  it('an approved extension moves the deadline and keeps the original in the task and its history', () => {
    const id = newTask()
    requestExtension({ taskId: id, who: people.leadOfficer!, input: { newDeadline: '2026-07-31', reason: 'Chờ hướng dẫn của Trung ương' } })
    expect(() => requestExtension({ taskId: id, who: people.leadOfficer!, input: { newDeadline: '2026-08-31', reason: 'x' } })).toThrow('task.extensionPending')
    decideExtension({ taskId: id, who: people.chair!, input: { approve: true } })
    const task = getTask({ taskId: id, today: '2026-07-10' })!
    expect(task).toMatchObject({ deadline: '2026-07-31', originalDeadline: '2026-06-30', pendingDeadline: null, status: 'not_due' })
    expect(task.history.map((e) => [e.kind, e.fromValue, e.toValue])).toEqual([
      ['extension_requested', '2026-06-30', '2026-07-31'],
      ['extension_approved', '2026-06-30', '2026-07-31'],
    ])
  })

  it('a rejected extension leaves the deadline', () => {
    const id = newTask()
    requestExtension({ taskId: id, who: people.leadOfficer!, input: { newDeadline: '2026-07-15', reason: 'Thiếu nhân lực' } })
    decideExtension({ taskId: id, who: people.office!, input: { approve: false, reason: 'Nhiệm vụ trọng tâm, không gia hạn' } })
    expect(getTask({ taskId: id })).toMatchObject({ deadline: '2026-06-30', originalDeadline: null, pendingDeadline: null })
  })

  it('completion is declared by the unit and counts once accepted: on time or late', () => {
    const onTime = newTask()
    declareCompletion({ taskId: onTime, who: people.leadOfficer!, input: { completedOn: '2026-06-30', text: 'Đã ban hành quyết định' } }, { db: getDb(), now: new Date('2026-07-01T02:00:00Z') })
    expect(getTask({ taskId: onTime, today: '2026-07-01' })).toMatchObject({ status: 'overdue' }) // declared, not yet accepted
    decideCompletion({ taskId: onTime, who: people.chair!, input: { approve: true } })
    expect(getTask({ taskId: onTime, today: '2026-08-01' })).toMatchObject({ completedOn: '2026-06-30', progress: 100, status: 'done_on_time', bucket: 'done_on_time' })

    const late = newTask()
    declareCompletion({ taskId: late, who: people.leadOfficer!, input: { completedOn: '2026-07-04', text: 'Xong' } }, { db: getDb(), now: new Date('2026-07-05T02:00:00Z') })
    decideCompletion({ taskId: late, who: people.office!, input: { approve: false, reason: 'Thiếu báo cáo kết quả' } })
    expect(getTask({ taskId: late })).toMatchObject({ completionDeclaredOn: null, completedOn: null })
    declareCompletion({ taskId: late, who: people.leadOfficer!, input: { completedOn: '2026-07-04', text: 'Bổ sung báo cáo' } }, { db: getDb(), now: new Date('2026-07-05T02:00:00Z') })
    decideCompletion({ taskId: late, who: people.office!, input: { approve: true } })
    expect(getTask({ taskId: late, today: '2026-08-01' })).toMatchObject({ status: 'done_late', daysOverdue: 4 })
    expect(() => postProgress({ taskId: late, who: people.leadOfficer!, input: { percent: 10, text: 'x', obstacle: false } })).toThrow('task.alreadyCompleted')
  })

  it('a coordinating contribution is recorded without touching progress', () => {
    const id = newTask()
    addContribution({ taskId: id, who: people.coordOfficer!, input: { text: 'Sở Nội vụ đã gửi danh sách' } })
    const task = getTask({ taskId: id })!
    expect(task.progress).toBe(0)
    expect(task.history.map((e) => [e.kind, e.unitId])).toEqual([['contribution', coord.id]])
  })

  it('reassigning the lead keeps a lead at all times and records who had it', () => {
    const id = newTask()
    reassignLead({ taskId: id, who: people.chair!, input: { leadUnitId: coord.id, reason: 'Đúng chức năng quản lý nhà nước' } })
    const task = getTask({ taskId: id })!
    expect(task).toMatchObject({ leadUnitId: coord.id, coordinatingUnitIds: [] })
    expect(task.history.at(-1)).toMatchObject({ kind: 'lead_reassigned', fromValue: String(lead.id), toValue: String(coord.id) })
    expect(() => reassignLead({ taskId: id, who: people.chair!, input: { leadUnitId: 999_999, reason: 'x' } })).toThrow('unit.notFound')
    // The unit index follows: the task is now the new lead's and no longer the old one's.
    expect(listTasks({ filter: { unitId: coord.id } }).map((t) => t.id)).toContain(id)
    expect(listTasks({ filter: { unitId: lead.id } }).map((t) => t.id)).not.toContain(id)
  })

  it('a standing task reports per cycle', () => {
    const id = newTask({ deadline: null, standingCycle: 'month' })
    expect(getTask({ taskId: id, today: '2026-06-20' })).toMatchObject({ status: 'not_due' })
    postProgress({ taskId: id, who: people.leadOfficer!, input: { percent: 0, text: 'Báo cáo tháng 6', obstacle: false } }, { db: getDb(), now: new Date('2026-06-25T02:00:00Z') })
    expect(getTask({ taskId: id, today: '2026-06-28' })).toMatchObject({ status: 'in_progress' })
    expect(getTask({ taskId: id, today: '2026-08-02' })).toMatchObject({ status: 'overdue' }) // July had no report
  })
})

describe('tasks API', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())
  const post = (path: string, userId: number, body: unknown) =>
    fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { Cookie: sessionCookieFor(userId), Origin: server.url, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

  it('another unit’s officer gets 403 posting progress; the lead unit’s officer posts it', async () => {
    const id = newTask()
    const refused = await post(`/tasks/${id}/progress`, people.otherOfficer!.id, { percent: 50, text: 'Không phải việc của đơn vị này' })
    expect(refused.status).toBe(403)
    expect(getTask({ taskId: id })!.progress).toBe(0)
    expect((await post(`/tasks/${id}/progress`, people.coordOfficer!.id, { percent: 50, text: 'Phối hợp' })).status).toBe(403)
    const ok = await post(`/tasks/${id}/progress`, people.leadOfficer!.id, { percent: 50, text: 'Đã hoàn thành 50%' })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ progress: 50, status: expect.stringMatching(/in_progress|overdue/) })
  })

  it('extension: requested by the lead unit, decided by the Office only; the original deadline is kept', async () => {
    const id = newTask()
    expect((await post(`/tasks/${id}/extension-requests`, people.leadOfficer!.id, { newDeadline: '2026-09-30', reason: 'Chờ ý kiến Trung ương' })).status).toBe(200)
    expect((await post(`/tasks/${id}/extension-decision`, people.leadOfficer!.id, { approve: true })).status).toBe(403)
    const bad = await post(`/tasks/${id}/extension-decision`, people.office!.id, { approve: false })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { fields: Record<string, string[]> } }).error.fields.reason).toEqual(['Vui lòng nêu lý do.'])
    const ok = await post(`/tasks/${id}/extension-decision`, people.office!.id, { approve: true })
    expect(await ok.json()).toMatchObject({ deadline: '2026-09-30', originalDeadline: '2026-06-30' })
  })

  it('lists only the tasks the caller may see', async () => {
    const mine = newTask()
    const list = async (userId: number) =>
      ((await (await fetch(`${server.url}/api/v1/tasks`, { headers: { Cookie: sessionCookieFor(userId) } })).json()) as { items: { id: number }[] }).items.map((t) => t.id)
    expect(await list(people.leadOfficer!.id)).toContain(mine)
    expect(await list(people.otherOfficer!.id)).not.toContain(mine)
    expect(await list(people.office!.id)).toContain(mine)
  })
})

describe('the task page and the task room', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>
  beforeAll(async () => {
    server = await startTestServer()
  })
  afterAll(() => server.close())

  it('another unit’s officer gets 403 from the page action; the lead unit’s officer saves', async () => {
    const id = newTask()
    const attempt = (userId: number) =>
      taskAction({ request: formRequest(`/tasks/${id}`, { intent: 'progress', percent: '60', text: 'Báo cáo' }, sessionCookieFor(userId)), params: { taskId: String(id) }, context: { ip: '10.0.0.1' } })
    let status: number | string = 'no error'
    try {
      await attempt(people.otherOfficer!.id)
    } catch (e) {
      const answer = domainErrorResponse(e)
      status = answer instanceof Response ? answer.status : String(e)
    }
    expect(status).toBe(403)
    expect(getTask({ taskId: id })!.progress).toBe(0)
    const ok = (await attempt(people.leadOfficer!.id)) as Response
    expect(ok.status).toBe(302)
    expect(getTask({ taskId: id })!.progress).toBe(60)
  })

  it('only those who may view the task can join task:<id>, and they are pushed its new state', async () => {
    const id = newTask()
    const outsider = await openLiveSocket(server.url, people.otherOfficer!.id)
    const watcher = await openLiveSocket(server.url, people.office!.id)
    expect(await outsider.emitWithAck('room.join', { room: `task:${id}` })).toEqual({ ok: false, error: 'forbidden' })
    const snapshot = await joinLive(watcher, `task:${id}`)
    expect((snapshot.data as { progress: number }).progress).toBe(0)
    const pushed = nextUpdate(watcher, `task:${id}`)
    postProgress({ taskId: id, who: people.leadOfficer!, input: { percent: 20, text: 'Bắt đầu', obstacle: false } })
    const data = (await pushed).data as { progress: number; status: string; history: { kind: string; text: string }[] }
    expect(data).toMatchObject({ progress: 20, status: 'overdue' })
    expect(data.history.at(-1)).toMatchObject({ kind: 'progress', text: 'Bắt đầu' })
    expect(outsider.updates).toEqual([])
    outsider.disconnect()
    watcher.disconnect()
  })

  it('dashboard rooms: the whole body for those who oversee, a leader’s room for that leader; each is pushed a progress post once', async () => {
    const id = newTask({ followingLeaderId: people.chair!.id })
    const officer = await openLiveSocket(server.url, people.otherOfficer!.id)
    const office = await openLiveSocket(server.url, people.office!.id)
    const chair = await openLiveSocket(server.url, people.chair!.id)
    expect(await officer.emitWithAck('room.join', { room: 'dashboard:0' })).toEqual({ ok: false, error: 'forbidden' })
    expect(await officer.emitWithAck('room.join', { room: `leader:${people.chair!.id}` })).toEqual({ ok: false, error: 'forbidden' })
    await joinLive(office, 'dashboard:0')
    await joinLive(chair, `leader:${people.chair!.id}`)
    await joinLive(chair, `task:${id}`)
    for (const s of [officer, office, chair]) s.updates.length = 0
    postProgress({ taskId: id, who: people.leadOfficer!, input: { percent: 30, text: 'Đang làm', obstacle: false } })
    await settle()
    expect(office.updates.map((u) => u.room)).toEqual(['dashboard:0'])
    // The following leader is also told of the report: their notification counter is pushed.
    expect(chair.updates.map((u) => u.room).sort()).toEqual([`leader:${people.chair!.id}`, `task:${id}`, `user:${people.chair!.id}`])
    expect(officer.updates).toEqual([])
    for (const s of [officer, office, chair]) s.disconnect()
  })
})

describe('counts and filters run in SQL and agree with the derived statuses', () => {
  it('at the deadline’s boundaries, for every status and bucket', () => {
    const meetingId = createMeeting({ input: { title: 'Họp đếm nhiệm vụ', meetingTypeId: createMeetingType().id, programmeItemId: null, offProgrammeReason: 'x', urgent: false, chairUserId: people.chair!.id, startsAt: vietnamInstant('2026-01-05', '08:00'), endsAt: vietnamInstant('2026-01-05', '11:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: people.office!.id } })
    const now = new Date()
    const cid = getDb().insert(conclusions).values({ meetingId, status: 'issued', content: { type: 'doc' }, createdAt: now, updatedAt: now }).returning().get().id
    const make = (over: Partial<Parameters<typeof createTasks>[0]['blocks'][number]>) =>
      getDb().transaction((tx) => createTasks({ conclusionId: cid, blocks: [{ blockId: `c${Math.random()}`, content: 'Đếm', leadUnitId: lead.id, coordinatingUnitIds: [], deadline: '2026-06-30', standingCycle: null, followingLeaderId: null, ...over }], issuedOn: '2026-01-05' }, { db: tx }))[0]!
    const open = make({})
    const started = make({ leadUnitId: coord.id })
    getDb().update(tasks).set({ progress: 40 }).where(eq(tasks.id, started)).run()
    const onDeadline = make({})
    getDb().update(tasks).set({ completedOn: '2026-06-30', progress: 100 }).where(eq(tasks.id, onDeadline)).run()
    const dayLate = make({})
    getDb().update(tasks).set({ completedOn: '2026-07-01', progress: 100 }).where(eq(tasks.id, dayLate)).run()
    make({ deadline: '2026-06-29' })
    make({ deadline: null, standingCycle: 'quarter' })
    expect(open).toBeGreaterThan(0)

    const statuses = ['not_due', 'in_progress', 'overdue', 'done_on_time', 'done_late'] as const
    const buckets = ['done_on_time', 'done_late', 'open_within', 'open_overdue'] as const
    for (const today of ['2026-06-29', '2026-06-30', '2026-07-01']) {
      const all = listTasks({ filter: { meetingId }, today })
      expect(all).toHaveLength(6)
      for (const status of statuses)
        expect(listTasks({ filter: { meetingId, status }, today }).map((t) => t.id), `${status} on ${today}`).toEqual(all.filter((t) => t.status === status).map((t) => t.id))
      for (const bucket of buckets) expect(listTasks({ filter: { meetingId, bucket }, today }).map((t) => t.id)).toEqual(all.filter((t) => t.bucket === bucket).map((t) => t.id))
      const counts = countTasks({ filter: { meetingId }, today })
      expect(counts.total).toEqual(Object.fromEntries(buckets.map((b) => [b, all.filter((t) => t.bucket === b).length])))
      expect(counts.byUnit.find((u) => u.unitId === coord.id)!.counts.open_within + counts.byUnit.find((u) => u.unitId === coord.id)!.counts.open_overdue).toBe(1)
    }
    // On 30 June the deadline day is still within it; the next day the open ones are overdue.
    expect(countTasks({ filter: { meetingId }, today: '2026-06-30' }).total).toEqual({ done_on_time: 1, done_late: 1, open_within: 2, open_overdue: 2 })
    expect(countTasks({ filter: { meetingId }, today: '2026-07-01' }).total).toEqual({ done_on_time: 1, done_late: 1, open_within: 0, open_overdue: 4 })
    // Another unit's officer sees none of them; the lead unit's officer sees theirs.
    expect(listTasks({ filter: { meetingId, viewer: { userId: people.otherOfficer!.id, unitId: other.id } } })).toHaveLength(0)
    expect(listTasks({ filter: { meetingId, viewer: { userId: people.leadOfficer!.id, unitId: lead.id } } })).toHaveLength(5)
    expect(listTasks({ filter: { meetingId, viewer: { userId: people.chair!.id, unitId: null } } })).toHaveLength(6)
  })
})
