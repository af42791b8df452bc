import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { attendanceStates, passRules, speechKinds, speechStates, voteChoices, voteStates } from '#db/schema/enums'
import { ballotSchema, castBallot, checkIn, consoleView, hallAccess, hallView, markAttendance, requestToSpeak, speakRequestSchema } from '~/features/live-meeting/index.server'
import { DomainError } from '~/core/errors'
import { idSchema } from '~/core/schemas'
import type { SessionUser } from '~/features/directory/index.server'
import { defineEndpoint } from '~/core/api/endpoint.server'

/**
 * The meeting room over the API (for a room's check-in kiosk and other integrations), by the same
 * rules as the pages: reading attendance, speakers and votes needs the right to enter the room;
 * the person check-in, request to speak and ballot are the token holder's own; marking someone
 * else's attendance is for whoever runs the meeting.
 */
const idParams = z.object({ id: z.coerce.number().int().positive() })
const voteParams = z.object({ id: z.coerce.number().int().positive(), voteId: z.coerce.number().int().positive() })
const instant = z.number().int().nullable().describe('epoch milliseconds')

const summarySchema = z
  .object({ convened: z.number().int(), presentMembers: z.number().int(), inPerson: z.number().int(), online: z.number().int(), late: z.number().int(), left: z.number().int(), quorumNeeded: z.number().int(), quorumMet: z.boolean() })
  .meta({ id: 'AttendanceSummary' })
const personSchema = z
  .object({
    userId: z.number().int(),
    name: z.string(),
    role: z.string(),
    substituteFor: z.string().nullable(),
    attendance: z.object({ state: z.enum(attendanceStates), arrivedAt: instant, late: z.boolean(), leftAt: instant, leftReason: z.string().nullable(), absentReason: z.string().nullable(), rulesAcknowledgedAt: instant }).nullable(),
  })
  .meta({ id: 'AttendancePerson' })
const speechSchema = z.object({ id: z.number().int(), userId: z.number().int(), name: z.string(), kind: z.enum(speechKinds), note: z.string().nullable(), requestedAt: z.number().int() }).meta({ id: 'SpeechRequest' })
const floorSchema = speechSchema
  .extend({ state: z.enum(speechStates), startedAt: instant, limitMs: z.number().int().nullable(), endsAt: instant.describe('while speaking: when the countdown reaches zero'), remainingMs: z.number().int().nullable().describe('while paused'), spokenMs: z.number().int() })
  .meta({ id: 'Floor' })
const voteSchema = z
  .object({
    id: z.number().int(),
    agendaItemId: z.number().int(),
    question: z.string(),
    secret: z.boolean(),
    passRule: z.enum(passRules),
    state: z.enum(voteStates),
    openedAt: z.number().int(),
    closesAt: instant,
    closedAt: instant,
    cast: z.number().int(),
    entitled: z.number().int(),
    results: z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int(), passed: z.boolean(), convened: z.number().int(), presentAtClose: z.number().int(), quorumNeeded: z.number().int(), quorumMet: z.boolean() }).nullable().describe('only once closed'),
    ballots: z.array(z.object({ userId: z.number().int(), name: z.string(), choice: z.enum(voteChoices) })).nullable().describe('named votes, once closed'),
  })
  .meta({ id: 'Vote' })

function enter(user: SessionUser, meetingId: number) {
  return hallAccess(user, meetingId)
}

function hallOf(meetingId: number) {
  const hall = hallView({ meetingId })
  if (!hall) throw new DomainError('live.errors.meetingNotFound', 'not_found')
  return hall
}

