import { beforeAll, describe, expect, it } from 'vitest'
import { getGroup, listGroups, saveGroup } from '~/features/groups/index.server'
import { createMeeting, getMeeting, meetingFormValues, participantShortfall, sendInvitations, vietnamInstant } from '~/features/meetings/index.server'
import { action as meetingAction } from '~/routes/_app.meetings.$meetingId'
import { action as newGroupAction } from '~/routes/_app.groups._index'
import { createMeetingType, createUser, formRequest, refusal, sessionCookieFor } from '../factories'
import { domainErrorResponse } from '~/core/http.server'

let office: Awaited<ReturnType<typeof createUser>>
let chair: Awaited<ReturnType<typeof createUser>>
let standing: Awaited<ReturnType<typeof createUser>>[]
let deputies: Awaited<ReturnType<typeof createUser>>[]
const ctx = { ip: '10.0.0.9' }

beforeAll(async () => {
  office = await createUser({ roles: ['office'] })
  chair = await createUser({ roles: ['chair', 'delegate'] })
  // Standing Committee members and department deputies hold the same role: delegate.
  standing = await Promise.all(Array.from({ length: 5 }, (_, i) => createUser({ roles: ['delegate'], fullName: `Ủy viên Thường vụ ${i + 1}` })))
  deputies = await Promise.all(Array.from({ length: 8 }, (_, i) => createUser({ roles: ['delegate'], fullName: `Phó Giám đốc Sở ${i + 1}` })))
})

const meeting = (over: Partial<Parameters<typeof createMeeting>[0]['input']> = {}) =>
  createMeeting({ input: { title: 'Họp Ban Thường vụ', meetingTypeId: createMeetingType().id, programmeItemId: null, offProgrammeReason: 'Kiểm thử', urgent: false, chairUserId: chair.id, startsAt: vietnamInstant('2027-05-10', '08:00'), endsAt: vietnamInstant('2027-05-10', '11:00'), mode: 'in_person', location: 'Phòng họp 1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null, ...over }, actor: { id: office.id } })

describe('named participant groups', () => {
  it('the Office keeps a group; its name is unique and its members keep their order', async () => {
    const id = saveGroup({ input: { name: 'Ủy viên Ban Thường vụ', description: 'Khóa XX', memberUserIds: [chair.id, ...standing.map((s) => s.id)], active: true }, existingId: null, actor: { id: office.id } })
    expect(getGroup({ id })!.members.map((m) => m.id)).toEqual([chair.id, ...standing.map((s) => s.id)])
    expect(listGroups().find((g) => g.id === id)!.memberCount).toBe(6)
    expect(refusal(() => saveGroup({ input: { name: 'ủy viên ban thường vụ', description: null, memberUserIds: [], active: true }, existingId: null, actor: { id: office.id } }))).toBe('groups.nameTaken')
    expect(refusal(() => saveGroup({ input: { name: 'Nhóm lạ', description: null, memberUserIds: [999_999], active: true }, existingId: null, actor: { id: office.id } }))).toBe('groups.unknownPerson')
  })

  it('a meeting inviting the group invites exactly its people, not every delegate; the form gets the group back', () => {
    const group = listGroups().find((g) => g.name === 'Ủy viên Ban Thường vụ')!
    const id = meeting({ memberGroupIds: [group.id] })
    const invited = getMeeting({ id })!.participants.map((p) => p.userId).sort((a, b) => a - b)
    expect(invited).toEqual([chair.id, ...standing.map((s) => s.id)].sort((a, b) => a - b))
    expect(invited).not.toContain(deputies[0]!.id)
    expect(meetingFormValues(getMeeting({ id })!).memberGroupIds).toEqual([group.id])
    // By role, the same meeting would have reached the deputies too.
    const byRole = meeting({ memberRoles: ['delegate'] })
    expect(getMeeting({ id: byRole })!.participants.map((p) => p.userId)).toContain(deputies[0]!.id)
  })

  it('a type inviting a group by default brings it to a meeting given no composition', () => {
    const group = listGroups().find((g) => g.name === 'Ủy viên Ban Thường vụ')!
    const type = createMeetingType({ defaultGroupIds: [group.id] })
    const id = meeting({ meetingTypeId: type.id })
    expect(getMeeting({ id })!.participants).toHaveLength(6)
  })

  it('the groups page creates a group for the Office only', async () => {
    const fields = { name: 'Thường trực Tỉnh ủy', memberUserIds: [String(chair.id), String(standing[0]!.id)] }
    const res = (await newGroupAction({ request: formRequest('/groups', fields, sessionCookieFor(office.id)), params: {}, context: ctx })) as Response
    expect(res.status).toBe(302)
    expect(listGroups().find((g) => g.name === 'Thường trực Tỉnh ủy')!.memberCount).toBe(2)
    let status = 0
    try {
      await newGroupAction({ request: formRequest('/groups', { ...fields, name: 'Khác' }, sessionCookieFor(deputies[0]!.id)), params: {}, context: ctx })
    } catch (e) {
      status = (domainErrorResponse(e) as Response).status
    }
    expect(status).toBe(403)
  })
})

describe('too few invitees', () => {
  it('asks the Office to confirm before inviting fewer people than the type brings together, then sends', async () => {
    const group = listGroups().find((g) => g.name === 'Ủy viên Ban Thường vụ')!
    const type = createMeetingType({ defaultGroupIds: [group.id] })
    // Only the chair and one person, for a type of six.
    const id = meeting({ meetingTypeId: type.id, memberUserIds: [standing[0]!.id] })
    expect(participantShortfall({ id })).toEqual({ count: 2, expected: 6, typeName: type.name })
    expect(refusal(() => sendInvitations({ id, actor: { id: office.id } }))).toBe('meeting.fewParticipants')
    expect(getMeeting({ id })!.participants.every((p) => p.invitedAt === null)).toBe(true)

    const cookie = sessionCookieFor(office.id)
    const warned = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'invite' }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(warned.status).toBe(409)
    expect(((await warned.json()) as { few: unknown }).few).toEqual({ count: 2, expected: 6, typeName: type.name })
    const sent = (await meetingAction({ request: formRequest(`/meetings/${id}`, { intent: 'invite', confirmFew: 'on' }, cookie), params: { meetingId: String(id) }, context: ctx })) as Response
    expect(sent.status).toBe(302)
    expect(getMeeting({ id })!.participants.every((p) => p.invitedAt !== null)).toBe(true)
  })

  it('a meeting of only its chair is always questioned, even for a type without defaults', () => {
    const id = meeting()
    expect(participantShortfall({ id })).toMatchObject({ count: 1, expected: 3 })
  })
})
