import { getWorkingCalendar } from '~/features/calendar/index.server'
import { isValidDate } from '~/core/days'
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { serverT } from '~/i18n/translate.server'
import { getMeeting, invitationTiming, listMeetings, listMeetingTypes, findMeeting, meetingApiSchema, type MeetingFormInput, programmeItemApiSchema, respondToInvitation, rsvpSchema, saveMeeting, scheduleConflicts, sendInvitations, toSaveInput } from '~/features/meetings/index.server'
import { authorize, can } from '~/core/permissions.server'
import { canViewMeeting } from '~/features/meetings/index.server'
import { createProgrammeItem, getProgrammeItem, listProgrammeItems } from '~/features/programme/index.server'
import type { SessionUser } from '~/features/directory/index.server'
import { meetingModes, meetingStatuses, participantRoles, programmeItemStatuses, rsvpStates } from '#db/schema/meetings'
import { requireApiPermission } from '~/core/api/user.server'
import { defineEndpoint } from '~/core/api/endpoint.server'
import { ApiError } from '~/core/api/errors.server'

const idParams = z.object({ id: z.coerce.number().int().positive() })

const meetingTypeSchema = z
  .object({ id: z.number().int(), name: z.string(), documentLeadDays: z.number().int(), conclusionDeadlineDays: z.number().int(), speakingLimitMinutes: z.number().int(), maxDurationMinutes: z.number().int().nullable(), active: z.boolean() })
  .meta({ id: 'MeetingType' })
const meetingSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    startsAt: z.string().describe('ISO 8601 (UTC)'),
    endsAt: z.string(),
    status: z.enum(meetingStatuses),
    mode: z.enum(meetingModes),
    location: z.string().nullable(),
    urgent: z.boolean(),
    programmeItemId: z.number().int().nullable(),
    typeName: z.string(),
    chairName: z.string(),
    preparingUnitName: z.string().nullable(),
    participantCount: z.number().int(),
  })
  .meta({ id: 'MeetingSummary' })
const meetingDetailSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    status: z.enum(meetingStatuses),
    startsAt: z.string(),
    endsAt: z.string(),
    invitation: z.object({ deadline: z.string(), sentAt: z.string().nullable(), state: z.enum(['onTime', 'late', 'notSent', 'overdue', 'urgent']), lateByWorkingDays: z.number().int() }),
    agenda: z.array(z.object({ position: z.number().int(), title: z.string(), presenterName: z.string().nullable(), presenterUnitName: z.string().nullable(), plannedMinutes: z.number().int().nullable() })),
    participants: z.array(z.object({ userId: z.number().int(), fullName: z.string(), role: z.enum(participantRoles), source: z.string(), rsvp: z.enum(rsvpStates), rsvpReason: z.string().nullable(), substituteUserId: z.number().int().nullable(), invitedAt: z.string().nullable() })),
  })
  .passthrough()
  .meta({ id: 'MeetingDetail' })
const programmeItemSchema = z
  .object({ id: z.number().int(), content: z.string(), plannedMonth: z.number().int(), plannedDate: z.string().nullable(), status: z.enum(programmeItemStatuses), meetingTypeId: z.number().int().nullable(), presidingUserId: z.number().int().nullable(), preparingUnitId: z.number().int().nullable(), notes: z.string().nullable() })
  .meta({ id: 'ProgrammeItem' })

function meetingDetail(id: number) {
  const m = getMeeting({ id })!
  const timing = invitationTiming(m, m.leadDays, getWorkingCalendar())
  return { ...m, invitation: { ...timing, sentAt: timing.sentAt?.toISOString() ?? null } }
}

/** Creates or updates after the same double-booking check the form makes (409 with the conflicts unless confirmed). */
function saveUnlessConflicting(body: MeetingFormInput, existingId: number | null, user: SessionUser, ip: string | undefined) {
  const input = toSaveInput(body)
  const conflicts = scheduleConflicts({ input, existingId })
  if (conflicts.length && !body.confirmConflicts) {
    const t = serverT(user.locale)
    throw new ApiError(409, 'schedule_conflict', t('meetings.conflicts'), {
      confirmConflicts: conflicts.map((c) => t(c.messageKey, { names: c.names.join(', '), title: c.title, when: c.when })),
    })
  }
  return saveMeeting({ input, existingId, actor: { id: user.id, ip } })
}

/** An instant with its offset, in the years the product deals in (2000–2100). */
const instantInRange = z.iso.datetime({ offset: true }).refine((v) => {
  const at = Date.parse(v)
  return Number.isFinite(at) && isValidDate(new Date(at).toISOString().slice(0, 10))
}, 'validation.date')