export function registerLiveMeetingEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/attendance',
    tag: 'Phòng họp',
    summary: 'Điểm danh: số có mặt và túc số; danh sách từng người (giờ đến, đến muộn, về sớm, lý do) cho chủ trì và Văn phòng',
    params: idParams,
    success: { status: 200, description: 'Điểm danh', schema: z.object({ summary: summarySchema, people: z.array(personSchema).nullable() }) },
    errors: [404],
    handler: ({ user, params }) => {
      const { runs } = enter(user, params.id)
      const { hereIds: _h, voterIds: _v, quorumRule: _q, ...summary } = hallOf(params.id).attendance
      return { summary, people: runs ? consoleView({ meetingId: params.id }).people.map(({ userId, name, role, substituteFor, attendance }) => ({ userId, name, role, substituteFor, attendance: attendance && { ...attendance, method: undefined } })) : null }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/speakers',
    tag: 'Phòng họp',
    summary: 'Người đang phát biểu (đồng hồ đếm ngược), danh sách đăng ký, thời gian phát biểu theo người',
    params: idParams,
    success: {
      status: 200,
      description: 'Phát biểu',
      schema: z.object({ floor: floorSchema.nullable(), queue: z.array(speechSchema), totals: z.array(z.object({ userId: z.number().int(), name: z.string(), spokenMs: z.number().int(), speeches: z.number().int() })), serverTime: z.number().int() }),
    },
    errors: [404],
    handler: ({ user, params }) => {
      enter(user, params.id)
      const hall = hallOf(params.id)
      return { floor: hall.floor, queue: hall.queue, totals: hall.totals, serverTime: Date.now() }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/votes',
    tag: 'Phòng họp',
    summary: 'Các biểu quyết: tiến độ khi đang mở, kết quả (và túc số lúc kết thúc) khi đã đóng',
    params: idParams,
    success: { status: 200, description: 'Biểu quyết', schema: z.object({ items: z.array(voteSchema) }) },
    errors: [404],
    handler: ({ user, params }) => {
      enter(user, params.id)
      return { items: hallOf(params.id).votes.map(({ votedIds: _ids, ...v }) => v) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/checkin',
    tag: 'Phòng họp',
    summary: 'Tự điểm danh: bằng mã trên màn hình phòng họp (đổi sau 30 giây), hoặc trực tuyến (online: true); phải cam kết nội quy',
    params: idParams,
    body: z.object({ code: z.string().max(12).optional(), online: z.boolean().optional(), rulesAcknowledged: z.boolean() }).strict(),
    success: { status: 200, description: 'Đã điểm danh (already: đã điểm danh trước đó)', schema: z.object({ already: z.boolean(), state: z.enum(attendanceStates) }) },
    errors: [400, 404, 409],
    handler: ({ user, params, body }) => {
      enter(user, params.id)
      return checkIn({ meetingId: params.id, userId: user.id, input: { method: 'api', code: body.code, online: body.online, rulesAcknowledged: body.rulesAcknowledged } })
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/attendance',
    tag: 'Phòng họp',
    summary: 'Ghi nhận điểm danh của một người (chủ trì, Văn phòng): có mặt, trực tuyến, vắng (có lý do), về sớm (có lý do)',
    params: idParams,
    body: z.object({ userId: idSchema, state: z.enum(['present', 'online', 'absent', 'left']), reason: z.string().trim().max(500).optional() }).strict(),
    success: { status: 204, description: 'Đã ghi nhận' },
    errors: [400, 403, 404, 409],
    handler: ({ req, user, params, body }) => {
      const { runs } = enter(user, params.id)
      if (!runs) throw new DomainError('live.errors.forbidden', 'forbidden')
      markAttendance({ meetingId: params.id, userId: body.userId, mark: { state: body.state, reason: body.reason || undefined }, actor: { id: user.id, ip: req.ip } })
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/speakers',
    tag: 'Phòng họp',
    summary: 'Đăng ký phát biểu ở nội dung đang thảo luận (kind: debate — tranh luận với người đang phát biểu)',
    params: idParams,
    body: speakRequestSchema.strict(),
    success: { status: 201, description: 'Đã đăng ký', schema: z.object({ id: z.number().int() }) },
    errors: [400, 404, 409],
    handler: ({ req, user, params, body }) => {
      enter(user, params.id)
      return { id: requestToSpeak({ meetingId: params.id, userId: user.id, input: { kind: body.kind, note: body.note || null }, actor: { id: user.id, ip: req.ip } }) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/votes/:voteId/ballots',
    tag: 'Phòng họp',
    summary: 'Biểu quyết (một lần, khi đang mở, thành viên đã điểm danh có mặt)',
    params: voteParams,
    body: ballotSchema.strict(),
    success: { status: 204, description: 'Đã ghi nhận phiếu' },
    errors: [400, 404, 409],
    handler: ({ user, params, body }) => {
      enter(user, params.id)
      castBallot({ meetingId: params.id, voteId: params.voteId, userId: user.id, choice: body.choice })
    },
  })
}
