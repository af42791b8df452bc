import type { NextFunction, Request, Response } from 'express'
import { serverT } from '~/i18n/translate.server'
import { claimKey, keepClaim, releaseClaim, requestHash } from '~/core/idempotency.server'
import { getDb } from '#db/client'
import { ApiError } from '~/core/api/errors.server'

const KEY = /^[\x21-\x7e]{1,255}$/

/**
 * `Idempotency-Key` on a POST, PATCH or DELETE: the first request with a key runs; a retry with the
 * same key and the same request gets the stored reply (with `Idempotent-Replayed: true`) and
 * changes nothing; the same key for a different request is refused (422); while the first is still
 * running, a retry is told so (409). Keys are per user and kept a day. A request that failed is
 * not stored: it may be retried with its key.
 */
export function idempotencyKeys(req: Request, res: Response, next: NextFunction) {
  const header = req.get('idempotency-key')
  if (header === undefined || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next()
  const t = serverT(req.user?.locale ?? 'vi')
  if (!KEY.test(header)) return next(new ApiError(400, 'invalid_idempotency_key', t('errors.badRequest'), { 'Idempotency-Key': [t('errors.badRequest')] }))
  const db = getDb()
  const claim = { scope: `api:${req.user!.id}`, key: header }
  // A multipart body is streamed to its handler, never read here: its length stands for it.
  const body = req.is('application/json') ? JSON.stringify(req.body ?? null) : `${req.get('content-type') ?? ''};${req.get('content-length') ?? ''}`
  const hash = requestHash([req.method, req.originalUrl, body])
  const found = claimKey(db, { ...claim, requestHash: hash })
  if (found.state === 'pending') return next(new ApiError(409, 'idempotency_in_progress', t('errors.idempotencyPending')))
  if (found.state === 'done') {
    if (found.requestHash !== hash) return next(new ApiError(422, 'idempotency_key_reused', t('errors.idempotencyReused')))
    res.set('Idempotent-Replayed', 'true').status(found.status ?? 200)
    if (found.body === null) res.end()
    else res.type('application/json').send(found.body)
    return
  }
  // Settled when the reply is sent: the body of a success is kept to be replayed.
  let sent: string | null = null
  const json = res.json.bind(res)
  res.json = (value: unknown) => {
    sent = JSON.stringify(value)
    return json(value)
  }
  let settled = false
  const settle = () => {
    if (settled) return
    settled = true
    try {
      if (res.statusCode < 400) keepClaim(db, claim, { status: res.statusCode, body: sent })
      else releaseClaim(db, claim)
    } catch (error) {
      console.error('Không ghi được khóa Idempotency-Key:', error instanceof Error ? error.message : error)
    }
  }
  const end = res.end.bind(res) as (...args: unknown[]) => Response
  res.end = ((...args: unknown[]) => {
    settle()
    return end(...args)
  }) as Response['end']
  next()
}
