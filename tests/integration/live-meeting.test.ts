import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '#db/client'
import { attendance, meetings, meetingSessions, speeches, votes } from '#db/schema'
import { checkinCodeFor, codeWindow, currentCheckinCode } from '~/features/live-meeting/checkin-code.server'
import { speechClock } from '~/features/live-meeting/clock'
import {
  castBallot,
  checkIn,
  closeExpiredVotes,
  closeSession,
  closeVote,
  controlFloor,
  giveFloor,
  goToItem,
  leaveEarly,
  markAttendance,
  openSession,
  openVote,
  requestToSpeak,
  resumeSession,
  setSpeakersListClosed,
  suspendSession,
} from '~/features/live-meeting/hall.server'
import { hallView } from '~/features/live-meeting/view.server'
import { createHallFixture, refusal } from '../factories'

const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000)


function codeAt(meetingId: number, when: Date) {
  const secret = getDb().select().from(meetingSessions).where(eq(meetingSessions.meetingId, meetingId)).get()!.checkinSecret
  return currentCheckinCode(secret, meetingId, when).code
}

/** A session opened at `t0` with everyone (chair and members) checked in by code. */
async function openHall(options: Parameters<typeof createHallFixture>[0] = {}) {
  const t0 = new Date()
  const fixture = await createHallFixture({ startsAt: t0, ...options })
  openSession({ meetingId: fixture.meetingId, actor: { id: fixture.chair.id } }, { now: t0 })
  for (const person of [fixture.chair, ...fixture.members]) {
    checkIn({ meetingId: fixture.meetingId, userId: person.id, input: { method: 'code', code: codeAt(fixture.meetingId, t0), rulesAcknowledged: true } }, { now: t0 })
  }
  return { ...fixture, t0 }
}

describe('the session', () => {
  it('opens (meeting in session, first item current), suspends, resumes and closes (meeting held), with the instants recorded', async () => {
    const t0 = new Date()
    const { meetingId, chair } = await createHallFixture({ startsAt: t0 })
    expect(refusal(() => resumeSession({ meetingId, actor: { id: chair.id } }, { now: t0 }))).toBe('live.errors.notOpen')
    openSession({ meetingId, actor: { id: chair.id } }, { now: t0 })
    expect(getDb().select().from(meetings).where(eq(meetings.id, meetingId)).get()!.status).toBe('in_session')
    expect(refusal(() => openSession({ meetingId, actor: { id: chair.id } }, { now: t0 }))).toBe('live.errors.alreadyOpen')
    let view = hallView({ meetingId })!
    expect(view.session).toMatchObject({ state: 'open', openedAt: t0.getTime(), currentItemId: view.agenda[0]!.id })

    suspendSession({ meetingId, actor: { id: chair.id } }, { now: at(t0, 60) })
    resumeSession({ meetingId, actor: { id: chair.id } }, { now: at(t0, 90) })
    goToItem({ meetingId, target: 'next', actor: { id: chair.id } }, { now: at(t0, 120) })
    view = hallView({ meetingId })!
    // The first item ran 0–60 s and 90–120 s; the 30 s suspension is not its time.
    expect(view.agenda[0]!.usedMs).toBe(90_000)
    expect(view.session).toMatchObject({ suspendedMs: 30_000, currentItemId: view.agenda[1]!.id })
    expect(refusal(() => goToItem({ meetingId, target: 'next', actor: { id: chair.id } }, { now: at(t0, 121) }))).toBe('live.errors.noNextItem')

    closeSession({ meetingId, actor: { id: chair.id } }, { now: at(t0, 600) })
    expect(getDb().select().from(meetings).where(eq(meetings.id, meetingId)).get()!.status).toBe('held')
    expect(hallView({ meetingId })!.session).toMatchObject({ state: 'closed', closedAt: at(t0, 600).getTime() })
    expect(refusal(() => openSession({ meetingId, actor: { id: chair.id } }, { now: at(t0, 601) }))).toBe('live.errors.closed')
  })

  it('does not open more than two hours before the start, nor a meeting whose invitations did not go out', async () => {
    const startsAt = new Date(Date.now() + 3 * 3600_000)
    const { meetingId, chair } = await createHallFixture({ startsAt })
    expect(refusal(() => openSession({ meetingId, actor: { id: chair.id } }))).toBe('live.errors.tooEarly')
    getDb().update(meetings).set({ status: 'postponed' }).where(eq(meetings.id, meetingId)).run()
    expect(refusal(() => openSession({ meetingId, actor: { id: chair.id } }, { now: startsAt }))).toBe('live.errors.notInvited')
  })
})

