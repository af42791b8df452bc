import { z } from '~/core/zod'
import { unitKinds } from '#db/schema/enums'
import { idSchema, requiredText } from '~/core/schemas'

export const unitInputSchema = z.object({
  name: requiredText(200),
  code: z
    .string({ error: 'validation.required' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9_-]{2,30}$/, 'unit.codeFormat'),
  kind: z.enum(unitKinds, { error: 'validation.required' }),
  parentId: idSchema.nullable().optional(),
})
export type UnitInput = z.infer<typeof unitInputSchema> & { active?: boolean }

/** The API may also set `active`; unknown fields are refused. */
export const unitCreateApiSchema = unitInputSchema.extend({ active: z.boolean().optional() }).strict()
export const unitPatchSchema = unitCreateApiSchema.partial().strict()

export const unitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  kind: z.enum(unitKinds),
  parentId: z.number().int().nullable(),
  active: z.boolean(),
})
