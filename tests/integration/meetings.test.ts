import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serverT } from '~/i18n/translate.server'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { advanceMeetingStatus, createMeeting, decideSubstitute, getMeeting, invitationTiming, meetingAccess, respondToInvitation, sendInvitations, vietnamInstant } from '~/features/meetings/index.server'
import { action as editAction } from '~/routes/_app.meetings.$meetingId_.edit'
import { action as meetingAction, loader as meetingLoader } from '~/routes/_app.meetings.$meetingId'
import { action as newMeetingAction } from '~/routes/_app.meetings.new'
import { getDb } from '#db/client'
import { meetingParticipants, meetings, notifications, programmeItems, userRoles } from '#db/schema'
import { createMeetingType, createProgrammeItemFixture, createUnit, createUser, formRequest, getRequest, meetingFormFields, sessionCookieFor } from '../factories'
import { joinLive, nextUpdate, openLiveSocket } from '../setup/live-client'
import { startTestServer } from '../setup/server'
import { domainErrorResponse } from '~/core/http.server'

const t = serverT('vi')
const ctx = { ip: '10.0.0.5' }
type Reply = { result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }; conflicts?: { kind: string; names: string[] }[] }

let office: Awaited<ReturnType<typeof createUser>>
let chair: Awaited<ReturnType<typeof createUser>>
let delegates: Awaited<ReturnType<typeof createUser>>[]
let typeId: number
let unitId: number
let server: Awaited<ReturnType<typeof startTestServer>>

beforeAll(async () => {
  server = await startTestServer()
  unitId = createUnit({ name: 'Tỉnh ủy', code: 'TU_MEET' }).id
  office = await createUser({ roles: ['office'], unitId })
  chair = await createUser({ roles: ['chair', 'delegate'], unitId })
  delegates = await Promise.all([1, 2, 3].map(() => createUser({ roles: ['delegate'], unitId })))
  typeId = createMeetingType({ documentLeadDays: 3 }).id
})
afterAll(() => server.close())

async function thrownStatus(run: () => unknown) {
  try {
    await run()
  } catch (thrown) {
    const error = domainErrorResponse(thrown)
    if (error instanceof Response) return error.status
    throw error
  }
  return 'no error'
}

function saveInput(date: string, extra: Partial<Parameters<typeof createMeeting>[0]['input']> = {}) {
  return {
    title: 'Họp Ban Thường vụ tháng 12',
    meetingTypeId: typeId,
    programmeItemId: null,
    offProgrammeReason: 'Theo chỉ đạo của Thường trực',
    urgent: false,
    chairUserId: chair.id,
    startsAt: vietnamInstant(date, '08:00'),
    endsAt: vietnamInstant(date, '11:00'),
    mode: 'in_person' as const,
    location: `Phòng ${date}`,
    joinUrl: null,
    preparingUnitId: null,
    agenda: [],
    memberUserIds: delegates.map((d) => d.id),
    memberRoles: [],
    guestUnitIds: [],
    guestUserIds: [],
    secretaryUserId: office.id,
    ...extra,
  }
}

