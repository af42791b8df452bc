/**
 * Child process for the file benchmark: the real app (API included) on a loopback port, plus a
 * plain static-file route over the same directory for comparison. Prints the port when ready.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import express from 'express'

const [staticDir] = process.argv.slice(2)
const { parseConfig } = await import('~/core/config.server')
const { createApp } = await import('#server/app')
const app = express()
app.use('/static', express.static(staticDir!))
app.use(createApp({ config: parseConfig({ ...process.env, NODE_ENV: 'test', API_RATE_LIMIT_PER_MINUTE: '1000000' }) }))
const server = http.createServer(app)
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
