import { randomInt } from 'node:crypto'
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm'
import type { Role, TrustLevel } from '#db/schema/enums'
import { type DB, type DBOrTx } from '#db/client'
import { pollBallots, pollBoard, pollCampaigns, pollCandidates, pollPaperTotals, pollVoters, userRoles, users } from '#db/schema'
import { events } from '~/core/events.server'
import { DomainError, type DomainErrorKind } from '~/core/errors'
import { writeAudit } from '~/core/audit.server'
import { notify } from '~/features/notifications/index.server'
import { can } from '~/core/permissions.server'
import { pollRole } from './permissions.server'
import { blindSign, newCampaignKey, tokenHash, verifyToken } from './blind.server'
import { markOf, type PersonCount, personResult, quorumNeeded } from './tally'
import type { Actor, AuditActor } from '~/core/actor'
import { type Context, contextOf, isDatabase } from '~/core/context'

/**
 * Confidence poll campaigns (Quy định 96-QĐ/TW): set up by the Office, opened (the blind-signature
 * key made, the voters convened counted), voted electronically — a token blindly signed for an
 * eligible voter, the ballot submitted without cookies under that token and committed in shuffled
 * batches — and on paper (totals entered twice by the counting board), closed, counted, published.
 */

type Campaign = typeof pollCampaigns.$inferSelect

function fail(key: string, kind: DomainErrorKind = 'conflict', field?: string): never {
  throw new DomainError(`polls.errors.${key}`, kind, field)
}
const changed = (campaignId: number) => events.emit('poll.updated', { campaignId })

export type CampaignInput = {
  title: string
  legalBasis: string
  bodyName: string
  chairUserId: number
  opensAt: Date
  closesAt: Date
  allowSignature: boolean
  candidates: { name: string; post: string; unitName: string | null }[]
  voterRoles: Role[]
  voterUserIds: number[]
  boardUserIds: number[]
}

/** The eligible voters: holders of the roles and the people named, active, each once. */
function expandVoters(tx: DBOrTx, roles: Role[], userIds: number[]) {
  const ids = new Set<number>()
  if (roles.length) for (const r of tx.select({ id: users.id }).from(users).innerJoin(userRoles, eq(userRoles.userId, users.id)).where(and(inArray(userRoles.role, roles), eq(users.active, true))).all()) ids.add(r.id)
  if (userIds.length) for (const r of tx.select({ id: users.id }).from(users).where(and(inArray(users.id, userIds), eq(users.active, true))).all()) ids.add(r.id)
  return [...ids]
}

export function createCampaign({ input, actor }: { input: CampaignInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  if (input.closesAt <= input.opensAt) fail('closesBeforeOpens', 'invalid', 'closesAt')
  const board = [...new Set(input.boardUserIds)]
  if (board.length < 3 || board.length > 5) fail('boardSize', 'invalid', 'boardUserIds')
  if (!input.candidates.length) fail('noCandidates', 'invalid', 'candidates')
  const id = db.transaction((tx) => {
    const voters = expandVoters(tx, input.voterRoles, input.voterUserIds)
    if (!voters.length) fail('noVoters', 'invalid', 'voterUserIds')
    const row = tx
      .insert(pollCampaigns)
      .values({ title: input.title, legalBasis: input.legalBasis, bodyName: input.bodyName, chairUserId: input.chairUserId, opensAt: input.opensAt, closesAt: input.closesAt, allowSignature: input.allowSignature, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: pollCampaigns.id })
      .get()
    tx.insert(pollCandidates).values(input.candidates.map((c, i) => ({ campaignId: row.id, position: i + 1, name: c.name, post: c.post, unitName: c.unitName }))).run()
    tx.insert(pollVoters).values(voters.map((userId) => ({ campaignId: row.id, userId }))).run()
    tx.insert(pollBoard).values(board.map((userId) => ({ campaignId: row.id, userId }))).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'poll.created', entityType: 'poll', entityId: row.id, after: { title: input.title, candidates: input.candidates.length, voters: voters.length, board } })
    return row.id
  })
  return id
}

