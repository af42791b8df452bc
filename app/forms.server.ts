import type { Submission } from '@conform-to/react'
import { DomainError } from '~/lib/errors'

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
  return error instanceof DomainError && error.kind === 'conflict' ? 409 : 400
}
