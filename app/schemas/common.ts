import { z } from 'zod'

/** Messages are i18n keys (app/i18n); the field component and the API translate them. */
export const requiredText = (max = 200) =>
  z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(max, 'validation.tooLong')

export const optionalText = (max = 200) => z.string().trim().max(max, 'validation.tooLong').optional()

export const idSchema = z.number({ error: 'validation.required' }).int().positive()

/** Reads a numeric id from a route param; null when it is not one. */
export function parseId(value: string | undefined): number | null {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 ? n : null
}