export function registerMeetingEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meeting-types',
    tag: 'Cuộc họp',
    summary: 'Loại cuộc họp và quy định (ngày làm việc gửi tài liệu trước, hạn kết luận …)',
    success: { status: 200, description: 'Các loại cuộc họp', schema: z.object({ items: z.array(meetingTypeSchema) }) },
    errors: [403],
    handler: ({ req }) => {
      requireApiPermission(req, 'directory.read')
      return { items: listMeetingTypes({ includeInactive: true }) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/programme-items',
    tag: 'Chương trình công tác',
    summary: 'Nội dung của một chương trình công tác',
    query: z.object({ programmeId: z.coerce.number().int().positive(), status: z.enum(programmeItemStatuses).optional() }).strict(),
    success: { status: 200, description: 'Các nội dung', schema: z.object({ items: z.array(programmeItemSchema) }) },
    errors: [400, 403],
    handler: ({ req, query }) => {
      requireApiPermission(req, 'directory.read')
      return { items: listProgrammeItems({ programmeId: query.programmeId, filter: { status: query.status } }) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/programme-items',
    tag: 'Chương trình công tác',
    summary: 'Thêm nội dung vào chương trình (Văn phòng)',
    body: programmeItemApiSchema,
    success: { status: 201, description: 'Nội dung đã thêm', schema: programmeItemSchema },
    errors: [400, 403, 404, 413],
    handler: ({ req, body, user }) => {
      requireApiPermission(req, 'programme.manage')
      const { programmeId, ...item } = body
      const id = createProgrammeItem({ programmeId, input: item, actor: { id: user.id, ip: req.ip } })
      return getProgrammeItem({ id })
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings',
    tag: 'Cuộc họp',
    summary: 'Cuộc họp trong một khoảng thời gian (người không có quyền xem toàn cơ quan chỉ thấy cuộc họp của mình)',
    query: z
      .object({ from: instantInRange, to: instantInRange, mine: z.enum(['true', 'false']).optional() })
      .strict()
      .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 1100 * 86_400_000 && Date.parse(q.to) >= Date.parse(q.from), { message: 'validation.invalid', path: ['to'] }),
    success: { status: 200, description: 'Các cuộc họp', schema: z.object({ items: z.array(meetingSummarySchema) }) },
    errors: [400, 403],
    handler: ({ req, query, user }) => {
      requireApiPermission(req, 'directory.read')
      const mine = query.mine === 'true' || !can(user, 'meetings.overview')
      return { items: listMeetings({ filter: { from: new Date(query.from), to: new Date(query.to), userId: mine ? user.id : undefined, includeCancelled: true } }) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings',
    tag: 'Cuộc họp',
    summary: 'Tạo cuộc họp (Văn phòng). Giờ theo Asia/Ho_Chi_Minh. 409 schedule_conflict nếu trùng lịch, trừ khi confirmConflicts = true',
    body: meetingApiSchema,
    success: { status: 201, description: 'Cuộc họp đã tạo', schema: meetingDetailSchema },
    errors: [400, 403, 409, 413],
    handler: ({ req, body, user }) => {
      authorize(user, 'meetings.manage')
      return meetingDetail(saveUnlessConflicting(body, null, user, req.ip))
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id',
    tag: 'Cuộc họp',
    summary: 'Một cuộc họp: chương trình, thành phần, xác nhận tham dự, hạn gửi giấy mời',
    params: idParams,
    success: { status: 200, description: 'Cuộc họp', schema: meetingDetailSchema },
    errors: [403, 404],
    handler: ({ params, user }) => {
      authorize(user, canViewMeeting, findMeeting(params.id).access)
      return meetingDetail(params.id)
    },
  })

  defineEndpoint(router, registry, {
    method: 'patch',
    path: '/meetings/:id',
    tag: 'Cuộc họp',
    summary: 'Sửa cuộc họp (Văn phòng): gửi toàn bộ nội dung như khi tạo',
    params: idParams,
    body: meetingApiSchema,
    success: { status: 200, description: 'Cuộc họp sau khi sửa', schema: meetingDetailSchema },
    errors: [400, 403, 404, 409, 413],
    handler: ({ req, params, body, user }) => {
      authorize(user, 'meetings.manage')
      findMeeting(params.id)
      return meetingDetail(saveUnlessConflicting(body, params.id, user, req.ip))
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/invitations',
    tag: 'Cuộc họp',
    summary: 'Gửi giấy mời cho những người chưa được mời (Văn phòng). Ít người hơn thành phần thường có của loại cuộc họp: 409 fewParticipants, trừ khi gửi confirmFew: true',
    params: idParams,
    body: z.object({ confirmFew: z.boolean().default(false) }).strict(),
    success: { status: 200, description: 'Số người được mời và việc gửi có đúng hạn không', schema: z.object({ invited: z.number().int(), state: z.string(), deadline: z.string(), lateByWorkingDays: z.number().int() }) },
    errors: [400, 403, 404, 409],
    handler: ({ req, params, user, body }) => {
      authorize(user, 'meetings.manage')
      const { userIds, timing } = sendInvitations({ id: params.id, actor: { id: user.id, ip: req.ip }, confirmFew: body.confirmFew })
      return { invited: userIds.length, state: timing.state, deadline: timing.deadline, lateByWorkingDays: timing.lateByWorkingDays }
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/rsvp',
    tag: 'Cuộc họp',
    summary: 'Xác nhận tham dự: tham dự, vắng (có lý do) hoặc cử người dự thay',
    params: idParams,
    body: rsvpSchema.strict(),
    success: { status: 200, description: 'Cuộc họp sau khi xác nhận', schema: meetingDetailSchema },
    errors: [400, 403, 404, 409],
    handler: ({ params, body, user }) => {
      authorize(user, canViewMeeting, findMeeting(params.id).access)
      respondToInvitation({ meetingId: params.id, userId: user.id, input: body })
      return meetingDetail(params.id)
    },
  })
}
