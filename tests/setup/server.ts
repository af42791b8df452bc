import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseConfig } from '~/config.server'
import { createApp } from '#server/app'
import { attachMailer } from '#server/mailer'
import { attachRealtime, bridgeEvents, type RealtimeServer } from '#server/realtime'

/** The real Express app and socket.io on an ephemeral loopback port (no Remix build needed). */
export async function startTestServer(env: Record<string, string> = {}) {
  const config = parseConfig({ ...process.env, NODE_ENV: 'test', ...env })
  const app = createApp({ config })
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
