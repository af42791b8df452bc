import { describe, expect, it } from 'vitest'
import { getDb } from '#db/client'
import { blindToken } from '~/features/polls/blind'
import { closeCampaign, createCampaign, enterPaperTotals, getCampaign, issueToken, openCampaign, pollAccess, pollProgress, pollResults, publishResults, submitBallot } from '~/features/polls/polls.server'
import { createUser, refusal, sessionCookieFor } from '../factories'

const unb64 = (s: string) => Uint8Array.from(Buffer.from(s, 'base64'))
async function refusalAsync(run: () => Promise<unknown>) {
  try {
    await run()
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

async function setup(voterCount = 5) {
  const office = await createUser({ roles: ['office'] })
  const chair = await createUser({ roles: ['chair'] })
  const voters = await Promise.all(Array.from({ length: voterCount }, () => createUser({ roles: ['delegate'] })))
  const board = await Promise.all(Array.from({ length: 3 }, () => createUser({ roles: ['delegate'] })))
  const now = new Date()
  const id = createCampaign({ input: {
      title: 'Lấy phiếu tín nhiệm năm 2026',
      legalBasis: 'Quy định 96-QĐ/TW ngày 02/02/2023',
      bodyName: 'Ban Chấp hành Đảng bộ tỉnh',
      chairUserId: chair.id,
      opensAt: new Date(now.getTime() - 60_000),
      closesAt: new Date(now.getTime() + 3_600_000),
      allowSignature: false,
      candidates: [
        { name: 'Nguyễn Văn Một', post: 'Bí thư Tỉnh ủy', unitName: 'Tỉnh ủy' },
        { name: 'Trần Thị Hai', post: 'Phó Bí thư', unitName: 'Tỉnh ủy' },
        { name: 'Lê Văn Ba', post: 'Chủ tịch UBND tỉnh', unitName: 'UBND tỉnh' },
      ],
      voterRoles: [],
      voterUserIds: voters.map((v) => v.id),
      boardUserIds: board.map((b) => b.id),
    }, actor: { id: office.id } })
  await openCampaign({ id, actor: { id: office.id } })
  const campaign = getCampaign({ id })!
  return { id, office, chair, voters, board, campaign }
}

/** What a voter's browser does: a blinded token signed while signed in, then the ballot without the session. */
async function vote(id: number, publicKey: string, userId: number, marks: Record<string, string | null>) {
  const blind = await blindToken(publicKey)
  const blindSignature = issueToken({ id, userId, blinded: unb64(blind.blinded) })
  const { token, signature } = await blind.finalize(Buffer.from(blindSignature).toString('base64'))
  return { token, signature, submit: () => submitBallot({ id, input: { token: unb64(token), signature: unb64(signature), marks } }) }
}

describe('an electronic confidence poll', () => {
  it('no row written during voting links a voter to a ballot; ballots carry no user, no time, no key in issuance order', async () => {
    const { id, campaign, voters } = await setup(5)
    const [a, b, c] = campaign.candidates.map((x) => String(x.id))
    const db = getDb()
    const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]
    const dump = () => new Map(tables.map(({ name }) => [name, new Set((db.$client.prepare(`select * from "${name}"`).all() as object[]).map((r) => JSON.stringify(r)))]))
    const before = dump()
    const levels = ['high', 'normal', 'low', 'low', 'high']
    const ballots = []
    for (const [i, v] of voters.entries()) ballots.push(await vote(id, campaign.publicKey!, v.id, { [a!]: levels[i]!, [b!]: 'normal', [c!]: i === 0 ? null : 'low' }))
    await Promise.all(ballots.map((x) => x.submit()))
    const after = dump()
    const voterIds = new Set(voters.map((v) => v.id))
    const written: { table: string; row: Record<string, unknown> }[] = []
    for (const [table, rows] of after) for (const row of rows) if (!before.get(table)?.has(row)) written.push({ table, row: JSON.parse(row) })
    const ballotRows = written.filter((w) => w.table === 'poll_ballots')
    expect(ballotRows).toHaveLength(5)
    for (const { row } of ballotRows) {
      expect(Object.keys(row).sort()).toEqual(['campaign_id', 'marks', 'signer_name', 'token_hash'])
      expect(String(row.token_hash)).toMatch(/^[0-9a-f]{64}$/)
    }
    // What names a voter says only that they took part.
    for (const { table, row } of written) {
      if (table === 'poll_ballots') continue
      const text = JSON.stringify(row)
      const namesVoter = Object.values(row).some((v) => typeof v === 'number' && voterIds.has(v))
      if (namesVoter) expect(/high|normal|low|token/.test(text), `${table}: ${text}`).toBe(false)
    }
    expect(written.filter((w) => w.table === 'poll_voters').every((w) => Object.keys(w.row).sort().join() === 'campaign_id,issued,user_id')).toBe(true)
    expect(() => db.$client.prepare('select rowid from poll_ballots').all()).toThrow()
    expect(() => db.$client.prepare('select rowid from poll_voters').all()).toThrow()
    expect(pollProgress({ id })).toMatchObject({ convened: 5, issued: 5, returned: 5, quorumNeeded: 4 })
  })

  it('refuses a reused token, a token of another poll, an ineligible voter, a second token, and results before the close', async () => {
    const first = await setup(3)
    const other = await setup(3)
    const [a] = first.campaign.candidates.map((x) => String(x.id))
    const ballot = await vote(first.id, first.campaign.publicKey!, first.voters[0]!.id, { [a!]: 'high' })
    await ballot.submit()
    expect(await refusalAsync(() => submitBallot({ id: first.id, input: { token: unb64(ballot.token), signature: unb64(ballot.signature), marks: { [a!]: 'low' } } }))).toBe('polls.errors.tokenUsed')
    // Signed by the other poll's key: not a token of this poll.
    const foreign = await vote(other.id, other.campaign.publicKey!, other.voters[0]!.id, {})
    expect(await refusalAsync(() => submitBallot({ id: first.id, input: { token: unb64(foreign.token), signature: unb64(foreign.signature), marks: {} } }))).toBe('polls.errors.badSignature')
    const outsider = await createUser({ roles: ['delegate'] })
    const blind = await blindToken(first.campaign.publicKey!)
    expect(refusal(() => issueToken({ id: first.id, userId: outsider.id, blinded: unb64(blind.blinded) }))).toBe('polls.errors.notEligible')
    expect(refusal(() => issueToken({ id: first.id, userId: first.voters[0]!.id, blinded: unb64(blind.blinded) }))).toBe('polls.errors.alreadyIssued')
    expect(await refusalAsync(() => submitBallot({ id: first.id, input: { token: unb64(ballot.token), signature: unb64(ballot.signature), marks: { '999999': 'high' } } }))).toBe('polls.errors.badBallot')
    expect(pollAccess({ user: first.board[0]!, id: first.id })).toMatchObject({ board: true, results: false })
    expect(pollAccess({ user: first.office, id: first.id })).toMatchObject({ results: false })
    closeCampaign({ id: first.id, actor: { id: first.office.id } })
    expect(pollAccess({ user: first.board[0]!, id: first.id })).toMatchObject({ results: true })
    expect(pollAccess({ user: first.voters[1]!, id: first.id })).toMatchObject({ results: false })
    const late = await blindToken(first.campaign.publicKey!)
    expect(refusal(() => issueToken({ id: first.id, userId: first.voters[1]!.id, blinded: unb64(late.blinded) }))).toBe('polls.errors.notOpen')
    expect(refusal(() => publishResults({ id: first.id, actor: { id: first.office.id } }))).toBe('polls.errors.chairOnly')
    publishResults({ id: first.id, actor: { id: first.chair.id } })
    expect(pollAccess({ user: first.voters[1]!, id: first.id })).toMatchObject({ results: true })
  })
})

describe('the count', () => {
  it('per person: returned, valid, invalid (a blank), the levels as a share of the returned ballots, the thresholds; paper totals count once two board members agree', async () => {
    const { id, campaign, voters, board, office } = await setup(3)
    const [a, b, c] = campaign.candidates.map((x) => String(x.id))
    const marks = [
      { [a!]: 'low', [b!]: 'high', [c!]: 'low' },
      { [a!]: 'low', [b!]: 'normal', [c!]: null },
      { [a!]: 'high', [b!]: 'high', [c!]: 'low' },
    ]
    for (const [i, v] of voters.entries()) await (await vote(id, campaign.publicKey!, v.id, marks[i]!)).submit()
    closeCampaign({ id, actor: { id: office.id } })
    let results = pollResults({ id })!
    const first = results.people[0]!
    expect(first).toMatchObject({ returned: 3, valid: 3, invalid: 0, low: 2, high: 1, threshold: 'two_thirds' })
    expect(first.percent.low).toBeCloseTo(66.67, 1)
    expect(results.people[2]).toMatchObject({ returned: 3, valid: 2, invalid: 1, low: 2, threshold: 'two_thirds' })
    expect(results).toMatchObject({ convened: 3, returned: 3, quorumNeeded: 2, quorumMet: true, paper: { status: 'none' } })

    // Paper ballots: one entry waits, two that differ do not count, two that agree do.
    const paper = (low: number) => campaign.candidates.map((cand) => ({ candidateId: cand.id, issued: 4, returned: 4, high: 4 - low, normal: 0, low, invalid: 0 }))
    expect(refusal(() => enterPaperTotals({ id, boardUserId: voters[0]!.id, rows: paper(1) }))).toBe('polls.errors.boardOnly')
    expect(refusal(() => enterPaperTotals({ id, boardUserId: board[0]!.id, rows: [{ candidateId: campaign.candidates[0]!.id, issued: 4, returned: 4, high: 1, normal: 0, low: 1, invalid: 0 }] }))).toBe('polls.errors.paperIncomplete')
    enterPaperTotals({ id, boardUserId: board[0]!.id, rows: paper(1) })
    expect(pollResults({ id })!.paper.status).toBe('waiting')
    enterPaperTotals({ id, boardUserId: board[1]!.id, rows: paper(2) })
    results = pollResults({ id })!
    expect(results.paper.status).toBe('mismatch')
    expect(results.people[0]!.returned).toBe(3)
    enterPaperTotals({ id, boardUserId: board[1]!.id, rows: paper(1) })
    results = pollResults({ id })!
    expect(results.paper.status).toBe('agreed')
    // Person 1: 2 low of 3 online + 1 low of 4 on paper = 3 of 7: under one half.
    expect(results.people[0]).toMatchObject({ returned: 7, low: 3, threshold: 'none' })
    expect(results.returned).toBe(7)
  })
})

describe('the API', () => {
  it('reads a campaign (counts only) and its results only once published', async () => {
    const { startTestServer } = await import('../setup/server')
    const server = await startTestServer()
    try {
      const { id, campaign, voters, office, chair } = await setup(2)
      const get = (userId: number, path: string) => fetch(`${server.url}/api/v1/polls/${id}${path}`, { headers: { Cookie: sessionCookieFor(userId) } })
      await (await vote(id, campaign.publicKey!, voters[0]!.id, { [String(campaign.candidates[0]!.id)]: 'high' })).submit()
      const read = (await (await get(voters[1]!.id, '')).json()) as { state: string; progress: { returned: number; convened: number }; candidates: unknown[] }
      expect(read).toMatchObject({ state: 'open', progress: { returned: 1, convened: 2 } })
      // Nothing in the answer names who has voted: no voter field, no value that is the voter's id
      // (a substring check would trip over timestamps such as "…35.385Z").
      const keys: string[] = []
      const numbers: number[] = []
      JSON.parse(JSON.stringify(read), (key, value: unknown) => {
        keys.push(key)
        if (typeof value === 'number') numbers.push(value)
        return value
      })
      expect(keys.filter((key) => /voter|user|ballot/i.test(key))).toEqual([])
      expect(numbers).not.toContain(voters[0]!.id)
      expect((await get(voters[1]!.id, '/results')).status).toBe(404)
      const outsider = await createUser({ roles: ['delegate'] })
      expect((await get(outsider.id, '')).status).toBe(404)
      closeCampaign({ id, actor: { id: office.id } })
      expect((await get(office.id, '/results')).status).toBe(404)
      publishResults({ id, actor: { id: chair.id } })
      const results = (await (await get(voters[1]!.id, '/results')).json()) as { people: { high: number; invalid: number }[] }
      expect(results.people[0]).toMatchObject({ high: 1, invalid: 0 })
    } finally {
      await server.close()
    }
  })
})
