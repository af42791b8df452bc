/**
 * Another user at work, in a process of its own (so the 500 watchers' work in the benchmark's
 * process does not count in its times): opens one page every `interval` ms until told to stop,
 * then sends the response times over IPC.
 */
import { performance } from 'node:perf_hooks'

const [url, cookie, interval] = process.argv.slice(2)
const times: number[] = []
let running = true
process.on('message', (m: { type: string }) => {
  if (m.type === 'stop') running = false
})
while (running) {
  const t0 = performance.now()
  const res = await fetch(url!, { headers: { Cookie: cookie! } })
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`${url}: ${res.status}`)
  times.push(performance.now() - t0)
  await new Promise((resolve) => setTimeout(resolve, Number(interval)))
}
process.send!({ type: 'times', times }, () => process.exit(0))
