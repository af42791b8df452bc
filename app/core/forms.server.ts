import type { Submission } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { configureCoercion } from '@conform-to/zod/v4/future'
import { json } from '@remix-run/node'
import type { z } from 'zod'
import { claimFormSubmission } from '~/core/idempotency.server'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { redirectWithToast } from '~/core/toast.server'

/**
 * Bounds on what a form may hold before conform turns it into an object. A field name such as
 * `x[10000000]` would otherwise make an array of that length (and the error reply send it back),
 * and a huge value would be echoed whole in the reply.
 */
export const FORM_LIMITS = { entries: 2000, nameLength: 200, listIndex: 1000, valueChars: 10_000 } as const

/**
 * The form's fields, checked against FORM_LIMITS: too many fields, a long name or a list index past
 * the limit is refused (413, nothing parsed); a value longer than any field accepts is cut to
 * `valueChars` (still too long for its schema, so the user is told, but never echoed whole).
 */
export function boundedForm(form: FormData): FormData {
  const out = new FormData()
  let entries = 0
  for (const [name, value] of form) {
    if (++entries > FORM_LIMITS.entries || name.length > FORM_LIMITS.nameLength) throw json({ message: 'errors.formTooLarge' }, { status: 413 })
    for (const index of name.matchAll(/\[(\d*)\]/g)) {
      if (index[1]!.length > 6 || Number(index[1]) > FORM_LIMITS.listIndex) throw json({ message: 'errors.formTooLarge' }, { status: 413 })
    }
    out.append(name, typeof value === 'string' && value.length > FORM_LIMITS.valueChars ? value.slice(0, FORM_LIMITS.valueChars) : value)
  }
  return out
}

// Numbers in forms are plain decimals: conform's default (`Number()`) reads "0x10" as 16 and "1e3" as 1000.
const { coerceFormValue } = configureCoercion({ type: { number: (text) => (/^\s*-?\d{1,15}(\.\d{1,15})?\s*$/.test(text) ? Number(text) : Number.NaN) } })

/** conform's parseWithZod on the server, with decimal-only numbers: what every action validates a form with. */
export function parseForm<Schema extends z.ZodType>(formData: FormData, options: { schema: Schema }) {
  return parseWithZod(formData, { schema: coerceFormValue(options.schema) as unknown as Schema, disableAutoCoercion: true })
}

/**
 * A page form's fields (URL-encoded or multipart without files), bounded: use instead of
 * `request.formData()`. A filling-in of a form already sent (a second click, a resubmitted page)
 * is not run again: the user is sent back to the page, told that it was already recorded.
 */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw json({ message: 'errors.badRequest' }, { status: 400 })
  }
  return onlyOnce(boundedForm(form), request)
}

/** Claims the form's submission key, or throws the redirect that answers a repeated submission. */
export function onlyOnce(form: FormData, request: Request): FormData {
  if (claimFormSubmission(form, request)) return form
  const url = new URL(request.url)
  throw redirectWithToast(`${url.pathname}${url.search}`, { key: 'forms.alreadySent', type: 'info' })
}

/**
 * Turns a broken domain rule into a conform reply: the message (an i18n key) goes beside its
 * field, or above the form when it belongs to no field. Anything else is rethrown.
 */
export function replyWithDomainError<T>(submission: Submission<T>, error: unknown, hideFields?: string[]) {
  if (!(error instanceof DomainError)) throw error
  return submission.reply(
    error.field ? { fieldErrors: { [error.field]: [error.message] }, hideFields } : { formErrors: [error.message], hideFields },
  )
}

export function statusOf(error: unknown) {
  return error instanceof DomainError ? HTTP_STATUS_OF[error.kind] : 400
}
