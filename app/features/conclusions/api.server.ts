import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { authorize } from '~/core/permissions.server'
import { defineEndpoint } from '~/core/api/endpoint.server'
import { listTasks, taskApiSchema as taskSchema } from '~/features/tasks/index.server'
import { canEditConclusion, canReadConclusion, findConclusion } from './index.server'

const idParams = z.object({ id: z.coerce.number().int().positive() })

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