describe('creating meetings (R4.6a)', () => {
  it('refuses a meeting outside the programme without a reason, beside the field, keeping the input', async () => {
    const response = (await newMeetingAction({
      request: formRequest('/meetings/new', meetingFormFields({ title: 'Họp đột xuất về bão', meetingTypeId: typeId, chairUserId: chair.id, date: '2026-12-14' }), sessionCookieFor(office.id)),
      params: {},
      context: ctx,
    })) as Response
    expect(response.status).toBe(400)
    const body = (await response.json()) as Reply
    expect(body.result.error?.offProgrammeReason?.map((k) => t(k))).toEqual(['Cuộc họp ngoài chương trình công tác phải nêu lý do.'])
    expect(body.result.initialValue?.title).toBe('Họp đột xuất về bão')
    expect(getDb().select().from(meetings).where(eq(meetings.title, 'Họp đột xuất về bão')).all()).toEqual([])
  })

  it('creates a meeting from a programme item, which becomes scheduled; participants are expanded', async () => {
    const item = createProgrammeItemFixture(unitId)
    const response = (await newMeetingAction({
      request: formRequest('/meetings/new', meetingFormFields({ title: 'Sơ kết quý IV', meetingTypeId: typeId, chairUserId: chair.id, date: '2026-12-15', programmeItemId: item.id, memberUserIds: delegates.map((d) => d.id) }), sessionCookieFor(office.id)),
      params: {},
      context: ctx,
    })) as Response
    expect(response.status).toBe(302)
    const id = Number(response.headers.get('Location')!.split('/').pop())
    const meeting = getMeeting({ id })!
    expect(meeting).toMatchObject({ title: 'Sơ kết quý IV', status: 'draft', programmeItemId: item.id, offProgrammeReason: null })
    expect(meeting.startsAt.toISOString()).toBe('2026-12-15T01:00:00.000Z')
    expect(meeting.agenda.map((a) => a.title)).toEqual(['Báo cáo tình hình'])
    expect(meeting.participants.map((p) => [p.userId, p.role]).sort()).toEqual([[chair.id, 'chair'], ...delegates.map((d) => [d.id, 'member'])].sort())
    expect(getDb().select().from(programmeItems).where(eq(programmeItems.id, item.id)).get()!.status).toBe('scheduled')
  })

  it('warns before saving when the chair is double-booked, and saves once confirmed', async () => {
    createMeeting({ input: saveInput('2026-12-16'), actor: { id: office.id } })
    const fields = meetingFormFields({ title: 'Họp trùng giờ', meetingTypeId: typeId, chairUserId: chair.id, date: '2026-12-16', startTime: '09:00', endTime: '10:00', offProgrammeReason: 'Gấp', location: 'Phòng khác' })
    const warned = (await newMeetingAction({ request: formRequest('/meetings/new', fields, sessionCookieFor(office.id)), params: {}, context: ctx })) as Response
    expect(warned.status).toBe(409)
    const body = (await warned.json()) as Reply
    expect(body.conflicts?.map((c) => c.kind)).toContain('chair')
    expect(getDb().select().from(meetings).where(eq(meetings.title, 'Họp trùng giờ')).all()).toEqual([])
    const saved = (await newMeetingAction({ request: formRequest('/meetings/new', { ...fields, confirmConflicts: 'on' }, sessionCookieFor(office.id)), params: {}, context: ctx })) as Response
    expect(saved.status).toBe(302)
  })
})

describe('the double-booking warning', () => {
  it('names the chair’s clash once, as the chair’s, and the place without repeating “phòng”', async () => {
    const { scheduleConflicts } = await import('~/features/meetings/index.server')
    createMeeting({ input: { ...saveInput('2027-03-17'), location: 'Phòng họp số 1' }, actor: { id: office.id } })
    const again = { ...saveInput('2027-03-17'), location: 'Phòng họp số 1', memberUserIds: [chair.id, delegates[0]!.id] }
    const found = scheduleConflicts({ input: again, existingId: null })
    expect(found.filter((c) => c.kind === 'chair')).toHaveLength(1)
    expect(found.find((c) => c.kind === 'participant')?.names ?? []).not.toContain(found.find((c) => c.kind === 'chair')!.names[0])
    const room = found.find((c) => c.kind === 'room')!
    expect(t(room.messageKey, { names: room.names.join(', '), title: room.title, when: room.when })).toMatch(/^Địa điểm «Phòng họp số 1» đã dùng cho cuộc họp/)
  })
})

