import type { NextFunction, Request, Response } from 'express'
import { parse } from 'cookie'
import { SESSION_COOKIE, validateApiToken, validateSessionToken } from '~/features/directory/index.server'
import { serverT } from '~/i18n/translate.server'
import { authorize, type Permission } from '~/core/permissions.server'
import type { SessionUser } from '~/features/directory/index.server'
import { ApiError } from './errors'

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser
  }
}

/** A personal API token (`Authorization: Bearer ns_…`) or the session cookie; 401 otherwise. */
export function authenticateApi(req: Request, _res: Response, next: NextFunction) {
  const header = req.get('authorization')
  let user: SessionUser | null = null
  if (header && /^Bearer\s/i.test(header)) {
    const found = validateApiToken({ token: header.replace(/^Bearer\s+/i, '').trim() })
    if (found?.readOnly && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next(new ApiError(403, 'read_only_token', serverT(found.user.locale)('errors.readOnlyToken')))
    user = found?.user ?? null
  } else {
    user = validateSessionToken({ token: parse(req.get('cookie') ?? '')[SESSION_COOKIE] })?.user ?? null
  }
  if (!user) return next(new ApiError(401, 'unauthorized', serverT('vi')('errors.unauthorized')))
  req.user = user
  next()
}

export function currentUser(req: Request): SessionUser {
  if (!req.user) throw new ApiError(401, 'unauthorized', serverT('vi')('errors.unauthorized'))
  return req.user
}

/** 403 unless the permission module grants it. */
export function requireApiPermission(req: Request, permission: Permission): SessionUser {
  const user = currentUser(req)
  authorize(user, permission)
  return user
}
