/**
 * A rule of the domain was broken (a code already taken, a cycle in the unit tree …).
 * `message` is an i18n key; `field` names the form field it belongs beside.
 * Routes turn it into a message beside the field, the API into 400/409 with `fields`.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    public readonly kind: 'invalid' | 'conflict' | 'not_found' = 'invalid',
    public readonly field?: string,
  ) {
    super(message)
    this.name = 'DomainError'
  }
}
