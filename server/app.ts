import path from 'node:path'
import compression from 'compression'
import expressStaticGzip from 'express-static-gzip'
import express, { type RequestHandler } from 'express'
import type { Config } from '~/core/config.server'
import { calendarFeedIcs, calendarFeedUser } from '~/features/calendar/index.server'
import { getDb } from '#db/client'
import { trackFormClaims } from '~/core/idempotency.server'
import { parse } from 'cookie'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import { SESSION_COOKIE } from '~/features/directory/index.server'
import { parseToken } from '~/core/tokens.server'
import { createApiRouter } from './api/v1'
import { bodyLimit } from './middleware/body-limit'
import { securityHeaders } from './middleware/security-headers'
import { originGuard } from './middleware/origin'

export type AppOptions = {
  config: Config
  /** Serves the built client (production): hashed assets cached for a year. */
  clientBuildDir?: string
  /** Vite's middlewares in development. */
  devMiddleware?: RequestHandler
  /** The Remix request handler; absent in tests that exercise only the HTTP layer. */
  remixHandler?: RequestHandler
}

/** The Express application: health check, CSRF guard, API, static files and Remix, in that order. */
export function createApp(options: AppOptions) {
  const { config } = options
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.TRUST_PROXY)
  app.use(compression())
  app.use(securityHeaders({ enforceCsp: config.NODE_ENV !== 'development' }))

  app.get('/healthz', (_req, res) => {
    try {
      getDb().$client.prepare('select 1').get()
      res.json({ status: 'ok', db: 'ok' })
    } catch (error) {
      res.status(503).json({ status: 'error', db: 'unreachable', reason: error instanceof Error ? error.message : String(error) })
    }
  })

  // Personal iCalendar feed: the secret token in the path is the credential (calendar apps send no cookie).
  app.get('/calendar/:file', (req, res) => {
    const file = req.params.file ?? ''
    const userId = file.endsWith('.ics') ? calendarFeedUser({ token: file.slice(0, -4) }) : null
    if (!userId) {
      res.status(404).type('text/plain; charset=utf-8').send('Không tìm thấy lịch.')
      return
    }
    const base = config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`
    res.set('Cache-Control', 'private, max-age=300').type('text/calendar; charset=utf-8').send(calendarFeedIcs({ userId, baseUrl: base }))
  })

  app.use(originGuard(config.PUBLIC_URL))
  // Every body bounded before it is read: forms and JSON by MAX_FORM_KB, uploads by up to ten files of MAX_UPLOAD_MB.
  const formBytes = config.MAX_FORM_KB * 1024
  app.use(bodyLimit({ formBytes, uploadBytes: 10 * config.MAX_UPLOAD_MB * 1024 * 1024 + formBytes }))
  // Making a DOCX or PDF costs the server far more than a page: each person may ask for a few a minute.
  app.use(
    /^\/(meetings\/\d+\/(conclusion|minutes)|polls\/\d+\/(results|ballots)|reports\/(\d+\/)?file)\.(docx|pdf|xlsx)$/,
    rateLimit({
      windowMs: 60_000,
      limit: config.EXPORTS_PER_MINUTE,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => parseToken(parse(req.get('cookie') ?? '')[SESSION_COOKIE])?.id ?? ipKeyGenerator(req.ip ?? ''),
      handler: (_req, res) => {
        res.status(429).type('text/plain; charset=utf-8').send('Bạn tải quá nhiều văn bản trong một phút. Vui lòng thử lại sau ít giây.')
      },
    }),
  )
  app.use('/api/v1', createApiRouter({ rateLimitPerMinute: config.API_RATE_LIMIT_PER_MINUTE, bodyLimit: formBytes }))

  if (options.clientBuildDir) {
    // Scripts and styles were compressed at build (vite.config.ts): brotli when the browser takes it.
    app.use(
      '/assets',
      expressStaticGzip(path.join(options.clientBuildDir, 'assets'), {
        enableBrotli: true,
        orderPreference: ['br', 'gzip'],
        index: false,
        serveStatic: { immutable: true, maxAge: '1y' },
      }),
    )
    app.use(express.static(options.clientBuildDir, { maxAge: '1h' }))
  }
  if (options.devMiddleware) app.use(options.devMiddleware)
  if (options.remixHandler) {
    const remix = options.remixHandler
    // Page forms' submission keys are claimed while the action runs and settled when it ends (core/idempotency).
    app.all('*', (req, res, next) => {
      if (req.method === 'GET' || req.method === 'HEAD') return remix(req, res, next)
      trackFormClaims(async () => remix(req, res, next), () => res.statusCode).catch(next)
    })
  }
  return app
}