function campaignOf(tx: DBOrTx, id: number) {
  const c = tx.select().from(pollCampaigns).where(eq(pollCampaigns.id, id)).get()
  if (!c) fail('notFound', 'not_found')
  return c
}

/** Opens voting: the campaign's blind-signature key is made and the voters convened fixed; nothing about it can change afterwards. */
export async function openCampaign({ id, actor }: { id: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const key = await newCampaignKey()
  const notified = db.transaction((tx) => {
    const c = campaignOf(tx, id)
    if (c.state !== 'draft') fail('notDraft')
    const voters = tx.select({ userId: pollVoters.userId }).from(pollVoters).where(eq(pollVoters.campaignId, id)).all().map((v) => v.userId)
    tx.update(pollCampaigns).set({ state: 'open', publicKey: key.publicKey, privateKey: key.privateKey, convened: voters.length, openedAt: now, updatedAt: now }).where(eq(pollCampaigns.id, id)).run()
    notify(voters.map((userId) => ({ userId, kind: 'poll.open', params: { title: c.title }, link: `/polls/${id}` })), { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'poll.opened', entityType: 'poll', entityId: id, after: { convened: voters.length } })
    return voters
  })
  events.emit('notification.created', { userIds: notified })
  changed(id)
}

function votingOpen(c: Campaign, now: Date) {
  return c.state === 'open' && now.getTime() >= c.opensAt.getTime() && now.getTime() < c.closesAt.getTime()
}

/**
 * A blind signature for an eligible voter who has none yet: the server learns only that this voter
 * took part (`issued`), never the token. One transaction: marked issued, then signed — a failed
 * signature leaves the voter unmarked.
 */
export function issueToken({ id, userId, blinded }: { id: number; userId: number; blinded: Uint8Array }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const signature = db.transaction((tx) => {
    const c = campaignOf(tx, id)
    if (!votingOpen(c, now)) fail('notOpen')
    const voter = tx.select().from(pollVoters).where(and(eq(pollVoters.campaignId, id), eq(pollVoters.userId, userId))).get()
    if (!voter) fail('notEligible', 'forbidden')
    if (voter.issued) fail('alreadyIssued')
    tx.update(pollVoters).set({ issued: true }).where(and(eq(pollVoters.campaignId, id), eq(pollVoters.userId, userId))).run()
    const signed = blindSign(c.privateKey!, c.publicKey!, blinded)
    if (!signed) fail('badToken', 'invalid')
    return signed
  })
  changed(id)
  return signature
}

// ---------------------------------------------------------------- ballots, in shuffled batches

type Pending = { db: DB; campaignId: number; hash: string; marks: Record<string, TrustLevel | null>; signerName: string | null; done: (error: DomainError | null) => void }
const holder = globalThis as unknown as { __nghisuBallots?: { queue: Pending[]; timer: ReturnType<typeof setTimeout> | null } }
const batch = (holder.__nghisuBallots ??= { queue: [], timer: null })
/** How long ballots wait to be committed together (shuffled), so their order says nothing. */
const BATCH_MS = Number(process.env.POLL_BATCH_MS ?? 1000)

function flush() {
  batch.timer = null
  const items = batch.queue.splice(0)
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  const byDb = new Map<DB, Pending[]>()
  for (const item of items) byDb.set(item.db, [...(byDb.get(item.db) ?? []), item])
  for (const [db, list] of byDb) {
    const outcome = new Map<Pending, DomainError | null>()
    const campaigns = new Set<number>()
    db.transaction((tx) => {
      const now = new Date()
      for (const item of list) {
        const c = tx.select().from(pollCampaigns).where(eq(pollCampaigns.id, item.campaignId)).get()
        if (!c || !votingOpen(c, now)) {
          outcome.set(item, new DomainError('polls.errors.notOpen', 'conflict'))
          continue
        }
        const inserted = tx.insert(pollBallots).values({ campaignId: item.campaignId, tokenHash: item.hash, marks: item.marks, signerName: item.signerName }).onConflictDoNothing().returning({ h: pollBallots.tokenHash }).get()
        outcome.set(item, inserted ? null : new DomainError('polls.errors.tokenUsed', 'conflict'))
        if (inserted) campaigns.add(item.campaignId)
      }
    })
    for (const item of list) item.done(outcome.get(item) ?? null)
    for (const c of campaigns) changed(c)
  }
}

/**
 * A ballot arriving without cookies: the token's signature must be the campaign's, the token
 * unused, the marks one level (or blank) per person polled. Resolves once its batch is committed.
 */
export async function submitBallot({ id, input }: { id: number; input: { token: Uint8Array; signature: Uint8Array; marks: Record<string, unknown>; signerName?: string | null } }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  // Ballots are written in batches of their own transactions, never inside a caller's.
  if (!isDatabase(db)) throw new Error('submitBallot needs the database, not a transaction')
  const c = campaignOf(db, id)
  if (!votingOpen(c, now)) fail('notOpen')
  if (!(await verifyToken(c.publicKey!, input.token, input.signature))) fail('badSignature', 'invalid')
  const candidates = db.select({ id: pollCandidates.id }).from(pollCandidates).where(eq(pollCandidates.campaignId, id)).all()
  const known = new Set(candidates.map((x) => String(x.id)))
  if (Object.keys(input.marks).some((k) => !known.has(k))) fail('badBallot', 'invalid')
  const marks = Object.fromEntries(candidates.map((x) => [String(x.id), markOf(input.marks, x.id)]))
  const signerName = c.allowSignature ? (input.signerName?.trim().slice(0, 200) || null) : null
  const hash = tokenHash(input.token)
  await new Promise<void>((resolve, reject) => {
    batch.queue.push({ db, campaignId: id, hash, marks, signerName, done: (error) => (error ? reject(error) : resolve()) })
    batch.timer ??= setTimeout(flush, BATCH_MS)
  })
  return { ballotKey: hash }
}

// ---------------------------------------------------------------- closing, counting, publishing

export function closeCampaign({ id, actor }: { id: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.transaction((tx) => {
    const c = campaignOf(tx, id)
    if (c.state !== 'open') fail('notOpen')
    tx.update(pollCampaigns).set({ state: 'closed', closedAt: now, updatedAt: now }).where(eq(pollCampaigns.id, id)).run()
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'poll.closed', entityType: 'poll', entityId: id })
  })
  // The write-ahead log's frames kept the commit order of the batches: gone with the checkpoint.
  if (isDatabase(db)) {
    try {
      db.$client.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      // a busy database checkpoints by itself later
    }
  }
  changed(id)
}

