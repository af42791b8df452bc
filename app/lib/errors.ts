/**
 * A rule of the domain was broken (a code already taken, a cycle in the unit tree …).
 * `message` is an i18n key; `field` names the form field it belongs beside.
 * Routes turn it into a message beside the field, the API into 400/409 with `fields`.
 */
export type DomainErrorKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden'

/** The one table from a domain error's kind to its HTTP status: pages, resource routes and the API all use it. */
export const HTTP_STATUS_OF: Record<DomainErrorKind, 400 | 403 | 404 | 409> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 }

export function httpStatusOf(error: unknown) {
  return error instanceof DomainError ? HTTP_STATUS_OF[error.kind] : 500
}

export class DomainError extends Error {
  constructor(
    message: string,
    public readonly kind: DomainErrorKind = 'invalid',
    public readonly field?: string,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}
