/**
 * The live-view benchmark (issue 10): the production server (`server/index.ts`, built client,
 * on the province seed) in its own process with `probe.ts` preloaded, and 500 socket.io clients
 * here that do what the pages do with a push — apply it to the state they show. Measured: from the
 * start of the change's HTTP request until every client holds the new state, next to a bare
 * `io.emit` of the same payload to the same clients from the same server process.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import { io as connectClient, type Socket } from 'socket.io-client'
import { applyScopeCounts } from '~/features/dashboard/index.server'

export type LiveRow = { what: string; n: number; p50: number; p95: number; p99: number; max: number; floor?: string }
export type LiveReport = { rows: LiveRow[]; notes: string[] }

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
function summarise(what: string, samples: number[], floor?: string): LiveRow {
  const s = [...samples].sort((a, b) => a - b)
  const row = { what, n: s.length, p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s.at(-1) ?? NaN, floor }
  console.log(`${what}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, max ${row.max.toFixed(1)} ms`)
  return row
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function freePort() {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

type Update = { room: string; version: number; data: unknown }
/** A watcher: one socket.io client and the state its page would show. */
type Watcher = { socket: Socket; floor: Socket; state: unknown; apply: (data: unknown) => void; listeners: Set<() => void> }

export type LiveSetup = {
  dbPath: string
  filesDir: string
  clients: number
  cookies: { office: string; other: string }
  /** A task per unit (20 units) and the cookie of an officer of that unit. */
  storm: { taskId: number; cookie: string }[]
  dashboard: { taskId: number; cookie: string }
  meeting: { id: number; answerers: { userId: number; cookie: string }[] }
  readiness: { meetingId: number; documentId: number; readers: { userId: number; cookie: string }[] }
  stormSeconds: number
  /** The page another user keeps opening during the storm (with `cookies.other`). */
  otherPage: string
  /** A conference in session (issue 11): its members all checked in, the chair's cookie, members' cookies for requests to speak and ballots. */
  conference?: { meetingId: number; chairCookie: string; members: { userId: number; cookie: string }[] }
}

