import { z } from '~/core/zod'
import { idSchema, optionalText, requiredText } from '~/core/schemas'

export const GROUP_LIMITS = { nameChars: 200, descriptionChars: 1000, members: 2000 } as const

/** A named participant group as the Office edits it (page form and API). */
export const groupFormSchema = z.object({
  name: requiredText(GROUP_LIMITS.nameChars),
  description: optionalText(GROUP_LIMITS.descriptionChars).nullable(),
  memberUserIds: z.array(idSchema).max(GROUP_LIMITS.members, 'validation.tooMany').default([]),
  active: z.boolean().default(false),
})
export type GroupInput = z.infer<typeof groupFormSchema>
