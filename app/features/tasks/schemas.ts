import { z } from '~/core/zod'
import { idSchema, requiredText } from '~/core/schemas'
import { dateSchema } from '~/features/meetings'

export const progressSchema = z.object({
  percent: z.number({ error: 'validation.required' }).int('validation.invalid').min(0, 'task.percentRange').max(100, 'task.percentRange'),
  text: requiredText(5000),
  obstacle: z.boolean().default(false),
})
export const contributionSchema = z.object({ text: requiredText(5000) })
export const extensionRequestSchema = z.object({ newDeadline: dateSchema, reason: requiredText(2000) })
function decisionRule(v: { approve: boolean; reason?: string }, ctx: z.RefinementCtx) {
  if (!v.approve && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'meeting.reasonRequired' })
}
export const decisionSchema = z.object({ approve: z.boolean(), reason: z.string().trim().max(2000).optional() }).superRefine(decisionRule)
/** The page's form: the "reject" button sends no `approve`, which means false. */
const decisionFormSchema = z.object({ approve: z.boolean().default(false), reason: z.string().trim().max(2000).optional() }).superRefine(decisionRule)
export const completionSchema = z.object({ completedOn: dateSchema, text: requiredText(5000) })
export const reassignSchema = z.object({ leadUnitId: idSchema, reason: requiredText(2000) })

/** Each form on the task page and the schema both sides validate it with (the page loads it when a form is first used). */
export const taskFormSchemas = {
  progress: progressSchema,
  contribution: contributionSchema,
  extension: extensionRequestSchema,
  completion: completionSchema,
  extensionDecision: decisionFormSchema,
  completionDecision: decisionFormSchema,
  reassign: reassignSchema,
} as const
