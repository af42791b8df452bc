import { OpenAPIRegistry, OpenApiGeneratorV3 } from '@asteasolutions/zod-to-openapi'
import express, { Router } from 'express'
import { rateLimit } from 'express-rate-limit'
import { serverT } from '~/i18n/translate.server'
import { ApiError, apiErrorHandler } from '~/core/api/errors.server'
import { registerDirectoryEndpoints } from '~/features/directory/api.server'
import { registerMeetingEndpoints } from '~/features/meetings/api.server'
import { registerTaskEndpoints } from '~/features/tasks/api.server'
import { registerConclusionEndpoints } from '~/features/conclusions/api.server'
import { registerDocumentEndpoints } from '~/features/documents/api.server'
import { registerLiveMeetingEndpoints } from '~/features/live-meeting/api.server'
import { registerMinutesEndpoints } from '~/features/minutes/api.server'
import { registerPollEndpoints } from '~/features/polls/api.server'
import { registerReportEndpoints } from '~/features/reports/api.server'
import { registerSearchEndpoints } from '~/features/search/api.server'
import { authenticateApi } from './auth'
import { idempotencyKeys } from './idempotency'

export type ApiOptions = { rateLimitPerMinute: number; bodyLimit?: number }

/** The integration API: JSON under /api/v1, described by /api/v1/openapi.json. */
export function createApiRouter(options: ApiOptions) {
  const registry = new OpenAPIRegistry()
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'Mã truy cập cá nhân (ns_…), tạo ở trang Tài khoản' })
  registry.registerComponent('securitySchemes', 'cookieAuth', { type: 'apiKey', in: 'cookie', name: 'nghisu_session' })

  const api = Router()
  // Each feature's endpoints (features/<area>/api.server.ts), mounted and described in one place.
  const features = [registerDirectoryEndpoints, registerMeetingEndpoints, registerTaskEndpoints, registerConclusionEndpoints, registerDocumentEndpoints, registerLiveMeetingEndpoints, registerMinutesEndpoints, registerPollEndpoints, registerReportEndpoints, registerSearchEndpoints]
  for (const register of features) register(api, registry)

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
