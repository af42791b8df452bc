/** Child process for the crash test: the real app on a loopback port, on the given database. Prints the port. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

const { parseConfig } = await import('~/core/config.server')
const { createApp } = await import('#server/app')
const { attachRealtime, bridgeEvents } = await import('#server/realtime')
const server = http.createServer(createApp({ config: parseConfig({ ...process.env, NODE_ENV: 'test', API_RATE_LIMIT_PER_MINUTE: '1000000' }) }))
bridgeEvents(attachRealtime(server))
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`))
