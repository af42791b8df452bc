import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { findConclusion } from '~/features/conclusions/index.server'
import { dateSchema } from '~/features/meetings/index.server'
import { authorize, can } from '~/core/permissions.server'
import { canContributeToTask, canDecideOnTask, canReportOnTask, canViewTask, type TaskAccess } from '~/features/tasks/index.server'
import { canEditConclusion, canReadConclusion } from '~/features/conclusions/index.server'
import { addContribution, completionSchema, contributionSchema, decideCompletion, decideExtension, decisionSchema, declareCompletion, extensionRequestSchema, getTask, listTasks, postProgress, progressSchema, requestExtension, findTask, taskBuckets, taskStatuses } from '~/features/tasks/index.server'
import type { SessionUser } from '~/features/directory/index.server'
import { reportingCycles, taskEventKinds } from '#db/schema/conclusions'
import { requireApiPermission } from './auth'
import { defineEndpoint } from './endpoint'

const statuses = taskStatuses
const idParams = z.object({ id: z.coerce.number().int().positive() })

const taskSchema = z
  .object({
    id: z.number().int(),
    content: z.string(),
    leadUnitId: z.number().int(),
    coordinatingUnitIds: z.array(z.number().int()),
    deadline: z.string().nullable(),
    originalDeadline: z.string().nullable(),
    standingCycle: z.enum(reportingCycles).nullable(),
    progress: z.number().int(),
    pendingDeadline: z.string().nullable(),
    completionDeclaredOn: z.string().nullable(),
    completedOn: z.string().nullable(),
    status: z.enum(statuses),
    daysOverdue: z.number().int(),
    bucket: z.enum(taskBuckets),
  })
  .meta({ id: 'Task' })
const taskDetailSchema = taskSchema
  .extend({ history: z.array(z.object({ kind: z.enum(taskEventKinds), actorId: z.number().int(), unitId: z.number().int().nullable(), percent: z.number().int().nullable(), text: z.string().nullable(), fromValue: z.string().nullable(), toValue: z.string().nullable(), at: z.string() })) })
  .meta({ id: 'TaskDetail' })

export function registerTaskEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/tasks',
    tag: 'Nhiệm vụ',
    summary: 'Nhiệm vụ theo đơn vị (chủ trì hoặc phối hợp), trạng thái, hạn, cuộc họp — chỉ những nhiệm vụ người gọi được xem',
    query: z
      .object({
        unitId: z.coerce.number().int().positive().optional(),
        meetingId: z.coerce.number().int().positive().optional(),
        status: z.enum(statuses).optional(),
        deadlineFrom: dateSchema.optional(),
        deadlineTo: dateSchema.optional(),
        leaderId: z.coerce.number().int().positive().optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
        offset: z.coerce.number().int().min(0).default(0),
      })
      .strict(),
    success: { status: 200, description: 'Các nhiệm vụ (theo hạn, tối đa `limit` mỗi trang)', schema: z.object({ items: z.array(taskSchema) }) },
    errors: [400, 403],
    handler: ({ req, query, user }) => {
      requireApiPermission(req, 'directory.read')
      const viewer = can(user, 'meetings.overview') ? undefined : { userId: user.id, unitId: user.unitId }
      return { items: listTasks({ filter: { ...query, viewer } }).filter((t) => canViewTask(user, t)) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/tasks/:id',
    tag: 'Nhiệm vụ',
    summary: 'Một nhiệm vụ với toàn bộ lịch sử',
    params: idParams,
    success: { status: 200, description: 'Nhiệm vụ', schema: taskDetailSchema },
    errors: [403, 404],
    handler: ({ params, user }) => {
      authorize(user, canViewTask, findTask(params.id).access)
      return getTask({ taskId: params.id })
    },
  })

  const action = <S extends z.ZodType>(path: string, summary: string, body: S, rule: (user: SessionUser, task: TaskAccess) => boolean, run: (options: { taskId: number; who: SessionUser & { ip?: string }; input: z.infer<S> }) => void) =>
    defineEndpoint(router, registry, {
      method: 'post',
      path,
      tag: 'Nhiệm vụ',
      summary,
      params: idParams,
      body,
      success: { status: 200, description: 'Nhiệm vụ sau khi cập nhật', schema: taskDetailSchema },
      errors: [400, 403, 404, 409],
      handler: ({ req, params, body: input, user }) => {
        authorize(user, rule, findTask(params.id).access)
        run({ taskId: params.id, who: { ...user, ip: req.ip }, input })
        return getTask({ taskId: params.id })
      },
    })

  action('/tasks/:id/progress', 'Báo cáo tiến độ hoặc vướng mắc (cán bộ đơn vị chủ trì)', progressSchema.strict(), canReportOnTask, postProgress)
  action('/tasks/:id/contributions', 'Ý kiến, kết quả phối hợp (đơn vị phối hợp)', contributionSchema.strict(), canContributeToTask, addContribution)
  action('/tasks/:id/extension-requests', 'Đề nghị gia hạn (đơn vị chủ trì)', extensionRequestSchema.strict(), canReportOnTask, requestExtension)
  action('/tasks/:id/extension-decision', 'Đồng ý hoặc không đồng ý gia hạn (Văn phòng, người chủ trì)', decisionSchema.strict(), canDecideOnTask, decideExtension)
  action('/tasks/:id/completion', 'Báo cáo hoàn thành (đơn vị chủ trì)', completionSchema.strict(), canReportOnTask, declareCompletion)
  action('/tasks/:id/completion-decision', 'Công nhận hoàn thành hoặc trả lại (Văn phòng, người chủ trì)', decisionSchema.strict(), canDecideOnTask, decideCompletion)
}

const conclusionSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(['draft', 'issued', 'superseded']),
    numberFormatted: z.string().nullable(),
    issuedOn: z.string().nullable(),
    onTime: z.boolean().nullable(),
    summary: z.string(),
    content: z.record(z.string(), z.unknown()),
    html: z.string().nullable(),
    recipientUnitIds: z.array(z.number().int()),
    otherRecipients: z.array(z.string()),
    supersedesId: z.number().int().nullable(),
    revision: z.number().int(),
  })
  .meta({ id: 'Conclusion' })

export function registerConclusionEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/conclusion',
    tag: 'Kết luận',
    summary: 'Thông báo kết luận của cuộc họp (bản đã ban hành; bản dự thảo chỉ cho Văn phòng và người chủ trì) và các nhiệm vụ',
    params: idParams,
    success: {
      status: 200,
      description: 'Kết luận và nhiệm vụ',
      schema: z.object({ issued: conclusionSchema.nullable(), draft: conclusionSchema.nullable(), tasks: z.array(taskSchema) }),
    },
    errors: [403, 404],
    handler: ({ params, user }) => {
      const { access, state: { issued, draft }, recipientUnitIds } = findConclusion(params.id)
      authorize(user, canReadConclusion, access, recipientUnitIds)
      const canEdit = canEditConclusion(user, access)
      const shape = (c: NonNullable<typeof issued>) => ({ ...c, content: c.content, html: c.html })
      return {
        issued: issued ? shape(issued) : null,
        draft: canEdit && draft ? shape(draft) : null,
        tasks: issued ? listTasks({ filter: { meetingId: params.id } }) : [],
      }
    },
  })
}