describe('attendance', () => {
  it('checks in by the current code only, with the rules acknowledged; late after the grace minutes; a second check-in changes nothing', async () => {
    const t0 = new Date()
    const { meetingId, chair, members, type } = await createHallFixture({ startsAt: t0, type: { graceMinutes: 10 } })
    expect(refusal(() => checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: '123456', rulesAcknowledged: true } }, { now: t0 }))).toBe('live.errors.notOpen')
    openSession({ meetingId, actor: { id: chair.id } }, { now: t0 })
    const late = at(t0, 11 * 60)
    const stale = codeAt(meetingId, at(late, -60)) // two windows ago
    expect(stale).not.toBe(codeAt(meetingId, late))
    expect(refusal(() => checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: stale, rulesAcknowledged: true } }, { now: late }))).toBe('live.errors.codeExpired')
    expect(refusal(() => checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: codeAt(meetingId, late), rulesAcknowledged: false } }, { now: late }))).toBe('live.errors.rulesRequired')
    expect(getDb().select().from(attendance).where(eq(attendance.meetingId, meetingId)).all()).toHaveLength(0)

    // The code of the window before is still good (a scan at the turn of a window).
    const previous = codeAt(meetingId, at(late, -30))
    expect(checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: previous, rulesAcknowledged: true } }, { now: late })).toEqual({ already: false, state: 'present' })
    expect(checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: codeAt(meetingId, late), rulesAcknowledged: true } }, { now: at(late, 5) })).toMatchObject({ already: true })
    checkIn({ meetingId, userId: members[1]!.id, input: { method: 'link', rulesAcknowledged: true } }, { now: at(t0, 5 * 60) })
    const rows = getDb().select().from(attendance).where(eq(attendance.meetingId, meetingId)).all()
    expect(rows.map((r) => ({ userId: r.userId, state: r.state, late: r.late, ack: r.rulesAcknowledgedAt != null }))).toEqual([
      { userId: members[0]!.id, state: 'present', late: true, ack: true },
      { userId: members[1]!.id, state: 'online', late: false, ack: true },
    ])
    expect(rows[0]!.arrivedAt!.getTime()).toBe(late.getTime())
    expect(type.graceMinutes).toBe(10)

    leaveEarly({ meetingId, userId: members[0]!.id, reason: 'Đi công tác' }, { now: at(t0, 3600) })
    markAttendance({ meetingId, userId: members[2]!.id, mark: { state: 'absent', reason: 'Ốm' }, actor: { id: chair.id } }, { now: at(t0, 60) })
    expect(refusal(() => markAttendance({ meetingId, userId: members[3]!.id, mark: { state: 'absent' }, actor: { id: chair.id } }))).toBe('live.errors.reasonRequired')
    const view = hallView({ meetingId })!
    // 5 convened (chair + 4), present: member 1 online only (member 0 left, member 2 absent).
    expect(view.attendance).toMatchObject({ convened: 5, presentMembers: 1, online: 1, inPerson: 0, late: 1, left: 1, quorumNeeded: 4, quorumMet: false })
  })

  it('refuses a code check-in for an online meeting and an online check-in for one in person', async () => {
    const t0 = new Date()
    const online = await createHallFixture({ startsAt: t0, mode: 'online' })
    openSession({ meetingId: online.meetingId, actor: { id: online.chair.id } }, { now: t0 })
    expect(refusal(() => checkIn({ meetingId: online.meetingId, userId: online.members[0]!.id, input: { method: 'code', code: codeAt(online.meetingId, t0), rulesAcknowledged: true } }, { now: t0 }))).toBe('live.errors.onlineOnly')
    const hall = await createHallFixture({ startsAt: t0, mode: 'in_person' })
    openSession({ meetingId: hall.meetingId, actor: { id: hall.chair.id } }, { now: t0 })
    expect(refusal(() => checkIn({ meetingId: hall.meetingId, userId: hall.members[0]!.id, input: { method: 'link', rulesAcknowledged: true } }, { now: t0 }))).toBe('live.errors.notOnline')
  })

  it('the codes change every 30 seconds', () => {
    const secret = 'a'.repeat(64)
    const t = Date.UTC(2026, 11, 1, 8, 0, 0)
    expect(codeWindow(t + 29_999)).toBe(codeWindow(t))
    expect(checkinCodeFor(secret, 1, codeWindow(t))).not.toBe(checkinCodeFor(secret, 1, codeWindow(t + 30_000)))
    expect(checkinCodeFor(secret, 1, codeWindow(t))).toMatch(/^\d{6}$/)
  })
})