export async function runLiveBench(setup: LiveSetup): Promise<LiveReport> {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', '--import', './tests/bench/probe.ts', 'server/index.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: setup.dbPath, FILES_DIR: setup.filesDir, API_RATE_LIMIT_PER_MINUTE: '10000000', DEMO: '', BACKUP_HOUR: 'off' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const messages: { type: string; [k: string]: unknown }[] = []
  const waiting: ((m: { type: string }) => void)[] = []
  child.on('message', (m: { type: string }) => {
    messages.push(m)
    for (const w of waiting.splice(0)) w(m)
  })
  const nextMessage = async (type: string) => {
    for (;;) {
      const found = messages.findIndex((m) => m.type === type)
      if (found >= 0) return messages.splice(found, 1)[0]!
      await new Promise((resolve) => waiting.push(resolve))
    }
  }
  const floorPort = (await nextMessage('floor.port')).port as number
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      if (i > 600) throw new Error('server did not start')
    }
    await sleep(100)
  }
  const rows: LiveRow[] = []
  const notes: string[] = []
  const headers = (cookie: string) => ({ Cookie: cookie, Origin: base, 'Content-Type': 'application/json' })

  // ---- 500 watchers, each also connected to the bare server (the floor) ----
  const watchers: Watcher[] = []
  for (let i = 0; i < setup.clients; i += 50) {
    watchers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(50, setup.clients - i) }, async () => {
          const socket = connectClient(base, { transports: ['websocket'], extraHeaders: { Cookie: setup.cookies.office, Origin: base }, reconnection: false, forceNew: true })
          const floor = connectClient(`http://127.0.0.1:${floorPort}`, { transports: ['websocket'], reconnection: false, forceNew: true })
          await Promise.all([new Promise((resolve) => socket.once('session.ready', () => resolve(null))), new Promise((resolve) => floor.once('connect', () => resolve(null)))])
          const w: Watcher = { socket, floor, state: null, apply: () => {}, listeners: new Set() }
          return w
        }),
      )),
    )
  }
  /** Every watcher joins `room` and applies its pushes with `apply` (what the page does). */
  async function watch(room: string, apply: (state: unknown, data: unknown) => unknown, ids?: number[]) {
    await Promise.all(
      watchers.map(async (w) => {
        w.socket.removeAllListeners('live.update')
        w.socket.on('live.update', (u: Update) => {
          if (u.room !== room) return
          w.state = apply(w.state, u.data)
          for (const l of w.listeners) l()
        })
        const snapshot = new Promise((resolve) => w.socket.once('live.update', resolve))
        await w.socket.emitWithAck('room.join', ids ? { room, ids } : { room })
        await snapshot
      }),
    )
  }
  async function unwatch(room: string) {
    await Promise.all(watchers.map((w) => w.socket.emitWithAck('room.leave', { room })))
  }
  /** Time from `start` until every watcher's state satisfies `fresh`. */
  async function allFresh(fresh: (state: unknown) => boolean, start: () => Promise<unknown>, timeoutMs = 10_000) {
    const t0 = performance.now()
    const done = Promise.all(
      watchers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('a watcher never saw the new state')), timeoutMs)
            const check = () => {
              if (!fresh(w.state)) return
              clearTimeout(timer)
              w.listeners.delete(check)
              resolve()
            }
            w.listeners.add(check)
          }),
      ),
    )
    await start()
    await done
    return performance.now() - t0
  }
  async function floor(payload: unknown, runs: number) {
    const times: number[] = []
    for (let i = 0; i < runs + 3; i++) {
      const t0 = performance.now()
      const all = Promise.all(watchers.map((w) => new Promise((resolve) => w.floor.once('floor', resolve))))
      child.send({ type: 'floor.emit', payload })
      await all
      if (i >= 3) times.push(performance.now() - t0)
      await sleep(50)
    }
    return times
  }
  const post = async (url: string, cookie: string, body: unknown) => {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: headers(cookie), body: JSON.stringify(body) })
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
  }
  type Row = { id: number; progress: number }
  type Counts = Parameters<typeof applyScopeCounts>[0]
  type Dash = { counts: Counts; rows: Map<number, Row> }
  /** The dashboard page: the counts replaced or merged (applyScopeCounts, as the page does), pushed rows replace the shown ones. */
  const applyDashboard = (state: unknown, data: unknown): Dash => {
    const d = data as { counts: Counts; rows: Row[]; partial: boolean }
    const s = (state as Dash | null) ?? { counts: { total: d.counts.total, byUnit: [] }, rows: new Map() }
    const next = new Map(s.rows)
    for (const r of d.rows) next.set(r.id, r)
    return { counts: applyScopeCounts(s.counts, d.counts, d.partial), rows: next }
  }
  const RUNS = 30

  // ---- 1. A progress post → all 500 whole-body dashboards hold it ----
  {
    const { taskId, cookie } = setup.dashboard
    await watch('dashboard:0', applyDashboard, [taskId])
    let percent = 0
    const times: number[] = []
    const postTimes: number[] = []
    let payload: unknown = null
    let lastPush: unknown = null
    watchers[0]!.socket.on('live.update', (u: Update) => (lastPush = u))
    for (let i = 0; i < RUNS + 3; i++) {
      const p = (percent = (percent % 98) + 1)
      let answered = 0
      const ms = await allFresh(
        (s) => (s as Dash).rows.get(taskId)?.progress === p,
        async () => {
          const t0 = performance.now()
          await post(`/api/v1/tasks/${taskId}/progress`, cookie, { percent: p, text: 'Báo cáo tiến độ (đo hiệu năng)' })
          answered = performance.now() - t0
        },
      )
      if (i >= 3) {
        times.push(ms)
        postTimes.push(answered)
      }
      payload = lastPush
      await sleep(300)
    }
    const size = JSON.stringify(payload).length
    rows.push(summarise(`floor: bare io.emit of the same payload (${(size / 1024).toFixed(1)} KB) to ${setup.clients} clients`, await floor(payload, RUNS)))
    rows.push(summarise('floor: the progress POST itself (until its response)', postTimes))
    rows.push(summarise(`progress POST → all ${setup.clients} whole-body dashboards show it (counts + row)`, times, 'bare io.emit + the POST'))

    // ---- 2. The storm: 10 posts a second from 20 units for stormSeconds, while another user browses ----
    const tasks = setup.storm
    await watch('dashboard:0', applyDashboard, tasks.map((t) => t.taskId))
    const perTask = new Map(tasks.map((t) => [t.taskId, 0]))
    type Post = { t0: number; fresh: number; done: number }
    const posts = new Map<string, Post>()
    const counted = watchers.map(() => new Map<number, number>())
    watchers.forEach((w, i) => {
      w.listeners.clear()
      w.listeners.add(() => {
        for (const [taskId, row] of (w.state as Dash).rows) {
          const last = counted[i]!.get(taskId) ?? 0
          for (let q = last + 1; q <= row.progress; q++) {
            const p = posts.get(`${taskId}:${q}`)
            if (!p) continue
            if (++p.fresh === watchers.length) p.done = performance.now() - p.t0
          }
          if (row.progress > last) counted[i]!.set(taskId, row.progress)
        }
      })
    })
    for (const w of watchers) for (const [taskId, row] of (w.state as Dash).rows) counted[watchers.indexOf(w)]!.set(taskId, row.progress)
    for (const t of tasks) perTask.set(t.taskId, (watchers[0]!.state as Dash).rows.get(t.taskId)?.progress ?? 0)
    /** Another user opening a page every 100 ms, in its own process, for `ms` (or until stopped). */
    const browse = (ms: number | null) => {
      const browser = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/browse.ts', `${base}${setup.otherPage}`, setup.cookies.other, '100'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
      const times = new Promise<number[]>((resolve) => browser.on('message', (m: { type: string; times: number[] }) => m.type === 'times' && resolve(m.times)))
      const stop = () => browser.send({ type: 'stop' })
      if (ms) setTimeout(stop, ms)
      return { stop, times }
    }
    const quiet = browse(6000)
    rows.push(summarise(`floor: another user's page (GET ${setup.otherPage}, server-rendered) with no changes`, (await quiet.times).slice(5)))
    const busy = browse(null)
    child.send({ type: 'eld.start' })
    const total = setup.stormSeconds * 10
    const startedAt = performance.now()
    const inFlight: Promise<unknown>[] = []
    for (let i = 0; i < total; i++) {
      const due = startedAt + i * 100
      const wait = due - performance.now()
      if (wait > 0) await sleep(wait)
      const t = tasks[i % tasks.length]!
      const p = perTask.get(t.taskId)! + 1
      perTask.set(t.taskId, p)
      posts.set(`${t.taskId}:${p}`, { t0: performance.now(), fresh: 0, done: NaN })
      inFlight.push(post(`/api/v1/tasks/${t.taskId}/progress`, t.cookie, { percent: Math.min(99, p), text: `Báo cáo lần ${p}` }))
    }
    await Promise.all(inFlight)
    await sleep(2000)
    child.send({ type: 'eld.stop' })
    const eld = (await nextMessage('eld')) as unknown as { p50: number; p99: number; max: number }
    busy.stop()
    const pageTimes = (await busy.times).slice(2)
    const latencies = [...posts.values()].map((p) => p.done)
    const missing = latencies.filter((l) => Number.isNaN(l)).length
    const seen = latencies.filter((l) => !Number.isNaN(l))
    rows.push(summarise(`storm: ${total} posts in ${setup.stormSeconds} s from ${tasks.length} units → all ${setup.clients} dashboards show each`, seen, 'bare io.emit'))
    const tenth = Math.max(1, Math.floor(seen.length / 10))
    rows.push(summarise('storm: the first tenth of the posts', seen.slice(0, tenth)))
    rows.push(summarise('storm: the last tenth of the posts (a growing backlog would show here)', seen.slice(-tenth)))
    rows.push(summarise(`storm: another user's page (GET ${setup.otherPage}) meanwhile`, pageTimes, 'page with no changes'))
    rows.push({ what: 'storm: server event-loop delay (monitorEventLoopDelay, whole storm)', n: 1, p50: eld.p50, p95: NaN, p99: eld.p99, max: eld.max })
    console.log(`storm: event-loop delay p50 ${eld.p50.toFixed(1)} ms, p99 ${eld.p99.toFixed(1)} ms, max ${eld.max.toFixed(1)} ms`)
    if (missing) notes.push(`${missing} of ${total} storm posts never reached every watcher.`)
    // Rows with progress above 99 are capped: those posts count as fresh once the capped value arrives.
    await unwatch('dashboard:0')
    for (const w of watchers) w.listeners.clear()
  }

  // ---- 3. The meeting page: a participant answers → all 500 show the answer ----
  {
    const { id, answerers } = setup.meeting
    type MeetingState = { meeting: { participants: { userId: number; rsvp: string }[] } }
    await watch(`meeting:${id}`, (_s, data) => data)
    const times: number[] = []
    for (let i = 0; i < RUNS + 3; i++) {
      const who = answerers[i % answerers.length]!
      const answer = Math.floor(i / answerers.length) % 2 === 0 ? 'declined' : 'attending'
      const ms = await allFresh(
        (s) => (s as MeetingState | null)?.meeting.participants.find((p) => p.userId === who.userId)?.rsvp === answer,
        () => post(`/api/v1/meetings/${id}/rsvp`, who.cookie, answer === 'declined' ? { response: 'declined', reason: 'Bận công tác tại cơ sở' } : { response: 'attending' }),
      )
      if (i >= 3) times.push(ms)
      await sleep(300)
    }
    rows.push(summarise(`invitation answered (HTTP API) → all ${setup.clients} meeting pages show it`, times, 'bare io.emit'))
    await unwatch(`meeting:${id}`)
  }

  // ---- 4. The readiness panel: a delegate opens a document → all 500 panels show it read ----
  {
    const { meetingId, documentId, readers } = setup.readiness
    type Readiness = { documents: { id: number; people: { id: number; read: boolean }[] }[] }
    await watch(`readiness:${meetingId}`, (_s, data) => data)
    const times: number[] = []
    for (const reader of readers) {
      const ms = await allFresh(
        (s) => !!(s as Readiness | null)?.documents.find((d) => d.id === documentId)?.people.find((p) => p.id === reader.userId)?.read,
        async () => {
          const res = await fetch(`${base}/api/v1/documents/${documentId}/file`, { headers: { Cookie: reader.cookie } })
          if (!res.ok) throw new Error(`read: ${res.status}`)
          await res.arrayBuffer()
        },
      )
      times.push(ms)
      await sleep(300)
    }
    rows.push(summarise(`document opened (HTTP API) → all ${setup.clients} readiness panels show it read`, times.slice(3), 'bare io.emit'))
  }

  // ---- 5. The meeting room (issue 11): a 500-person conference in session ----
  if (setup.conference) {
    const { meetingId, chairCookie, members } = setup.conference
    type Hall = { floor: { userId: number } | null; votes: { id: number; state: string; cast: number; results: { yes: number; no: number; abstain: number } | null }[] }
    /** What the page's fetcher sends: the route action over Single Fetch. */
    const act = async (cookie: string, fields: Record<string, string>) => {
      const res = await fetch(`${base}/meetings/${meetingId}/live.data`, { method: 'POST', headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) })
      if (!res.ok) throw new Error(`${fields.intent}: ${res.status} ${await res.text()}`)
      await res.arrayBuffer()
    }
    let lastHall: unknown = null
    await watch(`hall:${meetingId}`, (_s, data) => (lastHall = data))
    const times: number[] = []
    for (let i = 0; i < RUNS + 3; i++) {
      const speaker = members[i % members.length]!
      await post(`/api/v1/meetings/${meetingId}/speakers`, speaker.cookie, { kind: 'normal' })
      await sleep(300)
      const ms = await allFresh((s) => (s as Hall | null)?.floor?.userId === speaker.userId, () => act(chairCookie, { intent: 'floor.give' }))
      if (i >= 3) times.push(ms)
      await sleep(300)
    }
    const size = JSON.stringify(lastHall).length
    rows.push(summarise(`floor: bare io.emit of the room's payload (${(size / 1024).toFixed(1)} KB) to ${setup.clients} clients`, await floor(lastHall, RUNS)))
    rows.push(summarise(`floor given (chair's console) → all ${setup.clients} in the room show the speaker`, times, 'bare io.emit'))

    // A vote: every member casts a ballot within 10 s; then the chair closes it.
    await act(chairCookie, { intent: 'floor.end' })
    await act(chairCookie, { intent: 'vote.open', question: 'Biểu quyết thông qua Nghị quyết (đo hiệu năng)', secret: 'on' })
    await sleep(500)
    const voteId = ((lastHall as Hall).votes.find((v) => v.state === 'open') ?? { id: 0 }).id
    const castTimes: number[] = []
    const failures: string[] = []
    const started = performance.now()
    const window = 10_000
    const ballots = members.map(async (m, i) => {
      await sleep((i * window) / members.length)
      const t0 = performance.now()
      const res = await fetch(`${base}/api/v1/meetings/${meetingId}/votes/${voteId}/ballots`, { method: 'POST', headers: headers(m.cookie), body: JSON.stringify({ choice: i % 10 === 0 ? 'no' : i % 17 === 0 ? 'abstain' : 'yes' }) })
      castTimes.push(performance.now() - t0)
      if (res.status !== 204) failures.push(`${res.status}`)
      await res.arrayBuffer()
    })
    await Promise.all(ballots)
    const castWithin = performance.now() - started
    rows.push(summarise(`${members.length} ballots over ${(castWithin / 1000).toFixed(1)} s: each ballot's POST until its answer`, castTimes))
    const closeMs = await allFresh(
      (s) => {
        const v = (s as Hall | null)?.votes.find((x) => x.id === voteId)
        return !!v?.results && v.results.yes + v.results.no + v.results.abstain === members.length
      },
      () => act(chairCookie, { intent: 'vote.close', voteId: String(voteId) }),
    )
    rows.push(summarise(`vote closed → all ${setup.clients} in the room show the result (every one of ${members.length} ballots counted)`, [closeMs], 'within 1 s of the close'))
    const counted = (lastHall as Hall).votes.find((x) => x.id === voteId)?.results
    notes.push(`Conference vote: ${members.length} members cast ballots over ${(castWithin / 1000).toFixed(1)} s; ${failures.length} refused; the closed vote counts ${counted ? counted.yes + counted.no + counted.abstain : 0} ballots (${counted?.yes} yes, ${counted?.no} no, ${counted?.abstain} abstain).`)
    await unwatch(`hall:${meetingId}`)
  }

  for (const w of watchers) {
    w.socket.disconnect()
    w.floor.disconnect()
  }
  child.kill('SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  return { rows, notes }
}
