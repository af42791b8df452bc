import { Readable } from 'node:stream'
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

/** The Express request as a web Request (streamed body), for the code shared with the pages. */
export function webRequest(req: ExpressRequest) {
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v)
  const url = `http://${req.headers.host ?? 'localhost'}${req.originalUrl}`
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new Request(url, { method: req.method, headers, ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}) } as RequestInit)
}

/** Sends a web Response (a file the pages also serve) through Express, its body streamed. */
export async function sendWebResponse(res: ExpressResponse, response: Response) {
  res.status(response.status)
  response.headers.forEach((value, key) => res.setHeader(key, value))
  if (!response.body) return void res.end()
  Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).pipe(res)
}