describe('speakers', () => {
  it('debate requests go ahead of the queue in the order asked; one waiting request per person; a closed list takes none', async () => {
    const { meetingId, chair, members, t0 } = await openHall()
    const [a, b, c, d] = members as [(typeof members)[number], (typeof members)[number], (typeof members)[number], (typeof members)[number]]
    requestToSpeak({ meetingId, userId: a.id, input: { kind: 'normal' }, actor: { id: a.id } }, { now: at(t0, 1) })
    requestToSpeak({ meetingId, userId: b.id, input: { kind: 'normal', note: 'Về ngân sách' }, actor: { id: b.id } }, { now: at(t0, 2) })
    expect(refusal(() => requestToSpeak({ meetingId, userId: b.id, input: { kind: 'normal' }, actor: { id: b.id } }, { now: at(t0, 3) }))).toBe('live.errors.alreadyWaiting')
    expect(refusal(() => requestToSpeak({ meetingId, userId: c.id, input: { kind: 'debate' }, actor: { id: c.id } }, { now: at(t0, 3) }))).toBe('live.errors.debateNeedsSpeaker')
    giveFloor({ meetingId, speechId: null, actor: { id: chair.id } }, { now: at(t0, 10) })
    expect(hallView({ meetingId })!.floor).toMatchObject({ userId: a.id, kind: 'normal', state: 'speaking' })
    requestToSpeak({ meetingId, userId: d.id, input: { kind: 'debate' }, actor: { id: d.id } }, { now: at(t0, 20) })
    requestToSpeak({ meetingId, userId: c.id, input: { kind: 'debate' }, actor: { id: c.id } }, { now: at(t0, 21) })
    expect(refusal(() => requestToSpeak({ meetingId, userId: a.id, input: { kind: 'debate' }, actor: { id: a.id } }, { now: at(t0, 22) }))).toBe('live.errors.debateOwnSpeech')
    expect(hallView({ meetingId })!.queue.map((q) => [q.userId, q.kind])).toEqual([
      [d.id, 'debate'],
      [c.id, 'debate'],
      [b.id, 'normal'],
    ])
    // The next speaker is the first debate reply, with the type's debate limit (60 s).
    giveFloor({ meetingId, speechId: null, actor: { id: chair.id } }, { now: at(t0, 30) })
    expect(hallView({ meetingId })!.floor).toMatchObject({ userId: d.id, kind: 'debate', limitMs: 60_000 })
    setSpeakersListClosed({ meetingId, closed: true, actor: { id: chair.id } })
    expect(refusal(() => requestToSpeak({ meetingId, userId: a.id, input: { kind: 'normal' }, actor: { id: a.id } }, { now: at(t0, 40) }))).toBe('live.errors.listClosed')
    // Whoever runs the meeting still adds someone to a closed list.
    requestToSpeak({ meetingId, userId: a.id, input: { kind: 'normal' }, actor: { id: chair.id, runs: true } }, { now: at(t0, 41) })
    expect(hallView({ meetingId })!.queue.map((q) => q.userId)).toEqual([c.id, b.id, a.id])
  })

  it('a floor given to someone not present is refused and changes nothing', async () => {
    const t0 = new Date()
    const { meetingId, chair, members } = await createHallFixture({ startsAt: t0 })
    openSession({ meetingId, actor: { id: chair.id } }, { now: t0 })
    requestToSpeak({ meetingId, userId: members[0]!.id, input: { kind: 'normal' }, actor: { id: chair.id, runs: true } }, { now: t0 })
    expect(refusal(() => requestToSpeak({ meetingId, userId: members[1]!.id, input: { kind: 'normal' }, actor: { id: members[1]!.id } }, { now: t0 }))).toBe('live.errors.checkInFirst')
    expect(refusal(() => giveFloor({ meetingId, speechId: null, actor: { id: chair.id } }, { now: t0 }))).toBe('live.errors.speakerNotPresent')
    expect(getDb().select({ state: speeches.state }).from(speeches).where(eq(speeches.meetingId, meetingId)).all()).toEqual([{ state: 'waiting' }])
  })

  it('keeps the countdown as instants: pause stores what is left, resume and added time move the end; the time spoken excludes pauses', async () => {
    const { meetingId, chair, members, t0, type } = await openHall()
    requestToSpeak({ meetingId, userId: members[0]!.id, input: { kind: 'normal' }, actor: { id: members[0]!.id } }, { now: t0 })
    giveFloor({ meetingId, speechId: null, actor: { id: chair.id } }, { now: at(t0, 10) })
    const limit = type.speakingLimitMinutes * 60_000
    let floor = getDb().select().from(speeches).where(eq(speeches.meetingId, meetingId)).get()!
    expect(floor.endsAt!.getTime()).toBe(at(t0, 10).getTime() + limit)

    controlFloor({ meetingId, action: { kind: 'pause' }, actor: { id: chair.id } }, { now: at(t0, 70) })
    floor = getDb().select().from(speeches).where(eq(speeches.meetingId, meetingId)).get()!
    expect({ state: floor.state, endsAt: floor.endsAt, remainingMs: floor.remainingMs, spokenMs: floor.spokenMs }).toEqual({ state: 'paused', endsAt: null, remainingMs: limit - 60_000, spokenMs: 60_000 })
    controlFloor({ meetingId, action: { kind: 'addTime', seconds: 30 }, actor: { id: chair.id } }, { now: at(t0, 80) })
    controlFloor({ meetingId, action: { kind: 'resume' }, actor: { id: chair.id } }, { now: at(t0, 100) })
    floor = getDb().select().from(speeches).where(eq(speeches.meetingId, meetingId)).get()!
    expect(floor.endsAt!.getTime()).toBe(at(t0, 100).getTime() + limit - 60_000 + 30_000)
    controlFloor({ meetingId, action: { kind: 'addTime', seconds: 60 }, actor: { id: chair.id } }, { now: at(t0, 110) })
    floor = getDb().select().from(speeches).where(eq(speeches.meetingId, meetingId)).get()!
    expect(floor.limitMs).toBe(limit + 90_000)
    // Every client computes the same display from these instants and the server clock.
    const view = hallView({ meetingId })!.floor!
    expect(speechClock(view, at(t0, 120).getTime())).toMatchObject({ remainingMs: limit - 60_000 + 90_000 - 20_000, spokenMs: 80_000, phase: 'normal' })
    expect(speechClock(view, floor.endsAt!.getTime() + 5000)).toMatchObject({ overrunMs: 5000, phase: 'over' })
    expect(speechClock(view, floor.endsAt!.getTime() - 10_000)).toMatchObject({ phase: 'warning' })

    // Suspending the session pauses the speech; it resumes only when the session does.
    suspendSession({ meetingId, actor: { id: chair.id } }, { now: at(t0, 130) })
    expect(refusal(() => controlFloor({ meetingId, action: { kind: 'resume' }, actor: { id: chair.id } }, { now: at(t0, 131) }))).toBe('live.errors.suspended')
    resumeSession({ meetingId, actor: { id: chair.id } }, { now: at(t0, 140) })
    controlFloor({ meetingId, action: { kind: 'resume' }, actor: { id: chair.id } }, { now: at(t0, 140) })
    controlFloor({ meetingId, action: { kind: 'end' }, actor: { id: chair.id } }, { now: at(t0, 150) })
    const done = getDb().select().from(speeches).where(eq(speeches.meetingId, meetingId)).get()!
    expect({ state: done.state, spokenMs: done.spokenMs }).toEqual({ state: 'done', spokenMs: 60_000 + 30_000 + 10_000 })
    const totals = hallView({ meetingId })!
    expect(totals.totals).toEqual([{ userId: members[0]!.id, name: members[0]!.fullName, spokenMs: 100_000, speeches: 1 }])
    expect(totals.agenda[0]).toMatchObject({ spokenMs: 100_000, speeches: 1 })
  })
})

