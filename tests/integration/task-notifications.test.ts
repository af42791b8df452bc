import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '#db/client'
import { notifications } from '#db/schema'
import { decideCompletion, decideExtension, declareCompletion, postProgress, requestExtension, tasksAwaitingDecision } from '~/features/tasks/index.server'
import { createIssuedConclusion, createTask, createUnit, createUser } from '../factories'

const kindsFor = (userId: number) => getDb().select({ kind: notifications.kind }).from(notifications).where(and(eq(notifications.userId, userId))).all().map((n) => n.kind).filter((k) => k.startsWith('task.'))

describe('task events tell whoever must act or follows', () => {
  it('reports reach the following leader; requests the chair, the leader and the Office; decisions the lead unit — never the one who acted; requests wait on the deciders’ home', async () => {
    const unit = createUnit({ name: 'Sở Kế hoạch' })
    const officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
    const chair = await createUser({ roles: ['chair'] })
    const leader = await createUser({ roles: ['chair'] })
    const office = await createUser({ roles: ['office'] })
    const otherChair = await createUser({ roles: ['chair'] })
    const conclusion = await createIssuedConclusion({ chairUserId: chair.id })
    const { id } = await createTask({ conclusionId: conclusion.id, leadUnitId: unit.id, followingLeaderId: leader.id, deadline: '2026-06-30' })
    const who = { id: officer.id, unitId: unit.id }

    postProgress({ taskId: id, who, input: { percent: 30, text: 'Đã hoàn thành khảo sát', obstacle: false } })
    expect(kindsFor(leader.id)).toEqual(['task.progress'])
    expect(kindsFor(officer.id)).toEqual([])

    requestExtension({ taskId: id, who, input: { newDeadline: '2026-07-31', reason: 'Chờ số liệu quý II' } }, { db: getDb(), now: new Date('2026-06-10T09:00:00+07:00') })
    for (const u of [chair, leader, office]) expect(kindsFor(u.id)).toContain('task.extension_requested')
    expect(tasksAwaitingDecision({ user: office }).map((t) => t.id)).toContain(id)
    expect(tasksAwaitingDecision({ user: chair }).map((t) => t.id)).toContain(id)
    expect(tasksAwaitingDecision({ user: otherChair }).map((t) => t.id)).not.toContain(id)
    expect(tasksAwaitingDecision({ user: officer })).toEqual([])

    decideExtension({ taskId: id, who: { id: office.id, unitId: null }, input: { approve: true } })
    expect(kindsFor(officer.id)).toEqual(['task.extension_approved'])
    expect(kindsFor(office.id)).toEqual(['task.extension_requested'])
    expect(tasksAwaitingDecision({ user: office }).map((t) => t.id)).not.toContain(id)

    declareCompletion({ taskId: id, who, input: { completedOn: '2026-06-20', text: 'Đã trình UBND tỉnh' } }, { db: getDb(), now: new Date('2026-06-21T09:00:00+07:00') })
    expect(tasksAwaitingDecision({ user: chair }).map((t) => t.id)).toContain(id)
    decideCompletion({ taskId: id, who: { id: chair.id, unitId: null }, input: { approve: true } })
    expect(kindsFor(officer.id)).toEqual(['task.extension_approved', 'task.completion_accepted'])
    expect(tasksAwaitingDecision({ user: chair }).map((t) => t.id)).not.toContain(id)
  })
})
