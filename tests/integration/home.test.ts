import { describe, expect, it } from 'vitest'
import { addDays, vietnamDate } from '~/core/days'
import { respondToInvitation } from '~/features/meetings/index.server'
import { loader as homeLoader } from '~/routes/_app._index'
import { createHallFixture, createMeeting, createTask, createUnit, createUser, getRequest, sessionCookieFor } from '../factories'

const home = async (userId: number) => (await ((await homeLoader({ request: getRequest('/', sessionCookieFor(userId)), params: {}, context: { ip: '' } } as never)) as Response).json()) as Record<string, unknown>

describe('each role’s home page says what to do next', () => {
  it('a unit officer sees the unit’s tasks overdue or due within two weeks, nearest first, and not the later ones', async () => {
    const unit = createUnit({ name: 'Sở Công Thương' })
    const officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
    const today = vietnamDate(new Date())
    const soon = await createTask({ leadUnitId: unit.id, content: 'Báo cáo sản xuất công nghiệp', deadline: addDays(today, 5), issuedOn: addDays(today, -10) })
    const late = await createTask({ leadUnitId: unit.id, content: 'Rà soát cụm công nghiệp', deadline: addDays(today, -2), issuedOn: addDays(today, -20) })
    await createTask({ leadUnitId: unit.id, content: 'Đề án dài hạn', deadline: addDays(today, 60), issuedOn: addDays(today, -1) })
    const data = (await home(officer.id)) as { dueSoon: { id: number; overdue: boolean }[]; nextMeeting: unknown; toInvite: unknown }
    expect(data.dueSoon.map((t) => t.id)).toEqual([late.id, soon.id])
    expect(data.dueSoon[0]!.overdue).toBe(true)
    expect(data.nextMeeting).toBeNull()
    expect(data.toInvite).toBeNull()
  })

  it('a chair sees how ready their next meeting is: who answered', async () => {
    const hall = await createHallFixture({ members: 3, startsAt: new Date(Date.now() + 3 * 86_400_000) })
    respondToInvitation({ meetingId: hall.meetingId, userId: hall.members[0]!.id, input: { response: 'attending' } as never })
    respondToInvitation({ meetingId: hall.meetingId, userId: hall.members[1]!.id, input: { response: 'declined', reason: 'Đi công tác' } as never })
    const data = (await home(hall.chair.id)) as { nextMeeting: { id: number; answers: Record<string, number>; documents: { count: number } } }
    expect(data.nextMeeting.id).toBe(hall.meetingId)
    expect(data.nextMeeting.answers).toEqual({ attending: 1, declined: 1, pending: 1 })
    expect(data.nextMeeting.documents.count).toBe(0)
  })

  it('the Office sees the meetings of the next two weeks whose invitations have not gone out', async () => {
    const office = await createUser({ roles: ['office'] })
    const today = vietnamDate(new Date())
    const near = await createMeeting({ officeUserId: office.id, date: addDays(today, 4), title: 'Họp chưa gửi giấy mời' })
    const far = await createMeeting({ officeUserId: office.id, date: addDays(today, 40), title: 'Họp còn xa' })
    const data = (await home(office.id)) as { toInvite: { id: number }[] }
    expect(data.toInvite.map((m) => m.id)).toContain(near)
    expect(data.toInvite.map((m) => m.id)).not.toContain(far)
  })
})
