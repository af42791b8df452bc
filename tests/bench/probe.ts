/**
 * Preloaded into the server process the live benchmark starts (`node --import …/probe.ts
 * --import tsx server/index.ts`): the production server itself is untouched. Over IPC it
 * measures the process's event-loop delay (`monitorEventLoopDelay`), and it runs a bare
 * socket.io server on its own port in the same process — the floor: `io.emit` of a given
 * payload to the same clients, with nothing computed.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Server } from 'socket.io'

const histogram = monitorEventLoopDelay({ resolution: 10 })
const bare = http.createServer()
const io = new Server(bare, { serveClient: false })
io.on('connection', (socket) => void socket.join('floor'))
bare.listen(0, '127.0.0.1', () => process.send?.({ type: 'floor.port', port: (bare.address() as AddressInfo).port }))

process.on('message', (message: { type: string; payload?: unknown }) => {
  if (message.type === 'eld.start') {
    histogram.reset()
    histogram.enable()
  } else if (message.type === 'eld.stop') {
    histogram.disable()
    const ms = (n: number) => n / 1e6
    process.send?.({ type: 'eld', p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) })
  } else if (message.type === 'floor.emit') {
    io.to('floor').emit('floor', message.payload)
  }
})
process.on('disconnect', () => process.exit(0))