/** Campaigns past their closing time are closed (the scheduler calls this every second). */
export function closeExpiredPolls(ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const due = db.select({ id: pollCampaigns.id, closesAt: pollCampaigns.closesAt }).from(pollCampaigns).where(eq(pollCampaigns.state, 'open')).all().filter((c) => c.closesAt.getTime() <= now.getTime())
  for (const c of due) closeCampaign({ id: c.id, actor: { id: null } }, { db, now })
  return due.length
}

export function publishResults({ id, actor }: { id: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const voters = db.transaction((tx) => {
    const c = campaignOf(tx, id)
    if (c.state !== 'closed') fail('notClosed')
    if (c.chairUserId !== actor.id) fail('chairOnly', 'forbidden')
    tx.update(pollCampaigns).set({ state: 'published', publishedAt: now, updatedAt: now }).where(eq(pollCampaigns.id, id)).run()
    const ids = tx.select({ userId: pollVoters.userId }).from(pollVoters).where(eq(pollVoters.campaignId, id)).all().map((v) => v.userId)
    notify(ids.map((userId) => ({ userId, kind: 'poll.published', params: { title: c.title }, link: `/polls/${id}` })), { db: tx, now })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'poll.published', entityType: 'poll', entityId: id })
    return ids
  })
  events.emit('notification.created', { userIds: voters })
  changed(id)
}

export type PaperRow = { candidateId: number; issued: number; returned: number; high: number; normal: number; low: number; invalid: number }

