import { z } from 'zod'
import { idSchema, requiredText } from './common'
import { dateSchema } from './meetings'

export const progressSchema = z.object({
  percent: z.number({ error: 'validation.required' }).int('validation.invalid').min(0, 'task.percentRange').max(100, 'task.percentRange'),
  text: requiredText(5000),
  obstacle: z.boolean().default(false),
})
export const contributionSchema = z.object({ text: requiredText(5000) })
export const extensionRequestSchema = z.object({ newDeadline: dateSchema, reason: requiredText(2000) })
export const decisionSchema = z
  .object({ approve: z.boolean(), reason: z.string().trim().max(2000).optional() })
  .superRefine((v, ctx) => {
    if (!v.approve && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'meeting.reasonRequired' })
  })
export const completionSchema = z.object({ completedOn: dateSchema, text: requiredText(5000) })
export const reassignSchema = z.object({ leadUnitId: idSchema, reason: requiredText(2000) })