describe('votes', () => {
  it('a named vote: entitled present members vote once; a late ballot is refused; results, pass and the quorum at the close are recorded', async () => {
    const { meetingId, chair, members, office, t0 } = await openHall({ members: 5 })
    // 6 convened (chair + 5), all present; one leaves before the vote.
    leaveEarly({ meetingId, userId: members[4]!.id, reason: 'Việc gấp' }, { now: at(t0, 5) })
    const voteId = openVote({ meetingId, input: { question: 'Thông qua Nghị quyết', secret: false }, actor: { id: chair.id } }, { now: at(t0, 10) })
    expect(refusal(() => openVote({ meetingId, input: { question: 'Hai', secret: false }, actor: { id: chair.id } }, { now: at(t0, 11) }))).toBe('live.errors.voteAlreadyOpen')
    castBallot({ meetingId, voteId, userId: chair.id, choice: 'yes' }, { now: at(t0, 12) })
    castBallot({ meetingId, voteId, userId: members[0]!.id, choice: 'yes' }, { now: at(t0, 12) })
    castBallot({ meetingId, voteId, userId: members[1]!.id, choice: 'yes' }, { now: at(t0, 12) })
    castBallot({ meetingId, voteId, userId: members[2]!.id, choice: 'yes' }, { now: at(t0, 12) })
    castBallot({ meetingId, voteId, userId: members[3]!.id, choice: 'no' }, { now: at(t0, 13) })
    expect(refusal(() => castBallot({ meetingId, voteId, userId: members[3]!.id, choice: 'yes' }, { now: at(t0, 14) }))).toBe('live.errors.alreadyVoted')
    expect(refusal(() => castBallot({ meetingId, voteId, userId: members[4]!.id, choice: 'yes' }, { now: at(t0, 14) }))).toBe('live.errors.notEntitled')
    expect(refusal(() => castBallot({ meetingId, voteId, userId: office.id, choice: 'yes' }, { now: at(t0, 14) }))).toBe('live.errors.notParticipant')
    const open = hallView({ meetingId })!.votes[0]!
    expect(open).toMatchObject({ state: 'open', cast: 5, entitled: 5, results: null, ballots: null })

    closeVote({ meetingId, voteId, actor: { id: chair.id } }, { now: at(t0, 20) })
    expect(refusal(() => castBallot({ meetingId, voteId, userId: members[4]!.id, choice: 'yes' }, { now: at(t0, 21) }))).toBe('live.errors.voteClosed')
    const closed = hallView({ meetingId })!.votes[0]!
    // Passes: 4 yes > half of the 6 convened; 5 present ≥ 4 needed for the quorum.
    expect(closed.results).toEqual({ yes: 4, no: 1, abstain: 0, passed: true, convened: 6, presentAtClose: 5, quorumNeeded: 4, quorumMet: true })
    expect(closed.ballots!.find((b) => b.userId === members[3]!.id)).toMatchObject({ choice: 'no' })
  })

  it('fails without the quorum even with every present member for it; closes by itself at its set time', async () => {
    const t0 = new Date()
    const { meetingId, chair, members } = await createHallFixture({ startsAt: t0, members: 5 })
    openSession({ meetingId, actor: { id: chair.id } }, { now: t0 })
    for (const p of [chair, members[0]!, members[1]!]) checkIn({ meetingId, userId: p.id, input: { method: 'code', code: codeAt(meetingId, t0), rulesAcknowledged: true } }, { now: t0 })
    const voteId = openVote({ meetingId, input: { question: 'Biểu quyết', secret: false, passRule: 'half_of_present', closesInMinutes: 1 }, actor: { id: chair.id } }, { now: t0 })
    for (const p of [chair, members[0]!, members[1]!]) castBallot({ meetingId, voteId, userId: p.id, choice: 'yes' }, { now: at(t0, 5) })
    expect(closeExpiredVotes({ now: at(t0, 59) })).toBe(0)
    expect(refusal(() => castBallot({ meetingId, voteId, userId: members[0]!.id, choice: 'no' }, { now: at(t0, 60) }))).toBe('live.errors.voteClosed')
    expect(closeExpiredVotes({ now: at(t0, 61) })).toBe(1)
    const vote = getDb().select().from(votes).where(eq(votes.id, voteId)).get()!
    expect({ state: vote.state, yes: vote.yes, presentAtClose: vote.presentAtClose, quorumNeeded: vote.quorumNeeded, quorumMet: vote.quorumMet, passed: vote.passed }).toEqual({ state: 'closed', yes: 3, presentAtClose: 3, quorumNeeded: 4, quorumMet: false, passed: false })
  })

  it('a secret vote: no row of any table written during the vote pairs a voter with a choice, and no order does either', async () => {
    const { meetingId, chair, members, t0 } = await openHall({ members: 6 })
    const db = getDb()
    const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[]
    const dump = () => new Map(tables.map(({ name }) => [name, new Set((db.$client.prepare(`select * from "${name}"`).all() as object[]).map((r) => JSON.stringify(r)))]))
    const before = dump()
    const voteId = openVote({ meetingId, input: { question: 'Biểu quyết kín nhân sự', secret: true }, actor: { id: chair.id } }, { db, now: at(t0, 10) })
    // Cast in an order unlike the ids', with choices that differ per person.
    const order = [members[5]!, members[0]!, members[3]!, chair, members[2]!, members[1]!, members[4]!]
    const choices = ['no', 'yes', 'abstain', 'yes', 'no', 'yes', 'yes'] as const
    order.forEach((p, i) => castBallot({ meetingId, voteId, userId: p.id, choice: choices[i]! }, { db, now: at(t0, 20 + i) }))
    const whileOpen = hallView({ meetingId })!.votes[0]!
    expect({ cast: whileOpen.cast, results: whileOpen.results, ballots: whileOpen.ballots }).toEqual({ cast: 7, results: null, ballots: null })
    closeVote({ meetingId, voteId, actor: { id: chair.id } }, { db, now: at(t0, 40) })
    const after = dump()

    const voterIds = new Set(order.map((p) => p.id))
    const written: { table: string; row: Record<string, unknown> }[] = []
    for (const [table, rows] of after) for (const row of rows) if (!before.get(table)?.has(row)) written.push({ table, row: JSON.parse(row) })
    const choiceRows = written.filter(({ row }) => Object.values(row).some((v) => v === 'yes' || v === 'no' || v === 'abstain'))
    expect(choiceRows.length).toBe(7)
    for (const { table, row } of choiceRows) {
      expect(table).toBe('secret_ballots')
      expect(Object.keys(row).sort()).toEqual(['ballot_key', 'choice', 'vote_id'])
      expect(String(row.ballot_key)).toMatch(/^[a-z2-7]{26}$/)
    }
    // Rows naming a voter hold no choice and no time, and sit in id order, not in the order cast.
    const voterRows = written.filter(({ table }) => table === 'vote_voters')
    expect(voterRows.map(({ row }) => row.user_id)).toEqual([...voterIds].sort((x, y) => x - y))
    expect(voterRows.every(({ row }) => Object.keys(row).sort().join() === 'user_id,vote_id')).toBe(true)
    // Neither table has a rowid that would keep the insertion order.
    expect(() => db.$client.prepare('select rowid from secret_ballots').all()).toThrow()
    expect(() => db.$client.prepare('select rowid from vote_voters').all()).toThrow()
    // The audit log says a vote opened and closed, nothing about who voted.
    const auditRows = written.filter(({ table }) => table === 'audit_log')
    expect(auditRows.every(({ row }) => !String(row.after ?? '').match(/choice|yes|"no"|abstain/))).toBe(true)
    expect(hallView({ meetingId })!.votes[0]!.results).toMatchObject({ yes: 4, no: 2, abstain: 1, passed: true })
  })
})