/** A board member's count of the paper ballots, per person; two members' counts must agree before they count. */
export function enterPaperTotals({ id, boardUserId, rows }: { id: number; boardUserId: number; rows: PaperRow[] }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.transaction((tx) => {
    const c = campaignOf(tx, id)
    if (c.state !== 'closed') fail('notClosed')
    if (!tx.select().from(pollBoard).where(and(eq(pollBoard.campaignId, id), eq(pollBoard.userId, boardUserId))).get()) fail('boardOnly', 'forbidden')
    const candidates = new Set(tx.select({ id: pollCandidates.id }).from(pollCandidates).where(eq(pollCandidates.campaignId, id)).all().map((x) => x.id))
    if (rows.length !== candidates.size || rows.some((r) => !candidates.has(r.candidateId))) fail('paperIncomplete', 'invalid')
    for (const r of rows) if (r.high + r.normal + r.low + r.invalid !== r.returned || r.returned > r.issued) fail('paperInconsistent', 'invalid', `paper.${r.candidateId}`)
    tx.delete(pollPaperTotals).where(and(eq(pollPaperTotals.campaignId, id), eq(pollPaperTotals.enteredBy, boardUserId))).run()
    tx.insert(pollPaperTotals).values(rows.map((r) => ({ campaignId: id, enteredBy: boardUserId, ...r }))).run()
    writeAudit(tx, { actorId: boardUserId, action: 'poll.paperEntered', entityType: 'poll', entityId: id, after: { rows } })
  })
  changed(id)
}

// ---------------------------------------------------------------- reading

