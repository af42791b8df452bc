import { z } from 'zod'

export const loginSchema = z.object({
  username: z.string({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').max(100),
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(1000),
  redirectTo: z.string().optional(),
})
