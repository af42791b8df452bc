import type { NextFunction, Request, Response } from 'express'
import { parse } from 'cookie'
import { SESSION_COOKIE, validateApiToken, validateSessionToken } from '~/features/directory/index.server'
import { serverT } from '~/i18n/translate.server'
import type { SessionUser } from '~/features/directory/index.server'
import { ApiError } from '~/core/api/errors.server'

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