describe('invitations in working days (R4.6d)', () => {
  it('is on time when sent by the deadline: start minus 3 working days', () => {
    // Thursday 17/12/2026 − 3 working days = Monday 14/12/2026.
    const id = createMeeting({ input: saveInput('2026-12-17'), actor: { id: office.id } })
    const { timing } = sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2026-12-14', '16:00') })
    expect(timing).toMatchObject({ deadline: '2026-12-14', state: 'onTime', lateByWorkingDays: 0 })
    expect(getDb().select().from(notifications).where(eq(notifications.userId, delegates[0]!.id)).all().some((n) => n.link === `/meetings/${id}`)).toBe(true)
  })

  it('counts lateness in working days across a weekend and 1/1', () => {
    // Meeting Tuesday 5/1/2027: deadline is Wednesday 30/12/2026 (1/1 is a holiday, 2–3/1 weekend).
    const id = createMeeting({ input: saveInput('2027-01-05'), actor: { id: office.id } })
    const { timing } = sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2027-01-04', '08:00') })
    expect(timing).toMatchObject({ deadline: '2026-12-30', state: 'late', lateByWorkingDays: 2 })
    const meeting = getMeeting({ id })!
    expect(invitationTiming(meeting, 3, getWorkingCalendar())).toMatchObject({ state: 'late', lateByWorkingDays: 2 })
  })

  it('an urgent meeting is not late, and is marked urgent', () => {
    const id = createMeeting({ input: saveInput('2026-12-18', { urgent: true, location: 'Phòng đột xuất' }), actor: { id: office.id } })
    const { timing } = sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2026-12-18', '06:00') })
    expect(timing.state).toBe('urgent')
  })
})

