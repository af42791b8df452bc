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
process.env.FILES_DIR = path.join(dir, 'files')
process.env.NODE_ENV = 'test'

const { getDb, closeDb } = await import('#db/client')
const { migrateDatabase } = await import('#db/migrate')
const { seedProvince } = await import('#db/seed')
const { listUsers } = await import('~/features/directory/index.server')
const { listUnitTree } = await import('~/features/directory/index.server')
const { createSession, validateSessionToken } = await import('~/features/directory/index.server')
const { parseConfig } = await import('~/core/config.server')
const { createApp } = await import('#server/app')
const { count } = await import('drizzle-orm')
const { units, users, meetings, meetingParticipants } = await import('#db/schema')
const { listMeetings, getMeeting, findConflicts } = await import('~/features/meetings/index.server')
const { getWorkingCalendar } = await import('~/features/calendar/index.server')

type Row = { what: string; n: number; p50: number; p95: number; p99: number; floor?: string }
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
  const row = { what, n, p50: quantile(times, 0.5), p95: quantile(times, 0.95), p99: quantile(times, 0.99), floor }
  rows.push(row)
  console.log(`${what}: p50 ${row.p50.toFixed(3)} ms, p95 ${row.p95.toFixed(3)} ms, p99 ${row.p99.toFixed(3)} ms`)
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
await measure('users list, page 1 of 50 (admin screen)', 500, () => listUsers({ filter: { page: 1, pageSize: 50 } }), 'select 1')
await measure('users search "nguyen van" (diacritics-insensitive)', 500, () => listUsers({ filter: { q: 'nguyen van', pageSize: 50 } }), 'select 1')
await measure('unit tree (all units, ordered)', 500, () => listUnitTree({ includeInactive: true }), 'select 1')
const weekStart = new Date(Date.now() - 3 * 86_400_000)
const weekEnd = new Date(weekStart.getTime() + 7 * 86_400_000)
await measure('weekly schedule, whole body (one week of meetings)', 500, () => listMeetings({ filter: { from: weekStart, to: weekEnd, includeCancelled: true } }), 'select 1')
await measure('weekly schedule, one person (participant filter)', 500, () => listMeetings({ filter: { from: weekStart, to: weekEnd, userId: 5 } }), 'select 1')
const someMeeting = db.select({ id: meetings.id }).from(meetings).get()!.id
await measure('meeting page data (agenda, participants)', 500, () => getMeeting({ id: someMeeting }), 'select 1')
await measure('double-booking check (chair, 15 people, room)', 500, () => findConflicts({ input: { startsAt: weekStart, endsAt: new Date(weekStart.getTime() + 3 * 3_600_000), chairUserId: 3, location: 'Hội trường Tỉnh ủy', userIds: Array.from({ length: 15 }, (_, i) => i + 3) }, excludeMeetingId: null }), 'select 1')
await measure('working-day calendar load + 3-day deadline', 500, () => getWorkingCalendar().subtractWorkingDays('2026-12-17', 3), 'select 1')
const { token } = createSession({ userId: 1 })
await measure('session validation (every request)', 2000, () => validateSessionToken({ token }), 'select 1')

