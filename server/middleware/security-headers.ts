import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import helmet from 'helmet'

/**
 * Security headers on every response (helmet): a Content-Security-Policy whose scripts must carry
 * this response's nonce (`res.locals.cspNonce`, handed to Remix through the load context) or come
 * from this origin; frames only from this origin (the big screen included); no referrer to other
 * sites; nosniff; no camera, microphone or geolocation. `enforceCsp: false` (development, where
 * Vite injects its own scripts) leaves the policy out and keeps the rest.
 */
export function securityHeaders(options: { enforceCsp: boolean }) {
  const nonce = (_req: Request, res: Response) => `'nonce-${(res as Response & { locals: { cspNonce: string } }).locals.cspNonce}'`
  const headers = helmet({
    contentSecurityPolicy: options.enforceCsp
      ? {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'", nonce as never],
            styleSrc: ["'self'", "'unsafe-inline'"],
            imgSrc: ["'self'", 'data:', 'blob:'],
            fontSrc: ["'self'", 'data:'],
            connectSrc: ["'self'", (req: Request) => `ws://${req.headers.host ?? 'localhost'}`, (req: Request) => `wss://${req.headers.host ?? 'localhost'}`] as never,
            workerSrc: ["'self'", 'blob:'],
            objectSrc: ["'none'"],
            baseUri: ["'self'"],
            formAction: ["'self'"],
            frameAncestors: ["'self'"],
          },
        }
      : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: false, // set by the reverse proxy that terminates HTTPS
  })
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    headers(req, res, next)
  }
}