describe('who may do what with a meeting', () => {
  it('a delegate gets 403 editing a meeting, from the edit page, the invite action and the API', async () => {
    const id = createMeeting({ input: saveInput('2026-12-21'), actor: { id: office.id } })
    const cookie = sessionCookieFor(delegates[0]!.id)
    const fields = meetingFormFields({ title: 'Sửa trái phép', meetingTypeId: typeId, chairUserId: chair.id, date: '2026-12-21', offProgrammeReason: 'x' })
    expect(await thrownStatus(() => editAction({ request: formRequest(`/meetings/${id}/edit`, fields, cookie), params: { meetingId: String(id) }, context: ctx }))).toBe(403)
    expect(await thrownStatus(() => meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'invite' }, cookie), params: { meetingId: String(id) }, context: ctx }))).toBe(403)
    const api = await fetch(`${server.url}/api/v1/meetings/${id}`, {
      method: 'PATCH',
      headers: { Cookie: cookie, Origin: server.url, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: 'Sửa trái phép', meetingTypeId: typeId, chairUserId: chair.id, date: '2026-12-21', startTime: '08:00', endTime: '09:00', mode: 'online', joinUrl: 'https://x.example', offProgrammeReason: 'x' }),
    })
    expect(api.status).toBe(403)
    expect(getMeeting({ id })!.title).toBe('Họp Ban Thường vụ tháng 12')
  })

  it('a delegate who is not invited cannot open the meeting (page, API, socket room)', async () => {
    const outsider = await createUser({ roles: ['delegate'] })
    const id = createMeeting({ input: saveInput('2026-12-22'), actor: { id: office.id } })
    const cookie = sessionCookieFor(outsider.id)
    expect(await thrownStatus(() => meetingLoader({ request: getRequest(`/meetings/${id}`, cookie), params: { meetingId: String(id) }, context: ctx }))).toBe(403)
    expect((await fetch(`${server.url}/api/v1/meetings/${id}`, { headers: { Cookie: cookie } })).status).toBe(403)
    // An invited delegate can.
    const ok = (await meetingLoader({ request: getRequest(`/meetings/${id}`, sessionCookieFor(delegates[1]!.id)), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(ok.status).toBe(200)
  })
})

describe('answering an invitation (R4.6c)', () => {
  it('declining needs a reason; the answer and reason are stored', async () => {
    const id = createMeeting({ input: saveInput('2026-12-23'), actor: { id: office.id } })
    sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2026-12-01', '08:00') })
    const cookie = sessionCookieFor(delegates[0]!.id)
    const noReason = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'rsvp', response: 'declined' }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(noReason.status).toBe(400)
    expect(((await noReason.json()) as Reply).result.error?.reason?.map((k) => t(k))).toEqual(['Vui lòng nêu lý do vắng mặt.'])
    const ok = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'rsvp', response: 'declined', reason: 'Đi công tác Trung ương' }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(ok.status).toBe(302)
    const row = getDb().select().from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, id), eq(meetingParticipants.userId, delegates[0]!.id))).get()!
    expect(row).toMatchObject({ rsvp: 'declined', rsvpReason: 'Đi công tác Trung ương' })
  })

  it('a substitute must be an active user; one the Office confirms is invited in the delegate’s place', async () => {
    const id = createMeeting({ input: saveInput('2026-12-24'), actor: { id: office.id } })
    sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2026-12-01', '08:00') })
    const retired = await createUser({ active: false })
    const deputy = await createUser({ roles: ['delegate'] })
    const cookie = sessionCookieFor(delegates[1]!.id)
    const refused = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'rsvp', response: 'substituted', substituteUserId: String(retired.id) }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as Reply).result.error?.substituteUserId?.map((k) => t(k))).toEqual(['Người dự thay phải là người dùng đang hoạt động (không phải chính bạn).'])
    expect(getDb().select().from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, id), eq(meetingParticipants.userId, retired.id))).get()).toBeUndefined()

    const ok = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'rsvp', response: 'substituted', substituteUserId: String(deputy.id) }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(ok.status).toBe(302)
    const meeting = getMeeting({ id })!
    expect(meeting.participants.find((p) => p.userId === delegates[1]!.id)).toMatchObject({ rsvp: 'substituted', substituteUserId: deputy.id })
    expect(meeting.participants.find((p) => p.userId === deputy.id)).toMatchObject({ role: 'member', source: `substitute:${delegates[1]!.id}`, rsvp: 'pending' })
    expect(meeting.participants.find((p) => p.userId === deputy.id)?.pendingSubstitute).toBe(true)
    // Until the Office confirms, the substitute is not invited and sees nothing of the meeting.
    expect(getDb().select().from(notifications).where(eq(notifications.userId, deputy.id)).all()).toHaveLength(0)
    const openPage = () => meetingLoader({ request: getRequest(`/meetings/${id}`, sessionCookieFor(deputy.id)), params: { meetingId: String(id) }, context: ctx }).then((r) => (r as Response).status, (e: unknown) => (domainErrorResponse(e) as Response).status)
    expect(await openPage()).toBe(403)
    expect(meetingAccess({ id })!.participantUserIds).not.toContain(deputy.id)
    // A delegate may not confirm; the Office does.
    const decide = (userId: number) => meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'substitute', substituteUserId: String(deputy.id), decision: 'confirm' }, sessionCookieFor(userId)), params: { meetingId: String(id) }, context: ctx }).then((r) => (r as Response).status, (e: unknown) => (domainErrorResponse(e) as Response).status)
    expect(await decide(delegates[1]!.id)).toBe(403)
    expect(await decide(office.id)).toBe(302)
    expect(getDb().select().from(notifications).where(eq(notifications.userId, deputy.id)).all()).toHaveLength(1)
    expect(await openPage()).toBe(200)
  })

  it('under the same-unit rule a colleague substitutes at once; anyone else waits, and a refusal reopens the answer', async () => {
    const unit = createUnit({ name: 'Sở Tư pháp' })
    const member = await createUser({ roles: ['delegate'], unitId: unit.id })
    const colleague = await createUser({ roles: ['delegate'], unitId: unit.id })
    const outsider = await createUser({ roles: ['delegate'] })
    const typeId = createMeetingType({ substituteRule: 'same_unit' }).id
    const id = createMeeting({ input: { ...saveInput('2026-12-29'), meetingTypeId: typeId, memberUserIds: [member.id] }, actor: { id: office.id } })
    sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2026-12-01', '08:00') })
    respondToInvitation({ meetingId: id, userId: member.id, input: { response: 'substituted', substituteUserId: colleague.id } }, { now: vietnamInstant('2026-12-02', '08:00') })
    expect(meetingAccess({ id })!.participantUserIds).toContain(colleague.id)
    respondToInvitation({ meetingId: id, userId: member.id, input: { response: 'substituted', substituteUserId: outsider.id } }, { now: vietnamInstant('2026-12-02', '09:00') })
    expect(meetingAccess({ id })!.participantUserIds).not.toContain(outsider.id)
    expect(meetingAccess({ id })!.participantUserIds).not.toContain(colleague.id) // the first substitution was taken back
    decideSubstitute({ meetingId: id, substituteUserId: outsider.id, approve: false, actor: { id: office.id } })
    const after = getMeeting({ id })!
    expect(after.participants.find((p) => p.userId === outsider.id)).toBeUndefined()
    expect(after.participants.find((p) => p.userId === member.id)).toMatchObject({ rsvp: 'pending', substituteUserId: null })
    expect(() => decideSubstitute({ meetingId: id, substituteUserId: outsider.id, approve: true, actor: { id: office.id } })).toThrow('meeting.noSubstitutePending')
  })

  it('someone not invited cannot answer', () => {
    const id = createMeeting({ input: saveInput('2026-12-28'), actor: { id: office.id } })
    expect(() => respondToInvitation({ meetingId: id, userId: 999_999, input: { response: 'attending' } })).toThrow('meeting.notInvited')
  })
})