const config = parseConfig({ NODE_ENV: 'test', API_RATE_LIMIT_PER_MINUTE: '1000000' })
const server = http.createServer(createApp({ config }))
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
const cookie = `nghisu_session=${token}`
await measure('floor: HTTP GET /healthz', 500, async () => (await fetch(`${base}/healthz`)).arrayBuffer(), 'HTTP floor')
await measure('HTTP GET /api/v1/users?q=nguyen (cookie auth)', 500, async () => (await fetch(`${base}/api/v1/users?q=nguyen`, { headers: { Cookie: cookie } })).arrayBuffer(), '/healthz')
await measure('HTTP GET /api/v1/units', 500, async () => (await fetch(`${base}/api/v1/units`, { headers: { Cookie: cookie } })).arrayBuffer(), '/healthz')
// Search (issue 14): the index rebuilt at start, queries as the Office and as a unit officer (each hit checked against the permissions), people search.
const { rebuildSearchIndex, searchEverything } = await import('~/features/search/index.server')
const { searchPeople } = await import('~/features/directory/index.server')
const { searchMeetings } = await import('~/features/meetings/index.server')
await measure('search index rebuilt from the tables (server start)', 5, () => rebuildSearchIndex({ db }), 'select 1')
const benchOffice = db.select({ id: users.id, unitId: users.unitId }).from(users).where((await import('drizzle-orm')).eq(users.username, 'vanphong')).get()!
const benchOfficer = db.select({ id: users.id, unitId: users.unitId }).from(users).where((await import('drizzle-orm')).eq(users.username, 'canbo1')).get()!
await measure('global search "hop" (a word in most meetings) as the Office, 20 hits', 200, () => searchEverything({ user: { ...benchOffice, roles: ['office'] }, q: 'hop' }), 'select 1')
await measure('global search "ra soat" as a unit officer (every hit checked by the permission rules)', 200, () => searchEverything({ user: { ...benchOfficer, roles: ['unit_officer'] }, q: 'ra soat' }), 'select 1')
await measure(`people picker search "duc" (${userCount} people, name/position/unit)`, 200, () => searchPeople({ q: 'duc' }), 'select 1')
await measure('meetings list "chuyen de", page 1 (search + filters)', 200, () => searchMeetings({ search: { q: 'chuyen de' } }), 'select 1')
const rssAfter = process.memoryUsage().rss

// ---- Tasks (issue 5): dashboards and live fan-out, with about 30,000 tasks over five years ----
const taskRows: Row[] = []
const { tasks: tasksTable, userRoles } = await import('#db/schema')
const { and, desc, eq, sql } = await import('drizzle-orm')
const { json } = await import('@remix-run/node')
const { requireUser } = await import('~/features/directory/index.server')
const { loader: dashboardLoader } = await import('~/routes/_app.dashboard')
const { loader: unitTasksLoader } = await import('~/routes/_app.tasks._index')
const taskCount = db.select({ n: count() }).from(tasksTable).get()!.n
const officeId = db.select({ id: users.id }).from(users).where(eq(users.username, 'vanphong')).get()!.id
const busiest = db.select({ unitId: tasksTable.leadUnitId, n: count() }).from(tasksTable).groupBy(tasksTable.leadUnitId).orderBy(desc(count())).get()!
const unitOfficer = db.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'unit_officer'))).where(eq(users.unitId, busiest.unitId)).get()!.id
const officeCookie = `nghisu_session=${createSession({ userId: officeId }).token}`
const officerCookie = `nghisu_session=${createSession({ userId: unitOfficer }).token}`
const args = (url: string, cookieHeader: string) => ({ request: new Request(`http://localhost${url}`, { headers: { Cookie: cookieHeader } }), params: {}, context: { ip: '127.0.0.1' } })
const sink = rows.length
await measure('floor: trivial loader (session check + JSON)', 300, () => json({ user: requireUser(args('/', officeCookie).request).id }))
await measure(`dashboard loader, whole body (${taskCount} tasks: 4 buckets, by unit, first 50)`, 100, async () => (await dashboardLoader(args('/dashboard', officeCookie))).text(), 'trivial loader')
await measure('dashboard loader, whole body, overdue bucket (first 50)', 100, async () => (await dashboardLoader(args('/dashboard?bucket=open_overdue', officeCookie))).text(), 'trivial loader')
await measure(`unit task list loader (busiest unit, ${busiest.n} tasks led)`, 100, async () => (await unitTasksLoader(args('/tasks', officerCookie))).text(), 'trivial loader')
// Reports (issue 16): the year's report for the whole body, computed and as DOCX.
const { reportFigures } = await import('~/features/reports/figures.server')
const { reportDocx } = await import('~/features/reports/export.server')
const reportYear = new Date().getFullYear()
const yearPeriod = { from: `${reportYear}-01-01`, to: `${reportYear}-12-31` }
await measure(`yearly report, whole body (${reportYear}: Biểu 1–4, last year, trend)`, 20, () => reportFigures({ period: yearPeriod }), 'dashboard loader, whole body')
const yearFigures = reportFigures({ period: yearPeriod })
await measure('yearly report as DOCX (tables and two charts rendered to PNG)', 10, () => reportDocx({ title: `Báo cáo năm ${reportYear}`, bodyName: 'Văn phòng Tỉnh ủy', place: 'Hà Tĩnh', numberFormatted: 'Số 1-BC/VPTU', issuedOn: `${reportYear}-12-15`, signerName: 'Trần Thị Hồng Vân', signerTitle: 'Chánh Văn phòng', figures: yearFigures }), 'yearly report figures')
taskRows.push(...rows.splice(sink))

