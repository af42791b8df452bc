import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { events } from '~/core/events.server'
import type { TaskScopeView } from '~/features/dashboard/index.server'
import { vietnamDate } from '~/core/days'
import { countTasks, decideCompletion, declareCompletion, postProgress, reassignLead, refreshTasks, scopeCounts } from '~/features/tasks/index.server'
import { createIssuedConclusion, createTask, createUnit, createUser, getRequest, sessionCookieFor } from '../factories'
import { joinLive, type LiveSocket, nextUpdate, openLiveSocket, settle } from '../setup/live-client'
import { startTestServer } from '../setup/server'
import { loader as dashboardLoader } from '~/routes/_app.dashboard'

let server: Awaited<ReturnType<typeof startTestServer>>
const sockets: LiveSocket[] = []
let unitA: ReturnType<typeof createUnit>
let unitB: ReturnType<typeof createUnit>
let people: Record<'office' | 'chair' | 'officerA' | 'officerB', Awaited<ReturnType<typeof createUser>>>
let conclusion: Awaited<ReturnType<typeof createIssuedConclusion>>

beforeAll(async () => {
  server = await startTestServer()
  unitA = createUnit({ name: 'Ban Tuyên giáo' })
  unitB = createUnit({ name: 'Sở Tài chính' })
  people = {
    office: await createUser({ roles: ['office'] }),
    chair: await createUser({ roles: ['chair'] }),
    officerA: await createUser({ roles: ['unit_officer'], unitId: unitA.id }),
    officerB: await createUser({ roles: ['unit_officer'], unitId: unitB.id }),
  }
  conclusion = await createIssuedConclusion({ chairUserId: people.chair.id })
})
afterAll(async () => {
  sockets.forEach((s) => s.disconnect())
  await server.close()
})

async function open(userId: number) {
  const socket = await openLiveSocket(server.url, userId)
  sockets.push(socket)
  return socket
}
const view = (u: { data: unknown }) => u.data as TaskScopeView
const farDeadline = '2099-12-31'

