import type { Request } from 'express'
import { serverT } from '~/i18n/translate.server'
import { authorize, type Permission } from '~/core/permissions.server'
import type { SessionUser } from '~/features/directory/index.server'
import { ApiError } from './errors.server'

/** The API request's user, set by the router's authentication (server/api/v1/auth.ts). */
declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser
  }
}

export function currentUser(req: Request): SessionUser {
  if (!req.user) throw new ApiError(401, 'unauthorized', serverT('vi')('errors.unauthorized'))
  return req.user
}

/** The request's user, or 403 unless their roles grant the permission (core's authorize). */
export function requireApiPermission(req: Request, permission: Permission): SessionUser {
  const user = currentUser(req)
  authorize(user, permission)
  return user
}
