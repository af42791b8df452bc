import { z } from '~/core/zod'
import { idSchema, requiredText } from '~/core/schemas'

/** The minutes page's forms (one intent each); the autosave is its own resource route. */
export const minutesIntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('start') }),
  z.object({ intent: z.literal('assignTaker'), takerUserId: idSchema }),
  z.object({ intent: z.literal('submit') }),
  z.object({ intent: z.literal('return'), comment: requiredText(2000) }),
  z.object({ intent: z.literal('approve') }),
  z.object({ intent: z.literal('correct'), reason: requiredText(1000) }),
  z.object({ intent: z.literal('share'), shared: z.boolean().default(false) }),
])
export type MinutesIntent = z.infer<typeof minutesIntentSchema>

export const minutesDraftSchema = z.object({ content: z.string().max(2_500_000), baseRevision: z.coerce.number().int().min(0) })
