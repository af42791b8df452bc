/**
 * `npm run bench`: measures at province scale (the large seed) and writes docs/benchmarks.md.
 * Each figure stands next to a floor measured in the same run, so a slow machine shows as a slow
 * floor rather than a slow feature. Bounded loops against loopback only.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nghisu-bench-'))
process.env.DATABASE_PATH = path.join(dir, 'bench.db')
process.env.NODE_ENV = 'test'

const { getDb, closeDb } = await import('#db/client')
const { migrateDatabase } = await import('#db/migrate')
const { seedProvince } = await import('#db/seed')
const { listUsers } = await import('~/models/users.server')
const { listUnitTree } = await import('~/models/units.server')
const { createSession, validateSessionToken } = await import('~/models/sessions.server')
const { parseConfig } = await import('~/config.server')
const { createApp } = await import('#server/app')
const { count } = await import('drizzle-orm')
const { units, users, meetings, meetingParticipants } = await import('#db/schema')
const { listMeetings, getMeeting, findConflicts } = await import('~/models/meetings.server')
const { getWorkingCalendar } = await import('~/models/calendar.server')

type Row = { what: string; n: number; p50: number; p99: number; floor?: string }
const rows: Row[] = []

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}
async function measure(what: string, n: number, fn: () => unknown, floor?: string) {
  for (let i = 0; i < Math.min(20, n); i++) await fn() // warm-up
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const row = { what, n, p50: quantile(times, 0.5), p99: quantile(times, 0.99), floor }
  rows.push(row)
  console.log(`${what}: p50 ${row.p50.toFixed(3)} ms, p99 ${row.p99.toFixed(3)} ms`)
  return row
}

const db = getDb()
migrateDatabase(db)
const seedStart = performance.now()
await seedProvince(db, { password: 'bench-password-2026' })
const seedMs = performance.now() - seedStart
const unitCount = db.select({ n: count() }).from(units).get()!.n
const userCount = db.select({ n: count() }).from(users).get()!.n
const meetingCount = db.select({ n: count() }).from(meetings).get()!.n
const participantCount = db.select({ n: count() }).from(meetingParticipants).get()!.n
console.log(`seeded ${unitCount} units, ${userCount} users, ${meetingCount} meetings in ${(seedMs / 1000).toFixed(1)} s`)

const rssBefore = process.memoryUsage().rss
await measure('floor: SQLite `select 1`', 2000, () => db.$client.prepare('select 1').get())
await measure('users list, page 1 of 50 (admin screen)', 500, () => listUsers({ page: 1, pageSize: 50 }), 'select 1')
await measure('users search "nguyen van" (diacritics-insensitive)', 500, () => listUsers({ q: 'nguyen van', pageSize: 50 }), 'select 1')
await measure('unit tree (all units, ordered)', 500, () => listUnitTree({ includeInactive: true }), 'select 1')
const weekStart = new Date(Date.now() - 3 * 86_400_000)
const weekEnd = new Date(weekStart.getTime() + 7 * 86_400_000)
await measure('weekly schedule, whole body (one week of meetings)', 500, () => listMeetings({ from: weekStart, to: weekEnd, includeCancelled: true }), 'select 1')
await measure('weekly schedule, one person (participant filter)', 500, () => listMeetings({ from: weekStart, to: weekEnd, userId: 5 }), 'select 1')
const someMeeting = db.select({ id: meetings.id }).from(meetings).get()!.id
await measure('meeting page data (agenda, participants)', 500, () => getMeeting(someMeeting), 'select 1')
await measure('double-booking check (chair, 15 people, room)', 500, () => findConflicts({ startsAt: weekStart, endsAt: new Date(weekStart.getTime() + 3 * 3_600_000), chairUserId: 3, location: 'Hội trường Tỉnh ủy', userIds: Array.from({ length: 15 }, (_, i) => i + 3) }, null), 'select 1')
await measure('working-day calendar load + 3-day deadline', 500, () => getWorkingCalendar().subtractWorkingDays('2026-12-17', 3), 'select 1')
const { token } = createSession(1)
await measure('session validation (every request)', 2000, () => validateSessionToken(token), 'select 1')

const config = parseConfig({ NODE_ENV: 'test', API_RATE_LIMIT_PER_MINUTE: '1000000' })
const server = http.createServer(createApp({ config }))
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const cookie = `nghisu_session=${token}`
await measure('floor: HTTP GET /healthz', 500, async () => (await fetch(`${base}/healthz`)).arrayBuffer(), 'HTTP floor')
await measure('HTTP GET /api/v1/users?q=nguyen (cookie auth)', 500, async () => (await fetch(`${base}/api/v1/users?q=nguyen`, { headers: { Cookie: cookie } })).arrayBuffer(), '/healthz')
await measure('HTTP GET /api/v1/units', 500, async () => (await fetch(`${base}/api/v1/units`, { headers: { Cookie: cookie } })).arrayBuffer(), '/healthz')
const rssAfter = process.memoryUsage().rss
server.close()
closeDb()
fs.rmSync(dir, { recursive: true, force: true })

const table = [
  '| what | runs | p50 (ms) | p99 (ms) | compare with |',
  '|---|---:|---:|---:|---|',
  ...rows.map((r) => `| ${r.what} | ${r.n} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.floor ?? '—'} |`),
].join('\n')
const section = [
  '<!-- bench:directory:start -->',
  `Run on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB.`,
  `Province seed: ${unitCount} units, ${userCount} users, ${meetingCount} meetings with ${participantCount} participant rows (5 years), seeded in ${(seedMs / 1000).toFixed(1)} s. Process RSS ${(rssBefore / 2 ** 20).toFixed(0)} MiB before the measurements, ${(rssAfter / 2 ** 20).toFixed(0)} MiB after.`,
  '',
  table,
  '<!-- bench:directory:end -->',
].join('\n')

const file = path.resolve('docs/benchmarks.md')
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
const next = /<!-- bench:directory:start -->[\s\S]*<!-- bench:directory:end -->/.test(current)
  ? current.replace(/<!-- bench:directory:start -->[\s\S]*<!-- bench:directory:end -->/, section)
  : `${current}\n${section}\n`
fs.writeFileSync(file, next)
console.log(`written to ${file}`)