describe('live task views: computed once per change, pushed, filtered by the room', () => {
  it('a progress post pushes each affected room once, with the new counts and the changed row', async () => {
    const { id } = await createTask({ conclusionId: conclusion.id, leadUnitId: unitA.id, deadline: farDeadline, followingLeaderId: people.chair.id })
    const office = await open(people.office.id)
    const officerA = await open(people.officerA.id)
    const officerB = await open(people.officerB.id)
    const chair = await open(people.chair.id)
    const before = view(await joinLive(office, 'dashboard:0'))
    await joinLive(officerA, `unit:${unitA.id}`)
    await joinLive(officerB, `unit:${unitB.id}`)
    await joinLive(chair, `leader:${people.chair.id}`)
    await joinLive(chair, `meetingTasks:${conclusion.meetingId}`)
    for (const s of [office, officerA, officerB, chair]) s.updates.length = 0

    postProgress({ taskId: id, who: people.officerA, input: { percent: 40, text: 'Đã triển khai', obstacle: false } })
    await settle()

    expect(office.updates).toHaveLength(1)
    const body = view(office.updates[0]!)
    expect(office.updates[0]!.version).toBeGreaterThan(0)
    // The task moved from "not due" to "in progress": both are "open within the deadline".
    expect(body.counts.total.open_within).toBe(before.counts.total.open_within)
    expect(body.rows).toEqual([expect.objectContaining({ id, progress: 40, status: 'in_progress', leadUnitName: 'Ban Tuyên giáo' })])
    // Only the changed unit's row of the by-unit table travels; the join snapshot had them all.
    expect(body.partial).toBe(true)
    expect(body.counts.byUnit).toEqual([expect.objectContaining({ unitId: unitA.id, unitName: 'Ban Tuyên giáo' })])
    expect(before.partial).toBe(false)
    expect(officerA.updates.map((u) => u.room)).toEqual([`unit:${unitA.id}`])
    expect(view(officerA.updates[0]!).rows.map((r) => r.id)).toEqual([id])
    // The chair follows the task: its rooms, and its own notification counter (the report reached it).
    expect(chair.updates.map((u) => u.room).sort()).toEqual([`leader:${people.chair.id}`, `meetingTasks:${conclusion.meetingId}`, `user:${people.chair.id}`].sort())
    expect(officerB.updates).toEqual([])
  })

  it('a client in unit:B never receives anything about a task of unit A', async () => {
    const { id } = await createTask({ conclusionId: conclusion.id, leadUnitId: unitA.id, deadline: farDeadline })
    const officerB = await open(people.officerB.id)
    // Even when it asks for the row by id on joining.
    const snapshot = view(await joinLive(officerB, `unit:${unitB.id}`, [id]))
    expect(snapshot.rows).toEqual([])
    expect(await officerB.emitWithAck('room.join', { room: `unit:${unitA.id}` })).toEqual({ ok: false, error: 'forbidden' })
    officerB.updates.length = 0
    postProgress({ taskId: id, who: people.officerA, input: { percent: 10, text: 'Bắt đầu', obstacle: false } })
    events.emit('tasks.dayChanged', { today: vietnamDate(new Date()) })
    await settle()
    for (const u of officerB.updates) expect(view(u).rows.map((r) => r.id)).not.toContain(id)
    expect(JSON.stringify(officerB.updates)).not.toContain('Nhiệm vụ kiểm thử')
  })

  it('after missed changes, joining again brings the current counts and the rows the page shows', async () => {
    const { id } = await createTask({ conclusionId: conclusion.id, leadUnitId: unitA.id, deadline: farDeadline })
    const first = await open(people.officerA.id)
    const before = await joinLive(first, `unit:${unitA.id}`, [id])
    expect(view(before).rows).toEqual([expect.objectContaining({ id, progress: 0 })])
    first.disconnect()
    postProgress({ taskId: id, who: people.officerA, input: { percent: 55, text: 'Một nửa', obstacle: false } })
    postProgress({ taskId: id, who: people.officerA, input: { percent: 70, text: 'Gần xong', obstacle: false } })
    const again = await open(people.officerA.id)
    const after = await joinLive(again, `unit:${unitA.id}`, [id])
    expect(after.version).toBeGreaterThan(before.version)
    expect(view(after).rows).toEqual([expect.objectContaining({ id, progress: 70, status: 'in_progress' })])
    expect(view(after).counts).toEqual(view(before).counts)
  })

  it('a burst of 50 changes yields a bounded number of pushes, the last with the final state', async () => {
    const { id } = await createTask({ conclusionId: conclusion.id, leadUnitId: unitA.id, deadline: farDeadline })
    const office = await open(people.office.id)
    await joinLive(office, 'dashboard:0')
    office.updates.length = 0
    for (let i = 1; i <= 50; i++) {
      postProgress({ taskId: id, who: people.officerA, input: { percent: i, text: `Lần ${i}`, obstacle: false } })
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await settle(700)
    // 50 posts over ~100 ms, at most one push per 250 ms per room: two or three pushes.
    expect(office.updates.length).toBeGreaterThanOrEqual(1)
    expect(office.updates.length).toBeLessThanOrEqual(3)
    const last = view(office.updates.at(-1)!)
    expect(last.rows.find((r) => r.id === id)?.progress).toBe(50)
    expect(office.updates.map((u) => u.version)).toEqual([...office.updates.map((u) => u.version)].sort((a, b) => a - b))
  })

  it('the day boundary moves a task into overdue and pushes the new counts', async () => {
    const today = vietnamDate(new Date())
    const unit = createUnit({ name: 'Văn phòng Tỉnh ủy' })
    const officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
    await createTask({ conclusionId: conclusion.id, leadUnitId: unit.id, deadline: today })
    const socket = await open(officer.id)
    const before = view(await joinLive(socket, `unit:${unit.id}`))
    expect(before.counts.total).toEqual({ done_on_time: 0, done_late: 0, open_within: 1, open_overdue: 0 })
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 86_400_000 })
    try {
      const pushed = nextUpdate(socket, `unit:${unit.id}`)
      events.emit('tasks.dayChanged', { today: vietnamDate(new Date()) })
      const after = view(await pushed)
      expect(after.today > today).toBe(true)
      expect(after.counts.total).toEqual({ done_on_time: 0, done_late: 0, open_within: 0, open_overdue: 1 })
    } finally {
      vi.useRealTimers()
    }
  })

  it('counts kept up to date change by change agree with a recount in SQL', async () => {
    const unit = createUnit({ name: 'Ban Nội chính' })
    const officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
    const ids = []
    for (const deadline of ['2026-01-15', '2026-03-31', farDeadline, farDeadline]) ids.push((await createTask({ conclusionId: conclusion.id, leadUnitId: unit.id, deadline })).id)
    const scopes = [{ kind: 'body', id: 0 }, { kind: 'unit', id: unit.id }, { kind: 'unit', id: unitB.id }] as const
    const today = vietnamDate(new Date())
    for (const scope of scopes) scopeCounts({ scope, today }) // made once, then adjusted
    const apply = (taskId: number) => refreshTasks({ taskIds: [taskId] })
    postProgress({ taskId: ids[2]!, who: officer, input: { percent: 30, text: 'Tiến độ', obstacle: false } })
    apply(ids[2]!)
    declareCompletion({ taskId: ids[0]!, who: officer, input: { completedOn: '2026-02-01', text: 'Xong' } })
    decideCompletion({ taskId: ids[0]!, who: people.office, input: { approve: true } })
    apply(ids[0]!)
    reassignLead({ taskId: ids[3]!, who: people.chair, input: { leadUnitId: unitB.id, reason: 'Đúng chức năng' } })
    apply(ids[3]!)
    for (const scope of scopes) {
      const kept = scopeCounts({ scope, today })
      const filter = scope.kind === 'unit' ? { unitId: scope.id } : {}
      expect(kept.total).toEqual(countTasks({ filter, today }).total)
      expect(kept.byUnit.map((u) => [u.unitId, u.counts])).toEqual(countTasks({ filter, today }).byUnit.map((u) => [u.unitId, u.counts]))
    }
  })

  it('the dashboard loader reads the same model: tasks written by anyone are counted (data version)', async () => {
    const unit = createUnit({ name: 'Sở Xây dựng' })
    const office = people.office
    const load = async () => {
      const res = (await dashboardLoader({ request: getRequest(`/dashboard?unit=${unit.id}`, sessionCookieFor(office.id)), params: {}, context: { ip: '127.0.0.1' } })) as Response
      return (await res.json()) as { version: number; live: { counts: TaskScopeView['counts']; tasks: { id: number }[] } }
    }
    expect((await load()).live.counts.total.open_within).toBe(0)
    // createTask writes through the model inside a transaction of its own and emits nothing.
    const { id } = await createTask({ conclusionId: conclusion.id, leadUnitId: unit.id, deadline: farDeadline })
    const after = await load()
    expect(after.live.counts.total.open_within).toBe(1)
    expect(after.live.tasks.map((t) => t.id)).toEqual([id])
  })
})
