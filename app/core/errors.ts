/**
 * A rule of the domain was broken (a code already taken, a cycle in the unit tree …).
 * `message` is an i18n key; `field` names the form field it belongs beside.
 * Routes turn it into a message beside the field, the API into 400/409 with `fields`.
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden'

/** The one table from a domain error's kind to its HTTP status: pages, resource routes and the API all use it. */
export const HTTP_STATUS_OF: Record<DomainErrorKind, 400 | 403 | 404 | 409> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 }

// A mark shared by every copy of this module: the server's entry (run from source) and the Remix
// build (bundled) each have their own DomainError class, so `instanceof` cannot tell across them.
const MARK = Symbol.for('nghisu.DomainError')

/** Is this a DomainError, from whichever copy of this module threw it? */
export function isDomainError(error: unknown): error is DomainError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[MARK] === true
}

export class DomainError extends Error {
  readonly [MARK] = true
  constructor(
    message: string,
    public readonly kind: DomainErrorKind = 'invalid',
    public readonly field?: string,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}