// ---- Live views (issue 10): the production server in its own process, 500 watchers here ----
const { runLiveBench } = await import('./live')
const { createMeeting, sendInvitations } = await import('~/features/meetings/index.server')
const { documents: documentsTable, documentReads, meetingTypes } = await import('#db/schema')
const cookieOf = (userId: number) => `nghisu_session=${createSession({ userId: userId }).token}`
const officerOf = (unitId: number) => db.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'unit_officer'))).where(and(eq(users.unitId, unitId), eq(users.active, true))).get()?.id
/** An open task of a unit with little progress, so a run of posts can raise it one point at a time. */
const openTaskOf = (unitId: number) =>
  db.select({ id: tasksTable.id }).from(tasksTable).where(and(eq(tasksTable.leadUnitId, unitId), sql`${tasksTable.completedOn} is null and ${tasksTable.completionDeclaredOn} is null and ${tasksTable.progress} < 40`)).get()?.id
const stormUnits = db.select({ unitId: tasksTable.leadUnitId }).from(tasksTable).groupBy(tasksTable.leadUnitId).orderBy(desc(count())).limit(60).all()
const storm: { taskId: number; cookie: string }[] = []
for (const { unitId } of stormUnits) {
  const officer = officerOf(unitId)
  const taskId = openTaskOf(unitId)
  if (officer && taskId && storm.length < 20) storm.push({ taskId, cookie: cookieOf(officer) })
}
const dashboardTask = openTaskOf(busiest.unitId)!
// A meeting a month ahead with 40 invited members: they answer one after another.
const members = db.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'delegate'))).where(eq(users.active, true)).limit(40).all().map((u) => u.id)
const start = new Date(Date.now() + 30 * 86_400_000)
const chairId = db.select({ id: users.id }).from(users).where(eq(users.username, 'bithu')).get()!.id
const benchMeeting = createMeeting({
  input: { title: 'Hội nghị đo hiệu năng', meetingTypeId: db.select({ id: meetingTypes.id }).from(meetingTypes).get()!.id, programmeItemId: null, offProgrammeReason: 'Đo hiệu năng', urgent: false, chairUserId: chairId, startsAt: start, endsAt: new Date(start.getTime() + 3_600_000), mode: 'in_person', location: 'Hội trường đo hiệu năng', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: members, memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null },
  actor: { id: officeId },
})
sendInvitations({ id: benchMeeting, actor: { id: officeId }, confirmFew: true })
// A distributed, unrestricted document of a seeded meeting, its read receipts cleared: its people open it one after another.
const readDoc = db
  .select({ id: documentsTable.id, meetingId: documentsTable.meetingId })
  .from(documentsTable)
  .where(sql`${documentsTable.distributedAt} is not null and ${documentsTable.restricted} = 0 and ${documentsTable.deletedAt} is null`)
  .get()!
