import { json, redirect } from '@remix-run/node'
import { parse, serialize } from 'cookie'
import { config } from '~/core/config.server'
import { authorize, type Permission } from '~/core/permissions.server'
import { sessionExpiresAt, validateSessionToken, type Session } from './sessions.server'
import type { SessionUser } from './users.server'
import type { AuditActor } from '~/core/actor'

export const SESSION_COOKIE = 'nghisu_session'

export function isSecureRequest(request: Request) {
  const mode = config().COOKIE_SECURE
  if (mode === 'always') return true
  if (mode === 'never') return false
  return new URL(request.url).protocol === 'https:'
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  return parse(header)[name] ?? null
}

export function sessionCookieHeader(token: string, session: Pick<Session, 'createdAt' | 'lastVerifiedAt'>, request: Request) {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureRequest(request),
    path: '/',
    expires: sessionExpiresAt(session),
  })
}

export function clearSessionCookieHeader(request: Request) {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: isSecureRequest(request), path: '/', maxAge: 0 })
}

// Remix hands the same Request to every loader of a document request (root, layout, page):
// validate its cookie once.
const authByRequest = new WeakMap<Request, ReturnType<typeof validateSessionToken>>()

/** The session and user behind the request's cookie, or null. */
export function getAuth(request: Request) {
  if (!authByRequest.has(request)) authByRequest.set(request, validateSessionToken({ token: readCookie(request, SESSION_COOKIE) }))
  return authByRequest.get(request)!
}

export function optionalUser(request: Request): SessionUser | null {
  return getAuth(request)?.user ?? null
}

/** A local path to return to after sign-in; anything else (other hosts, `//x`) becomes `/`. */
/**
 * Where to go after signing in: a path of this site only. The value is parsed as a URL against a
 * stand-in origin (browsers drop tabs and newlines, so `/\t/evil.example/` is `//evil.example/`);
 * anything that leaves the origin, or holds control characters, falls back. The result is the
 * parsed path, query and fragment, safe to put in a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/') {
  if (!to || typeof to !== 'string' || to.length > 2000 || !to.startsWith('/') || to.includes('\\')) return fallback
  for (let i = 0; i < to.length; i++) if (to.charCodeAt(i) < 0x20 || to.charCodeAt(i) === 0x7f) return fallback
  const base = 'https://nghisu.invalid'
  let url: URL
  try {
    url = new URL(to, base)
  } catch {
    return fallback
  }
  if (url.origin !== base) return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

export function requireAuth(request: Request): { user: SessionUser; session: Session } {
  const auth = getAuth(request)
  if (!auth) {
    const url = new URL(request.url)
    const redirectTo = url.pathname + url.search
    throw redirect(redirectTo === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(redirectTo)}`)
  }
  return auth
}

export function requireUser(request: Request): SessionUser {
  return requireAuth(request).user
}

/** Refuses (403, through `authorize`) unless the permission module grants `permission`. */
function requirePermission(user: SessionUser, permission: Permission) {
  authorize(user, permission)
}

export function requireUserWithPermission(request: Request, permission: Permission) {
  const user = requireUser(request)
  requirePermission(user, permission)
  return user
}

/** Throws a 404 response (shown by the error boundary) when `condition` is falsy. */
export function invariantResponse(condition: unknown, message = 'errors.notFound', status = 404): asserts condition {
  if (!condition) throw json({ message }, { status })
}

export function actorOf(user: Pick<SessionUser, 'id'>, context: { ip?: string } | undefined): AuditActor {
  return { id: user.id, ip: context?.ip ?? null }
}
