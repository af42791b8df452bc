import { z } from '~/core/zod'
import { cleanText } from '~/core/text'

/** Messages are i18n keys (app/i18n); the field component and the API translate them. */
export const requiredText = (max = 200) =>
  z.string({ error: 'validation.required' }).overwrite(cleanText).trim().min(1, 'validation.required').max(max, 'validation.tooLong')

export const optionalText = (max = 200) => z.string().overwrite(cleanText).trim().max(max, 'validation.tooLong').optional()

export const idSchema = z.number({ error: 'validation.required' }).int().positive()

/** Reads a numeric id from a route param: plain decimal digits only ("0x10", "1e3" or " 7" are not ids); null otherwise. */
export function parseId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) return null
  const n = Number(value)
  return Number.isSafeInteger(n) ? n : null
}
