import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { dateSchema } from '~/features/meetings/index.server'
import { authorize } from '~/core/permissions.server'
import { canContributeToTask, canDecideOnTask, canReportOnTask, canViewTask, taskListViewer, type TaskAccess } from '~/features/tasks/index.server'
import { addContribution, completionSchema, contributionSchema, decideCompletion, decideExtension, decisionSchema, declareCompletion, extensionRequestSchema, getTask, listTasks, postProgress, progressSchema, requestExtension, findTask } from '~/features/tasks/index.server'
import type { SessionUser } from '~/features/directory/index.server'
import { taskEventKinds } from '#db/schema/conclusions'
import { taskSchema } from './api-schema'
import { taskStatuses } from './task-status'
import { requireApiPermission } from '~/core/api/user.server'
import { defineEndpoint } from '~/core/api/endpoint.server'

const idParams = z.object({ id: z.coerce.number().int().positive() })

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
        status: z.enum(taskStatuses).optional(),
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
      return { items: listTasks({ filter: { ...query, viewer: taskListViewer(user) } }).filter((t) => canViewTask(user, t)) }
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
