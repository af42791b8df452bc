/** The hidden field that carries a page form's submission key (see `core/idempotency.server.ts`). */
export const FORM_KEY_FIELD = '_key'

/** A fresh key for one filling-in of a form: 128 random bits, URL-safe. */
export function newFormKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
