import { z } from 'zod'

export const loginSchema = z.object({
  username: z.string({ error: 'validation.required' }).trim().toLowerCase().min(1, 'validation.required').max(100),
  password: z.string({ error: 'validation.required' }).min(1, 'validation.required').max(1000),
  redirectTo: z.string().optional(),
})

/** How long a personal API token may be valid, in days (chosen at creation; 90 by default). */
export const TOKEN_LIFETIMES_DAYS = [30, 90, 180, 365] as const