describe('realtime: the meeting room', () => {
  it('only whoever may view the meeting can join meeting:<id>', async () => {
    const id = createMeeting({ input: saveInput('2026-12-29'), actor: { id: office.id } })
    const outsider = await createUser({ roles: ['delegate'] })
    const a = await openLiveSocket(server.url, outsider.id)
    const b = await openLiveSocket(server.url, delegates[2]!.id)
    expect(await a.emitWithAck('room.join', { room: `meeting:${id}` })).toEqual({ ok: false, error: 'forbidden' })
    const snapshot = (await joinLive(b, `meeting:${id}`)).data as { meeting: { invitationsSentAt: string | null } }
    expect(snapshot.meeting.invitationsSentAt).toBeNull()
    const pushed = nextUpdate(b, `meeting:${id}`)
    sendInvitations({ id, actor: { id: office.id }, confirmFew: true })
    const data = (await pushed).data as { meeting: { invitationsSentAt: string | null; participants: { userId: number; invitedAt: string | null }[] } }
    expect(data.meeting.invitationsSentAt).not.toBeNull()
    expect(data.meeting.participants.find((p) => p.userId === delegates[2]!.id)?.invitedAt).not.toBeNull()
    expect(a.updates).toEqual([])
    a.disconnect()
    b.disconnect()
  })
})

describe('a meeting moved on by its session and its notice', () => {
  it('goes in session, held (its programme item too) and concluded, never back', () => {
    const item = createProgrammeItemFixture(unitId)
    const id = createMeeting({ input: saveInput('2027-02-25', { programmeItemId: item.id, offProgrammeReason: null }), actor: { id: office.id } })
    const status = () => getMeeting({ id })!.status
    advanceMeetingStatus({ id, to: 'held' })
    expect(status()).toBe('draft')
    sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2027-02-01', '08:00') })
    advanceMeetingStatus({ id, to: 'in_session' })
    expect(status()).toBe('in_session')
    advanceMeetingStatus({ id, to: 'concluded' })
    advanceMeetingStatus({ id, to: 'held' })
    expect(status()).toBe('concluded')
    expect(getDb().select().from(programmeItems).where(eq(programmeItems.id, item.id)).get()!.status).toBe('held')
    advanceMeetingStatus({ id, to: 'in_session' })
    expect(status()).toBe('concluded')
  })
})

