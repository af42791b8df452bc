import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RequestHandler } from 'express'
import { parseConfig } from '~/core/config.server'
import { domainErrorResponse } from '~/core/http.server'
import { createApp } from '#server/app'
import { attachMailer } from '#server/mailer'
import { attachRealtime, bridgeEvents, type RealtimeServer } from '#server/realtime'

/** The real Express app and socket.io on an ephemeral loopback port (no Remix build needed). */
export async function startTestServer(env: Record<string, string> = {}, options: { remixHandler?: RequestHandler } = {}) {
  const config = parseConfig({ ...process.env, NODE_ENV: 'test', ...env })
  const app = createApp({ config, remixHandler: options.remixHandler })
  const server = http.createServer(app)
  const io: RealtimeServer = attachRealtime(server)
  const detach = bridgeEvents(io)
  const mailer = attachMailer(config)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    port,
    io,
    mailer,
    async close() {
      detach()
      mailer.detach()
      await new Promise<void>((resolve) => io.close(() => resolve()))
    },
  }
}

/**
 * A stand-in for Remix's Express adapter in front of route actions (no build in vitest): turns the
 * Express request into a Fetch Request, runs the action, sends what it returns or throws.
 */
export function actionHandler(routes: Record<string, { pattern: RegExp; action: (args: { request: Request; params: Record<string, string>; context: { ip: string } }) => Promise<unknown> }>): RequestHandler {
  return (req, res, next) => {
    const route = Object.values(routes).find((r) => r.pattern.test(req.path))
    if (!route) return next()
    const params = req.path.match(route.pattern)!.groups ?? {}
    // Read in the handler's own async flow (as Remix's adapter does), not in stream callbacks,
    // so that what the request carries in AsyncLocalStorage is still there in the action.
    return (async () => {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      const headers = new Headers()
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
      const request = new Request(`http://localhost:3000${req.originalUrl}`, { method: req.method, headers, body: Buffer.concat(chunks) })
      let response: Response
      try {
        const result = await route.action({ request, params, context: { ip: req.ip ?? '' } })
        response = result instanceof Response ? result : Response.json(result)
      } catch (thrown) {
        const answer = domainErrorResponse(thrown)
        response = answer instanceof Response ? answer : new Response('error', { status: 500 })
      }
      res.status(response.status)
      response.headers.forEach((v, k) => res.setHeader(k, v))
      res.end(Buffer.from(await response.arrayBuffer()))
    })()
  }
}
