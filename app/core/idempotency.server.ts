import { AsyncLocalStorage } from 'node:async_hooks'
import { createHash } from 'node:crypto'
import { and, eq, lt } from 'drizzle-orm'
import { type DB, getDb } from '#db/client'
import { idempotencyKeys } from '#db/schema'
import { FORM_KEY_FIELD } from './form-key'

/**
 * A second click, a browser resubmitting a form or a client retrying a request never writes twice.
 *
 * Page forms carry a random key per filling-in (`FORM_KEY_FIELD`, added by `ui/form.tsx`). Reading
 * the form claims the key before the action changes anything; when the request ends the claim is
 * kept if the action succeeded (a redirect or a 2xx) and released if it failed (the user corrects
 * the form and sends it again with the same key). A form whose key is already claimed is not run
 * again: the user is sent back to the page with a message that it was already recorded.
 *
 * The API does the same with the `Idempotency-Key` header, per user, and replays the stored reply.
 *
 * The claims of a request live in an AsyncLocalStorage opened by the Express layer around Remix
 * (`trackFormClaims`); it is kept on globalThis because the server and the Remix build each load
 * their own copy of this module.
 */
const IDEMPOTENCY_TTL_MS = 24 * 3_600_000
/** A claim left pending this long (its request died with the process) no longer blocks its key. */
const PENDING_TTL_MS = 2 * 60_000
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/

type Claim = { scope: string; key: string }
type RequestClaims = { claims: Claim[]; db: DB }
const globalForClaims = globalThis as unknown as { __nghisuClaims?: AsyncLocalStorage<RequestClaims> }
const storage = (globalForClaims.__nghisuClaims ??= new AsyncLocalStorage<RequestClaims>())

export function requestHash(parts: string[]) {
  return createHash('sha256').update(parts.join('\n')).digest('base64url')
}

type ClaimResult = { state: 'claimed' } | { state: 'pending' } | { state: 'done'; requestHash: string; status: number | null; body: string | null }

/** Claims `key` in `scope` (one statement: two racing requests cannot both win). */
export function claimKey(db: DB, claim: Claim & { requestHash: string }, now = new Date()): ClaimResult {
  const inserted = db
    .insert(idempotencyKeys)
    .values({ ...claim, state: 'pending', createdAt: now })
    .onConflictDoNothing()
    .run()
  if (inserted.changes) return { state: 'claimed' }
  const row = db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key))).get()
  if (!row) return claimKey(db, claim, now)
  if (row.state === 'pending' && now.getTime() - row.createdAt.getTime() > PENDING_TTL_MS) {
    db.update(idempotencyKeys).set({ createdAt: now, requestHash: claim.requestHash }).where(and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key))).run()
    return { state: 'claimed' }
  }
  return row.state === 'pending' ? { state: 'pending' } : { state: 'done', requestHash: row.requestHash, status: row.responseStatus, body: row.responseBody }
}

/** Keeps a claim (the change succeeded), with the reply to replay for the API. */
export function keepClaim(db: DB, claim: Claim, reply?: { status: number; body: string | null }) {
  db.update(idempotencyKeys)
    .set({ state: 'done', responseStatus: reply?.status ?? null, responseBody: reply?.body ?? null })
    .where(and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key)))
    .run()
}

/** Releases a claim (the change failed): the same key may be sent again. */
export function releaseClaim(db: DB, claim: Claim) {
  db.delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, claim.scope), eq(idempotencyKeys.key, claim.key), eq(idempotencyKeys.state, 'pending')))
    .run()
}

/** Forgets keys older than a day (the scheduler, daily). */
export function pruneIdempotencyKeys(db: DB, now = new Date()) {
  return db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS))).run().changes
}

/**
 * Runs one request with a place for its form claims, and settles them when it ends: kept when the
 * response is a success or a redirect, released otherwise (or when the handler threw).
 */
export async function trackFormClaims(run: () => Promise<unknown>, statusOf: () => number, db: DB = getDb()) {
  const store: RequestClaims = { claims: [], db }
  let ok = false
  try {
    await storage.run(store, run)
    ok = statusOf() < 400
  } finally {
    for (const claim of store.claims) {
      try {
        if (ok) keepClaim(store.db, claim)
        else releaseClaim(store.db, claim)
      } catch (error) {
        console.error('Không ghi được khóa gửi biểu mẫu:', error instanceof Error ? error.message : error)
      }
    }
  }
}

/**
 * Called when an action reads its form: claims the form's key for this request. Returns false when
 * the same filling-in of the form was already sent (its change is done or still running): the
 * caller must not run the change again. Forms without a key, and requests outside
 * `trackFormClaims` (tests calling a model directly), are not tracked.
 */
export function claimFormSubmission(form: FormData, request: Request): boolean {
  const store = storage.getStore()
  const key = form.get(FORM_KEY_FIELD)
  if (!store || typeof key !== 'string' || !KEY_PATTERN.test(key)) return true
  const claim = { scope: 'form', key }
  const result = claimKey(store.db, { ...claim, requestHash: requestHash([request.method, new URL(request.url).pathname]) })
  if (result.state !== 'claimed') return false
  store.claims.push(claim)
  return true
}
