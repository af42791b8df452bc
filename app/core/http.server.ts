import { json, type ServerBuild } from '@remix-run/node'
import { HTTP_STATUS_OF, isDomainError } from '~/core/errors'

/**
 * A domain error as the response its kind says (`HTTP_STATUS_OF`: forbidden 403, not_found 404 …)
 * with its message key, which the route's error boundary shows in the reader's language; anything
 * else is left as it was thrown.
 */
export function domainErrorResponse(error: unknown): unknown {
  return isDomainError(error) ? json({ message: error.message }, { status: HTTP_STATUS_OF[error.kind] }) : error
}

type Handler = ((args: never) => unknown) | undefined
function answered<F extends Handler>(handler: F): F {
  if (!handler) return handler
  return (async (args: never) => {
    try {
      return await handler(args)
    } catch (error) {
      throw domainErrorResponse(error)
    }
  }) as F
}

/**
 * The Remix build with every route's loader and action answering a thrown DomainError with its
 * status (`authorize()` refusing is a 403 page, a missing record a 404) instead of a 500: the same
 * table the API's error handler uses. Applied once, where the request handler is made.
 */
export function withDomainErrors(build: ServerBuild): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(build.routes).map(([id, route]) => [id, { ...route, module: { ...route.module, loader: answered(route.module.loader), action: answered(route.module.action) } }]),
  ) as ServerBuild['routes']
  return { ...build, routes }
}
