/**
 * Child process for the slow-client test: the app's HTTP server (createHttpServer) with short
 * limits, a client that sends half its headers and stops, and a client that opens one
 * connection too many. Prints what happened as JSON. (Run apart from vitest's worker, whose
 * event loop does not run Node's connection checks the same way.)
 */
import net from 'node:net'
import { createHttpServer } from '#server/http-server'

const server = createHttpServer({ headersTimeoutMs: 300, requestTimeoutMs: 1_000, keepAliveTimeoutMs: 500, connectionsPerAddress: 3 })
server.on('request', (_req, res) => res.end('ok'))
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const port = (server.address() as net.AddressInfo).port
const open = () => {
  const socket = net.connect(port, '127.0.0.1')
  socket.on('error', () => {})
  let answer = ''
  socket.on('data', (d) => (answer += String(d)))
  return { socket, answer: () => answer, connected: new Promise((resolve) => socket.once('connect', resolve)), closed: new Promise<void>((resolve) => socket.once('close', () => resolve())) }
}
const loris = open()
await loris.connected
loris.socket.write('GET / HTTP/1.1\r\nHost: x\r\n')
const started = Date.now()
await loris.closed
const lorisMs = Date.now() - started
const held = [open(), open(), open()]
await Promise.all(held.map((h) => h.connected))
const fourth = open()
await fourth.closed
await new Promise((resolve) => setTimeout(resolve, 100))
process.stdout.write(JSON.stringify({ lorisMs, lorisAnswer: loris.answer().split('\r\n')[0], heldOpen: held.every((h) => !h.socket.destroyed), fourthClosed: true }))
held.forEach((h) => h.socket.destroy())
server.close(() => process.exit(0))
