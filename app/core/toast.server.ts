import { redirect } from '@remix-run/node'
import { parse, serialize } from 'cookie'
import { z } from '~/core/zod'

/** A one-shot message shown after a redirect. `key` is an i18n key, so it follows the user's language. */
const toastSchema = z.object({
  key: z.string().max(100),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  type: z.enum(['success', 'error', 'info']).default('success'),
})
export type Toast = z.input<typeof toastSchema>

const TOAST_COOKIE = 'nghisu_toast'

function toastHeader(toast: Toast) {
  const value = Buffer.from(JSON.stringify(toast)).toString('base64url')
  return serialize(TOAST_COOKIE, value, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 60 })
}

export function readToast(request: Request) {
  const raw = parse(request.headers.get('Cookie') ?? '')[TOAST_COOKIE]
  if (!raw) return { toast: null, headers: undefined }
  const clear = serialize(TOAST_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 })
  try {
    const parsed = toastSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')))
    return { toast: parsed.success ? { ...parsed.data, id: crypto.randomUUID() } : null, headers: { 'Set-Cookie': clear } }
  } catch {
    return { toast: null, headers: { 'Set-Cookie': clear } }
  }
}

export function redirectWithToast(url: string, toast: Toast, extraHeaders: [string, string][] = []) {
  const headers = new Headers(extraHeaders)
  headers.append('Set-Cookie', toastHeader(toast))
  return redirect(url, { headers })
}