db.delete(documentReads).where(eq(documentReads.documentId, readDoc.id)).run()
const readers = db.select({ userId: meetingParticipants.userId }).from(meetingParticipants).where(eq(meetingParticipants.meetingId, readDoc.meetingId)).all().map((p) => ({ userId: p.userId, cookie: cookieOf(p.userId) }))
// Another user at work meanwhile: a delegate opening the weekly schedule.
const otherOfficer = db.select({ id: users.id }).from(users).where(eq(users.username, 'uyvien5')).get()!.id
// A 500-person conference (Hội nghị Ban Chấp hành mở rộng) in session, every member checked in.
const { openSession, markAttendance } = await import('~/features/live-meeting/hall.server')
const conferenceMembers = db.select({ id: users.id }).from(users).innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'delegate'))).where(and(eq(users.active, true), sql`${users.id} <> ${chairId}`)).limit(499).all().map((u) => u.id)
const conferenceStart = new Date()
const conference = createMeeting(
  { input: { title: 'Hội nghị Ban Chấp hành Đảng bộ tỉnh mở rộng (đo hiệu năng)', meetingTypeId: db.select({ id: meetingTypes.id }).from(meetingTypes).where(eq(meetingTypes.name, 'Hội nghị Ban Chấp hành Đảng bộ tỉnh')).get()!.id, programmeItemId: null, offProgrammeReason: 'Đo hiệu năng', urgent: true, chairUserId: chairId, startsAt: conferenceStart, endsAt: new Date(conferenceStart.getTime() + 3 * 3_600_000), mode: 'hybrid', location: 'Hội trường lớn (đo hiệu năng)', joinUrl: 'https://hop.example.vn/bch', preparingUnitId: null, agenda: [{ title: 'Thảo luận báo cáo chính trị', plannedMinutes: 120 }], memberUserIds: conferenceMembers, memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: officeId } },
  { db, now: new Date(conferenceStart.getTime() - 7 * 86_400_000) },
)
sendInvitations({ id: conference, actor: { id: officeId }, confirmFew: true }, { db, now: new Date(conferenceStart.getTime() - 7 * 86_400_000) })
openSession({ meetingId: conference, actor: { id: chairId } }, { db, now: conferenceStart })
for (const userId of [chairId, ...conferenceMembers]) markAttendance({ meetingId: conference, userId, mark: { state: userId % 7 === 0 ? 'online' : 'present' }, actor: { id: officeId } }, { db, now: conferenceStart })
const CLIENTS = 500
const live = await runLiveBench({
  dbPath: process.env.DATABASE_PATH!,
  filesDir: process.env.FILES_DIR!,
  clients: CLIENTS,
  cookies: { office: officeCookie, other: cookieOf(otherOfficer) },
  storm,
  dashboard: { taskId: dashboardTask, cookie: officerCookie },
  meeting: { id: benchMeeting, answerers: members.map((userId) => ({ userId, cookie: cookieOf(userId) })) },
  readiness: { meetingId: readDoc.meetingId, documentId: readDoc.id, readers },
  stormSeconds: Number(process.env.BENCH_STORM_SECONDS ?? 60),
  otherPage: '/schedule',
  conference: { meetingId: conference, chairCookie: cookieOf(chairId), members: [chairId, ...conferenceMembers].map((userId) => ({ userId, cookie: cookieOf(userId) })) },
})
server.close()

