import { z } from '~/core/zod'
import { cleanText } from '~/core/text'
import { DomainError } from '~/core/errors'

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

/**
 * The thing an id names, read by `read`, or a `not_found` DomainError with `message` (404 on
 * pages, resource routes and the API alike). The id may come from a route param (parsed as
 * parseId does) or already be a number (the API's validated params). Features build their
 * finders on it (findTask, findMeeting, findDocument …); the caller then authorizes.
 */
export function findById<T>(param: string | number | undefined, read: (id: number) => T | null | undefined, message: string): { id: number; found: T } {
  const id = typeof param === 'number' ? (Number.isSafeInteger(param) && param > 0 ? param : null) : parseId(param)
  const value = id ? read(id) : null
  if (id === null || value == null) throw new DomainError(message, 'not_found')
  return { id, found: value }
}
