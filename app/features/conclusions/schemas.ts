import { z } from '~/core/zod'
import { idSchema, optionalText, requiredText } from '~/core/schemas'

/** Issuing: who signs, and the recipients beyond the units with tasks (added by the server). */
export const issueFormSchema = z.object({
  baseRevision: z.number().int().min(0),
  signerTitle: requiredText(120),
  signerName: requiredText(120),
  recipientUnitIds: z.array(idSchema).max(500).optional(),
  otherRecipients: optionalText(2000),
})

export const correctionSchema = z.object({ reason: requiredText(1000) })
