import type { NextFunction, Request, Response } from 'express'
import { SESSION_COOKIE } from '~/features/directory/index.server'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The Lucia guide's CSRF defence: a non-GET request must carry an `Origin` whose host is this
 * server's (or PUBLIC_URL's). API clients that send a bearer token and no session cookie are
 * not browsers acting on a cookie, so they pass.
 */
export function isAllowedOrigin(input: { method: string; origin?: string; host?: string; hasBearer: boolean; hasSessionCookie: boolean; publicUrl?: string }) {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true
  if (input.hasBearer && !input.hasSessionCookie) return true
  if (!input.origin || !input.host) return false
  let originHost: string
  try {
    originHost = new URL(input.origin).host
  } catch {
    return false
  }
  if (originHost === input.host) return true
  return input.publicUrl ? new URL(input.publicUrl).host === originHost : false
}

export function originGuard(publicUrl?: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = isAllowedOrigin({
      method: req.method,
      origin: req.get('origin'),
      host: req.get('host'),
      hasBearer: /^Bearer\s/i.test(req.get('authorization') ?? ''),
      hasSessionCookie: (req.get('cookie') ?? '').includes(`${SESSION_COOKIE}=`),
      publicUrl,
    })
    if (allowed) return next()
    const message = 'Yêu cầu bị từ chối: nguồn gửi (Origin) không hợp lệ.'
    if (req.path.startsWith('/api/')) {
      res.status(403).json({ error: { code: 'forbidden_origin', message } })
    } else {
      res.status(403).type('text/plain; charset=utf-8').send(message)
    }
  }
}