export function getCampaign({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const c = db.select().from(pollCampaigns).where(eq(pollCampaigns.id, id)).get()
  if (!c) return null
  const { privateKey: _secret, ...campaign } = c
  const candidates = db.select().from(pollCandidates).where(eq(pollCandidates.campaignId, id)).orderBy(asc(pollCandidates.position)).all()
  const board = db.select({ id: users.id, name: users.fullName, post: users.position }).from(pollBoard).innerJoin(users, eq(users.id, pollBoard.userId)).where(eq(pollBoard.campaignId, id)).all()
  const chair = db.select({ name: users.fullName, post: users.position }).from(users).where(eq(users.id, c.chairUserId)).get()
  return { ...campaign, candidates, board, chairName: chair?.name ?? '', chairPost: chair?.post ?? null }
}
export type CampaignDetail = NonNullable<ReturnType<typeof getCampaign>>

export function listCampaigns({ user }: { user: Actor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const all = db.select({ id: pollCampaigns.id, title: pollCampaigns.title, state: pollCampaigns.state, opensAt: pollCampaigns.opensAt, closesAt: pollCampaigns.closesAt }).from(pollCampaigns).orderBy(desc(pollCampaigns.opensAt)).all()
  if (can(user, 'meetings.manage')) return all
  return all.filter((c) => pollAccess({ user, id: c.id }, { db })?.sees)
}

/** What a person is in a campaign: voter (and whether they took part), counting board, Office, chair. */
export function pollAccess({ user, id }: { user: Actor; id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const c = db.select({ state: pollCampaigns.state }).from(pollCampaigns).where(eq(pollCampaigns.id, id)).get()
  const members = c ? pollMembers({ id }, { db }) : null
  if (!c || !members) return null
  const issued = db.select({ issued: pollVoters.issued }).from(pollVoters).where(and(eq(pollVoters.campaignId, id), eq(pollVoters.userId, user.id))).get()?.issued ?? false
  return { state: c.state, issued, ...pollRole(user, members, c.state) }
}

/** Counts only (never who): voters convened, tokens issued, ballots in, the quorum. */
export function pollProgress({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const c = db.select({ state: pollCampaigns.state, convened: pollCampaigns.convened }).from(pollCampaigns).where(eq(pollCampaigns.id, id)).get()
  if (!c) return null
  const issued = db.select({ n: count() }).from(pollVoters).where(and(eq(pollVoters.campaignId, id), eq(pollVoters.issued, true))).get()!.n
  const returned = db.select({ n: count() }).from(pollBallots).where(eq(pollBallots.campaignId, id)).get()!.n
  const convened = c.convened ?? db.select({ n: count() }).from(pollVoters).where(eq(pollVoters.campaignId, id)).get()!.n
  return { state: c.state, convened, issued, returned, quorumNeeded: quorumNeeded(convened) }
}
export type PollProgress = NonNullable<ReturnType<typeof pollProgress>>

/**
 * The result table: electronic ballots counted per person (a blank or anything else is invalid for
 * that person), plus the paper totals when two board members entered the same; the quorum on all
 * ballots returned.
 */
export function pollResults({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const campaign = getCampaign({ id }, { db })
  if (!campaign) return null
  const progress = pollProgress({ id }, { db })!
  const ballots = db.select({ marks: pollBallots.marks }).from(pollBallots).where(eq(pollBallots.campaignId, id)).all()
  const paper = db.select().from(pollPaperTotals).where(eq(pollPaperTotals.campaignId, id)).all()
  const enteredBy = [...new Set(paper.map((p) => p.enteredBy))]
  const rowsOf = (userId: number) => JSON.stringify(paper.filter((p) => p.enteredBy === userId).map(({ enteredBy: _e, campaignId: _c, ...r }) => r).sort((a, b) => a.candidateId - b.candidateId))
  const agreed = enteredBy.length >= 2 && enteredBy.some((a) => enteredBy.some((b) => a !== b && rowsOf(a) === rowsOf(b)))
  const paperStatus = enteredBy.length === 0 ? 'none' : enteredBy.length === 1 ? 'waiting' : agreed ? 'agreed' : 'mismatch'
  const agreedBy = agreed ? enteredBy.find((a) => enteredBy.some((b) => a !== b && rowsOf(a) === rowsOf(b)))! : null
  const people = campaign.candidates.map((cand) => {
    const c: PersonCount = { issued: progress.issued, returned: ballots.length, high: 0, normal: 0, low: 0, invalid: 0 }
    for (const b of ballots) {
      const mark = markOf(b.marks, cand.id)
      if (mark) c[mark]++
      else c.invalid++
    }
    const p = agreedBy ? paper.find((x) => x.enteredBy === agreedBy && x.candidateId === cand.id) : undefined
    if (p) for (const k of ['issued', 'returned', 'high', 'normal', 'low', 'invalid'] as const) c[k] += p[k]
    return { candidateId: cand.id, name: cand.name, post: cand.post, unitName: cand.unitName, ...personResult(c) }
  })
  const paperReturned = agreedBy ? Math.max(0, ...paper.filter((x) => x.enteredBy === agreedBy).map((x) => x.returned)) : 0
  const returned = ballots.length + paperReturned
  return {
    campaign,
    convened: progress.convened,
    returned,
    quorumNeeded: progress.quorumNeeded,
    quorumMet: returned >= progress.quorumNeeded,
    paper: { status: paperStatus, entries: enteredBy.length },
    people,
  }
}
export type PollResults = NonNullable<ReturnType<typeof pollResults>>

/** After the close: every ballot's key, so a voter can find theirs (the list is sorted: it says nothing of the order). */
export function ballotKeys({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ h: pollBallots.tokenHash }).from(pollBallots).where(eq(pollBallots.campaignId, id)).orderBy(asc(pollBallots.tokenHash)).all().map((r) => r.h)
}

/** Who belongs to a poll (its socket room's rule). */
export function pollMembers({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const c = db.select({ chairUserId: pollCampaigns.chairUserId }).from(pollCampaigns).where(eq(pollCampaigns.id, id)).get()
  if (!c) return null
  return {
    chairUserId: c.chairUserId,
    voterIds: db.select({ u: pollVoters.userId }).from(pollVoters).where(eq(pollVoters.campaignId, id)).all().map((r) => r.u),
    boardIds: db.select({ u: pollBoard.userId }).from(pollBoard).where(eq(pollBoard.campaignId, id)).all().map((r) => r.u),
  }
}
