import { TOKEN_LIFETIMES_DAYS } from '../token-lifetimes'
import { z } from '~/core/zod'
import { requiredText } from '~/core/schemas'

export const loginSchema = z.object({
  username: z.string({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').max(100),
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(1000),
  redirectTo: z.string().optional(),
})

export { TOKEN_LIFETIMES_DAYS }

export const createTokenSchema = z.object({
  name: requiredText(100),
  days: z.coerce.number().int().refine((d) => (TOKEN_LIFETIMES_DAYS as readonly number[]).includes(d), 'validation.invalid').default(90),
  readOnly: z.boolean().default(false),
})
