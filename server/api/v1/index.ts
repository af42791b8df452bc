import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi'
import express, { Router } from 'express'
import { rateLimit } from 'express-rate-limit'
import { serverT } from '~/i18n/translate.server'
import { authenticateApi } from './auth'
import { registerDirectoryEndpoints } from './directory'
import { ApiError, apiErrorHandler } from './errors'
import { idempotencyKeys } from './idempotency'
import { registerMeetingEndpoints } from './meetings'
import { registerConclusionEndpoints, registerTaskEndpoints } from './tasks'
import { registerDocumentEndpoints } from './documents'
import { registerLiveMeetingEndpoints } from './live-meeting'
import { registerMinutesEndpoints } from './minutes'
import { registerPollEndpoints } from './polls'
import { registerReportEndpoints } from './reports'
import { registerSearchEndpoints } from './search'

export type ApiOptions = { rateLimitPerMinute: number; bodyLimit?: number }

/** The integration API: JSON under /api/v1, described by /api/v1/openapi.json. */
export function createApiRouter(options: ApiOptions) {
  const registry = new OpenAPIRegistry()
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'Mã truy cập cá nhân (ns_…), tạo ở trang Tài khoản' })
  registry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'nghisu_session' })

  const api = Router()
  registerDirectoryEndpoints(api, registry)
  registerMeetingEndpoints(api, registry)
  registerTaskEndpoints(api, registry)
  registerConclusionEndpoints(api, registry)
  registerDocumentEndpoints(api, registry)
  registerLiveMeetingEndpoints(api, registry)
  registerMinutesEndpoints(api, registry)
  registerPollEndpoints(api, registry)
  registerReportEndpoints(api, registry)
  registerSearchEndpoints(api, registry)

  const document = new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: '3.0.3',
    info: { title: 'Nghị sự API', version: '1.0.0', description: 'API tích hợp của Nghị sự cho các hệ thống khác (quản lý văn bản, cổng thông tin).' },
    servers: [{ url: '/api/v1' }],
  })

  const router = Router()
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: options.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new ApiError(429, 'rate_limited', serverT('vi')('errors.tooManyRequests'))),
    }),
  )
  router.get('/openapi.json', (_req, res) => {
    res.json(document)
  })
  router.use(express.json({ limit: options.bodyLimit ?? 1024 * 1024 }))
  router.use(authenticateApi)
  router.use(idempotencyKeys)
  router.use(api)
  router.use((_req, _res, next) => next(new ApiError(404, 'not_found', serverT('vi')('errors.notFound'))))
  router.use(apiErrorHandler)
  return router
}
