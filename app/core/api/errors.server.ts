import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { z } from '~/core/zod'
import { serverT } from '~/i18n/translate.server'
import { HTTP_STATUS_OF, isDomainError } from '~/core/errors'
import type { Locale } from '#db/schema/users'

/** `{"error":{"code","message","fields"}}`: the one error shape of /api/v1. */
export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public fields?: Record<string, string[]>,
  ) {
    super(message)
  }
}

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
})

function localeOf(req: Request): Locale {
  return req.user?.locale ?? 'vi'
}

/** Wraps an async handler so a thrown error reaches the error handler (Express 4 does not). */
export function handle(fn: (req: Request, res: Response) => unknown): RequestHandler {
  return (req, res, next) => {
    Promise.resolve()
      .then(() => fn(req, res))
      .catch(next)
  }
}

/**
 * Field messages by path. A Map, not an object: a body with a `__proto__` or `constructor` key
 * names a field like any other (as an own property of the reply), never the object's prototype.
 * Paths are cut to 100 characters and at most 50 are listed, so the reply stays short.
 */
function zodFields(error: z.ZodError, t: (key: string) => string) {
  const fields = new Map<string, string[]>()
  for (const issue of error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')) : [issue.path.join('.') || '_']
    const message = issue.code === 'unrecognized_keys' ? t('validation.unknownField') : issue.message.includes('.') ? t(issue.message) : t('validation.invalid')
    for (const path of paths.map((p) => p.slice(0, 100))) {
      if (!fields.has(path) && fields.size >= 50) continue
      fields.set(path, [...(fields.get(path) ?? []), message])
    }
  }
  return Object.fromEntries(fields)
}

// Express recognises an error handler by its four parameters.
export function apiErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction) {
  const t = serverT(localeOf(req))
  let error: ApiError
  if (err instanceof ApiError) error = err
  else if (isDomainError(err)) {
    const status = HTTP_STATUS_OF[err.kind]
    const code = err.kind
    error = new ApiError(status, code, t(err.message), err.field ? { [err.field]: [t(err.message)] } : undefined)
  } else if (err instanceof z.ZodError) {
    error = new ApiError(400, 'validation_failed', t('errors.badRequest'), zodFields(err, t))
  } else if (typeof err === 'object' && err && 'type' in err && err.type === 'entity.too.large') {
    error = new ApiError(413, 'payload_too_large', t('errors.tooLarge'))
  } else if (typeof err === 'object' && err && 'type' in err && err.type === 'entity.parse.failed') {
    error = new ApiError(400, 'invalid_json', t('errors.badRequest'))
  } else if (typeof err === 'object' && err && 'type' in err && (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported')) {
    error = new ApiError(415, 'unsupported_media_type', t('errors.badRequest'))
  } else {
    console.error(err)
    error = new ApiError(500, 'internal_error', t('errors.server'))
  }
  res.status(error.status).json({ error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } })
}
