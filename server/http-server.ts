import http from 'node:http'
import type net from 'node:net'

export type HttpLimits = {
  /** A client must have sent all its headers within this (slowloris). */
  headersTimeoutMs: number
  /** … and its whole request (a 100 MB upload on a slow provincial line fits). */
  requestTimeoutMs: number
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number
  /** Open connections allowed from one address; 0 = no cap (behind a reverse proxy every client has its address). */
  connectionsPerAddress: number
}

export const DEFAULT_LIMITS: HttpLimits = { headersTimeoutMs: 20_000, requestTimeoutMs: 15 * 60_000, keepAliveTimeoutMs: 5_000, connectionsPerAddress: 600 }

/**
 * The app's HTTP server, with timeouts for slow or stalled clients (checked every second) and a
 * cap on the connections one address may hold open, so a few clients cannot hold every socket.
 */
export function createHttpServer(limits: HttpLimits = DEFAULT_LIMITS) {
  const server = http.createServer({ headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 1_000 })
  server.keepAliveTimeout = limits.keepAliveTimeoutMs
  if (limits.connectionsPerAddress > 0) {
    const open = new Map<string, number>()
    server.on('connection', (socket: net.Socket) => {
      const address = socket.remoteAddress ?? ''
      const n = (open.get(address) ?? 0) + 1
      if (n > limits.connectionsPerAddress) {
        socket.destroy()
        return
      }
      open.set(address, n)
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1
        if (left > 0) open.set(address, left)
        else open.delete(address)
      })
    })
  }
  return server
}