describe('closing with a vote open', () => {
  it('closes the vote with its tally and ends the speech on the floor', async () => {
    const { meetingId, chair, members, t0 } = await openHall()
    requestToSpeak({ meetingId, userId: members[0]!.id, input: { kind: 'normal' }, actor: { id: members[0]!.id } }, { now: t0 })
    giveFloor({ meetingId, speechId: null, actor: { id: chair.id } }, { now: at(t0, 1) })
    const voteId = openVote({ meetingId, input: { question: 'Q', secret: false }, actor: { id: chair.id } }, { now: at(t0, 2) })
    castBallot({ meetingId, voteId, userId: members[1]!.id, choice: 'yes' }, { now: at(t0, 3) })
    closeSession({ meetingId, actor: { id: chair.id } }, { now: at(t0, 30) })
    const view = hallView({ meetingId })!
    expect(view.floor).toBeNull()
    expect(view.votes[0]).toMatchObject({ state: 'closed', results: { yes: 1 } })
  })
})

describe('guessing the check-in code', () => {
  it('after five wrong codes in five minutes even the right one is refused until the window passes', async () => {
    const t0 = new Date()
    const { meetingId, chair, members } = await createHallFixture({ startsAt: t0 })
    openSession({ meetingId, actor: { id: chair.id } }, { now: t0 })
    const right = codeAt(meetingId, t0)
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0')
    for (let i = 0; i < 5; i++) expect(refusal(() => checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: wrong, rulesAcknowledged: true } }, { now: at(t0, i) }))).toBe('live.errors.codeExpired')
    expect(refusal(() => checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: right, rulesAcknowledged: true } }, { now: at(t0, 6) }))).toBe('live.errors.tooManyCodes')
    // Someone else is not held back, and the window passes.
    expect(checkIn({ meetingId, userId: members[1]!.id, input: { method: 'code', code: right, rulesAcknowledged: true } }, { now: at(t0, 7) })).toMatchObject({ already: false })
    const later = at(t0, 301)
    expect(checkIn({ meetingId, userId: members[0]!.id, input: { method: 'code', code: codeAt(meetingId, later), rulesAcknowledged: true } }, { now: later })).toMatchObject({ already: false })
  })
})