describe('postponing and cancelling', () => {
  it('needs a reason, tells every invited participant, and the programme item follows', async () => {
    const item = createProgrammeItemFixture(unitId)
    const id = createMeeting({ input: saveInput('2027-02-24', { programmeItemId: item.id, offProgrammeReason: null }), actor: { id: office.id } })
    sendInvitations({ id, actor: { id: office.id }, confirmFew: true }, { now: vietnamInstant('2027-02-01', '08:00') })
    const cookie = sessionCookieFor(office.id)
    const noReason = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'status', status: 'postponed' }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(noReason.status).toBe(400)
    expect(((await noReason.json()) as Reply).result.error?.reason?.map((k) => t(k))).toEqual(['Vui lòng nêu lý do.'])
    const ok = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'status', status: 'postponed', reason: 'Trùng lịch làm việc với Trung ương' }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(ok.status).toBe(302)
    expect(getMeeting({ id })).toMatchObject({ status: 'postponed', statusReason: 'Trùng lịch làm việc với Trung ương' })
    const told = getDb().select().from(notifications).where(and(eq(notifications.userId, delegates[2]!.id), eq(notifications.kind, 'meeting.postponed'))).all()
    expect(told.map((n) => n.body)).toContain('Lý do: Trùng lịch làm việc với Trung ương')
    expect(getDb().select().from(programmeItems).where(eq(programmeItems.id, item.id)).get()).toMatchObject({ status: 'postponed', statusReason: 'Trùng lịch làm việc với Trung ương' })
  })
})

describe('meeting type rules (R4.2)', () => {
  it('refuses a meeting longer than the type allows, beside the end time', async () => {
    const short = createMeetingType({ name: 'Giao ban ngắn', maxDurationMinutes: 60 }).id
    expect(() => createMeeting({ input: saveInput('2027-02-22', { meetingTypeId: short }), actor: { id: office.id } })).toThrow('meeting.tooLong')
    const response = (await newMeetingAction({
      request: formRequest('/meetings/new', meetingFormFields({ title: 'Giao ban dài', meetingTypeId: short, chairUserId: chair.id, date: '2027-02-22', startTime: '08:00', endTime: '10:00', offProgrammeReason: 'x' }), sessionCookieFor(office.id)),
      params: {},
      context: ctx,
    })) as Response
    expect(response.status).toBe(400)
    expect(((await response.json()) as Reply).result.error?.endTime?.map((k) => t(k))).toEqual(['Cuộc họp dài hơn thời lượng tối đa của loại cuộc họp này.'])
  })

  it('invites the type’s default participant groups when nobody is chosen', () => {
    const standing = createMeetingType({ name: 'Họp Ban Thường vụ (mặc định)', defaultRoles: ['delegate'] }).id
    const id = createMeeting({ input: saveInput('2027-02-23', { meetingTypeId: standing, memberUserIds: [], secretaryUserId: null }), actor: { id: office.id } })
    const invited = getMeeting({ id })!.participants.map((p) => p.userId)
    for (const d of delegates) expect(invited).toContain(d.id)
    expect(getMeeting({ id })!.participants.find((p) => p.userId === delegates[0]!.id)?.source).toBe('role:delegate')
  })
})

describe('roles', () => {
  it('only holders of the chair role may chair', () => {
    const notChair = delegates[2]!
    expect(getDb().select().from(userRoles).where(and(eq(userRoles.userId, notChair.id), eq(userRoles.role, 'chair'))).get()).toBeUndefined()
    expect(() => createMeeting({ input: saveInput('2026-12-30', { chairUserId: notChair.id }), actor: { id: office.id } })).toThrow('meeting.chairNotAllowed')
  })
})

describe('limits that agree', () => {
  it('a programme item of 1,000 characters can become a meeting with it as the title', async () => {
    const { meetingFormSchema, programmeItemInputSchema } = await import('~/features/meetings/schemas')
    const long = 'Đ'.repeat(1000)
    expect(programmeItemInputSchema.safeParse({ content: long, plannedMonth: 5 }).success).toBe(true)
    const meeting = meetingFormSchema.safeParse({ title: long, meetingTypeId: 1, chairUserId: 1, date: '2027-05-05', startTime: '08:00', endTime: '09:00', mode: 'in_person', location: 'P1', offProgrammeReason: 'x' })
    expect(meeting.error?.issues.filter((i) => i.path[0] === 'title') ?? []).toEqual([])
    expect(meetingFormSchema.safeParse({ title: `${long}x`, meetingTypeId: 1, chairUserId: 1, date: '2027-05-05', startTime: '08:00', endTime: '09:00', mode: 'in_person', location: 'P1', offProgrammeReason: 'x' }).error?.issues.map((i) => i.message)).toContain('validation.tooLong')
  })
})