// ---- Documents (issue 4): a 100 MB file uploaded and downloaded through the app, in a separate server process ----
const { spawn } = await import('node:child_process')
const fileRows: { what: string; seconds: number; mbps: number; peakMiB: number }[] = []
const SIZE_MB = 100
const bigDir = path.join(dir, 'static')
fs.mkdirSync(bigDir, { recursive: true })
const bigFile = path.join(bigDir, 'lon.pdf')
{
  const out = fs.openSync(bigFile, 'w')
  fs.writeSync(out, Buffer.from('%PDF-1.7\n% tệp lớn để đo hiệu năng\n'))
  const chunk = Buffer.alloc(1_000_000, 0x20) // 100 MB (decimal): just under the 100 MiB limit
  for (let i = 0; i < SIZE_MB; i++) fs.writeSync(out, chunk)
  fs.writeSync(out, Buffer.from('\n%%EOF\n'))
  fs.closeSync(out)
}
const bigSize = fs.statSync(bigFile).size
const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/file-server.ts', bigDir], { env: { ...process.env, FILES_DIR: path.join(dir, 'files') }, stdio: ['ignore', 'pipe', 'inherit'] })
const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))))
const fileBase = `http://127.0.0.1:${port}`
const rssOf = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024
async function withPeak(what: string, bytes: number, run: () => Promise<void>) {
  await new Promise((resolve) => setTimeout(resolve, 300))
  const base = rssOf()
  let peak = base
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf())), 5)
  const t = performance.now()
  await run()
  const seconds = (performance.now() - t) / 1000
  clearInterval(sampler)
  peak = Math.max(peak, rssOf())
  fileRows.push({ what, seconds, mbps: bytes / 2 ** 20 / seconds, peakMiB: peak - base })
  console.log(`${what}: ${seconds.toFixed(2)} s, ${(bytes / 2 ** 20 / seconds).toFixed(0)} MiB/s, server RSS +${(peak - base).toFixed(0)} MiB`)
}
const meetingForFiles = db.select({ id: meetings.id }).from(meetings).get()!.id
const drain = async (res: Response) => {
  let n = 0
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) n += chunk.length
  return n
}
// One unmeasured transfer first: the process's first large response grows its buffers once.
await drain(await fetch(`${fileBase}/static/lon.pdf`))
await withPeak(`floor: static-file download (express.static), ${SIZE_MB} MB`, bigSize, async () => {
  if ((await drain(await fetch(`${fileBase}/static/lon.pdf`))) !== bigSize) throw new Error('short static download')
})
let uploadedId = 0
await withPeak(`upload ${SIZE_MB} MB (multipart, streamed to disk, SHA-256, type check)`, bigSize, async () => {
  const form = new FormData()
  form.set('title', 'Tài liệu lớn')
  form.set('kind', 'tham_khao')
  form.set('file', await fs.openAsBlob(bigFile, { type: 'application/pdf' }), 'Tài liệu lớn.pdf')
  const res = await fetch(`${fileBase}/api/v1/meetings/${meetingForFiles}/documents`, { method: 'POST', body: form, headers: { Cookie: officeCookie, Origin: fileBase } })
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`)
  uploadedId = ((await res.json()) as { id: number }).id
})
await withPeak(`download ${SIZE_MB} MB through the app (permission, read receipt, stream)`, bigSize, async () => {
  if ((await drain(await fetch(`${fileBase}/api/v1/documents/${uploadedId}/file`, { headers: { Cookie: officeCookie } }))) !== bigSize) throw new Error('short download')
})
child.kill('SIGTERM')
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

const tasksSection = [
  '<!-- bench:tasks:start -->',
  `Same run: ${taskCount} tasks over five years (lead units spread over all ${unitCount} units); loaders called in the benchmark's process.`,
  '',
  '| what | samples | p50 (ms) | p95 (ms) | p99 (ms) | compare with |',
  '|---|---:|---:|---:|---:|---|',
  ...taskRows.map((r) => `| ${r.what} | ${r.n} | ${r.p50.toFixed(3)} | ${r.p95.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.floor ?? '—'} |`),
  '<!-- bench:tasks:end -->',
].join('\n')

const ms1 = (n: number) => (Number.isNaN(n) ? '—' : n.toFixed(1))
const liveSection = [
  '<!-- bench:live:start -->',
  `Same run: the production server (\`server/index.ts\`, built client) in its own process on the province seed; ${CLIENTS} socket.io clients in the benchmark's process, each applying the pushes as its page does. Times run from the start of the HTTP request that makes the change until the last of the ${CLIENTS} holds the new state; the floor is a bare \`io.emit\` of the dashboard's payload from the same server process to the same clients.`,
  '',
  '| what | samples | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | compare with |',
  '|---|---:|---:|---:|---:|---:|---|',
  ...live.rows.map((r) => `| ${r.what} | ${r.n} | ${ms1(r.p50)} | ${ms1(r.p95)} | ${ms1(r.p99)} | ${ms1(r.max)} | ${r.floor ?? '—'} |`),
  ...(live.notes.length ? ['', ...live.notes] : []),
  '<!-- bench:live:end -->',
].join('\n')

const filesSection = [
  '<!-- bench:files:start -->',
  `Same run; the server in its own process (its resident memory sampled every 5 ms from /proc), on loopback.`,
  '',
  '| what | seconds | MiB/s | server memory growth (MiB, peak) |',
  '|---|---:|---:|---:|',
  ...fileRows.map((r) => `| ${r.what} | ${r.seconds.toFixed(2)} | ${r.mbps.toFixed(0)} | ${r.peakMiB.toFixed(0)} |`),
  '<!-- bench:files:end -->',
].join('\n')

const file = path.resolve('docs/benchmarks.md')
let next = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
for (const [name, body] of [['directory', section], ['tasks', tasksSection], ['live', liveSection], ['files', filesSection]] as const) {
  const marker = new RegExp(`<!-- bench:${name}:start -->[\\s\\S]*<!-- bench:${name}:end -->`)
  next = marker.test(next) ? next.replace(marker, body) : `${next}\n${body}\n`
}
fs.writeFileSync(file, next)
console.log(`written to ${file}`)
