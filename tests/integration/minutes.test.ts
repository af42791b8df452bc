import { spawn } from 'node:child_process'
import { eq } from 'drizzle-orm'
import JSZip from 'jszip'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '#db/client'
import { issuingBodies, meetingSessions, minutes } from '#db/schema'
import { currentCheckinCode } from '~/features/live-meeting/checkin-code.server'
import { castBallot, checkIn, closeVote, controlFloor, giveFloor, markAttendance, openSession, openVote, requestToSpeak } from '~/features/live-meeting/hall.server'
import type { DocJSON, SpeechFacts, VoteFacts } from '~/features/minutes/doc'
import { minutesDocx } from '~/features/minutes/export.server'
import { approveMinutes, ensureDraft, minutesAccess, minutesForExport, minutesState, returnMinutes, saveMinutesDraft, startCorrection, submitMinutes } from '~/features/minutes/minutes.server'
import { action as draftAction } from '~/routes/meetings.$meetingId.minutes-draft'
import { loader as docxLoader } from '~/routes/meetings.$meetingId.minutes[.]docx'
import { createHallFixture, createUnit, createUser, formRequest, getRequest, sessionCookieFor, refusal } from '../factories'

const at = (base: Date, s: number) => new Date(base.getTime() + s * 1000)
const db = () => getDb()

beforeAll(() => {
  getDb().insert(issuingBodies).values({ unitId: createUnit({ name: 'Tỉnh ủy', code: 'TU_BB' }).id, style: 'party', bodyCode: 'TU', termStartYear: 2025, place: 'Hà Tĩnh' }).run()
})


/** A meeting in session with speeches and a vote recorded: member 0 spoke, member 1 replied in debate, a named vote closed, member 3 absent (sick), member 2 late. */
async function heldMeeting() {
  const t0 = new Date()
  const f = await createHallFixture({ startsAt: t0, members: 4, type: { graceMinutes: 5 } })
  openSession({ meetingId: f.meetingId, actor: { id: f.chair.id } }, { db: db(), now: t0 })
  const secret = db().select().from(meetingSessions).where(eq(meetingSessions.meetingId, f.meetingId)).get()!.checkinSecret
  const code = (when: Date) => currentCheckinCode(secret, f.meetingId, when).code
  for (const p of [f.chair, f.members[0]!, f.members[1]!]) checkIn({ meetingId: f.meetingId, userId: p.id, input: { method: 'code', code: code(t0), rulesAcknowledged: true } }, { db: db(), now: t0 })
  checkIn({ meetingId: f.meetingId, userId: f.members[2]!.id, input: { method: 'code', code: code(at(t0, 600)), rulesAcknowledged: true } }, { db: db(), now: at(t0, 600) })
  markAttendance({ meetingId: f.meetingId, userId: f.members[3]!.id, mark: { state: 'absent', reason: 'Ốm' }, actor: { id: f.office.id } }, { db: db(), now: at(t0, 10) })
  requestToSpeak({ meetingId: f.meetingId, userId: f.members[0]!.id, input: { kind: 'normal' }, actor: { id: f.members[0]!.id } }, { db: db(), now: at(t0, 20) })
  giveFloor({ meetingId: f.meetingId, speechId: null, actor: { id: f.chair.id } }, { db: db(), now: at(t0, 30) })
  requestToSpeak({ meetingId: f.meetingId, userId: f.members[1]!.id, input: { kind: 'debate' }, actor: { id: f.members[1]!.id } }, { db: db(), now: at(t0, 60) })
  giveFloor({ meetingId: f.meetingId, speechId: null, actor: { id: f.chair.id } }, { db: db(), now: at(t0, 150) })
  controlFloor({ meetingId: f.meetingId, action: { kind: 'end' }, actor: { id: f.chair.id } }, { db: db(), now: at(t0, 190) })
  const voteId = openVote({ meetingId: f.meetingId, input: { question: 'Thông qua báo cáo', secret: false }, actor: { id: f.chair.id } }, { db: db(), now: at(t0, 200) })
  for (const p of [f.chair, f.members[0]!, f.members[1]!, f.members[2]!]) castBallot({ meetingId: f.meetingId, voteId, userId: p.id, choice: 'yes' }, { db: db(), now: at(t0, 210) })
  closeVote({ meetingId: f.meetingId, voteId, actor: { id: f.chair.id } }, { db: db(), now: at(t0, 220) })
  return { ...f, t0, voteId, code }
}

const blocksOf = (doc: DocJSON, type: string) => (doc.content ?? []).filter((b) => b.type === type)
const textOf = (n: DocJSON): string => (n.type === 'text' ? (n.text ?? '') : (n.content ?? []).map(textOf).join(''))

describe('the skeleton', () => {
  it('is filled from what the room recorded: attendance, items, speeches in the order spoken with their times, the vote', async () => {
    const f = await heldMeeting()
    const draft = ensureDraft({ meetingId: f.meetingId, actor: { id: f.office.id } })!
    const doc = draft.content as DocJSON
    const attendance = blocksOf(doc, 'attendanceBlock')[0]!.attrs!.facts as { convened: number; inPerson: string[]; absent: { name: string; reason: string }[]; late: { name: string }[] }
    expect(attendance.convened).toBe(5)
    expect(attendance.inPerson.sort()).toEqual([f.chair, f.members[0]!, f.members[1]!, f.members[2]!].map((p) => p.fullName).sort())
    expect(attendance.absent).toEqual([{ name: f.members[3]!.fullName, reason: 'Ốm' }])
    expect(attendance.late.map((l) => l.name)).toEqual([f.members[2]!.fullName])
    expect(blocksOf(doc, 'itemHeading').map((b) => (b.attrs!.facts as { title: string }).title)).toEqual(['Báo cáo kinh tế - xã hội', 'Công tác cán bộ'])
    const speeches = blocksOf(doc, 'speechBlock').map((b) => b.attrs!.facts as SpeechFacts)
    expect(speeches.map((s) => [s.name, s.kind, s.spokenSeconds])).toEqual([
      [f.members[0]!.fullName, 'normal', 120],
      [f.members[1]!.fullName, 'debate', 40],
    ])
    const vote = blocksOf(doc, 'voteBlock')[0]!.attrs!.facts as VoteFacts
    expect(vote).toMatchObject({ question: 'Thông qua báo cáo', yes: 4, no: 0, present: 4, convened: 5, passed: true })
    // Item 1: heading, the two speeches, the vote, then the chair's conclusion; item 2 follows.
    const order = (doc.content ?? []).map((b) => b.type).filter((t) => t !== 'paragraph' && t !== 'heading')
    expect(order).toEqual(['openingBlock', 'attendanceBlock', 'itemHeading', 'speechBlock', 'speechBlock', 'voteBlock', 'itemConclusion', 'itemHeading', 'itemConclusion', 'closingBlock'])
    expect(blocksOf(doc, 'openingBlock')[0]!.attrs!.facts).toMatchObject({ chair: f.chair.fullName, title: 'Hội nghị Ban Chấp hành', place: 'Hội trường A', closedAt: null })
    // Closing the session fills in the closing time at the next save.
    const { closeSession } = await import('~/features/live-meeting/hall.server')
    closeSession({ meetingId: f.meetingId, actor: { id: f.chair.id } }, { db: db(), now: at(f.t0, 3600) })
    const saved = saveMinutesDraft({ meetingId: f.meetingId, input: { content: doc, baseRevision: 0 }, actor: { id: f.office.id } })
    expect((blocksOf(saved.content, 'closingBlock')[0]!.attrs!.facts as { closedAt: string }).closedAt).toMatch(/^\d\d:\d\d$/)
  })
})

describe('writing during the meeting', () => {
  it('a later speech appears at the end of its item without touching what was typed; forged facts are the room’s again', async () => {
    const f = await heldMeeting()
    const draft = ensureDraft({ meetingId: f.meetingId, actor: { id: f.office.id } })!
    const doc = structuredClone(draft.content) as DocJSON
    const content = doc.content!
    const firstSpeech = content.find((b) => b.type === 'speechBlock')!
    firstSpeech.content = [{ type: 'paragraph', content: [{ type: 'text', text: 'Đề nghị đẩy nhanh giải ngân vốn đầu tư công.' }] }]
    const conclusion = content.find((b) => b.type === 'itemConclusion')!
    conclusion.content = [{ type: 'paragraph', content: [{ type: 'text', text: 'Giao Sở Tài chính rà soát.' }] }]
    // A forged count and a speech the room never had.
    const vote = content.find((b) => b.type === 'voteBlock')!
    vote.attrs = { ...vote.attrs, facts: { ...(vote.attrs!.facts as object), yes: 999, passed: false } }
    content.splice(3, 0, { type: 'speechBlock', attrs: { speechId: 99_999, facts: { name: 'Người không phát biểu' } }, content: [{ type: 'paragraph' }] })
    const saved = saveMinutesDraft({ meetingId: f.meetingId, input: { content: doc, baseRevision: 0 }, actor: { id: f.office.id } })
    expect((blocksOf(saved.content, 'voteBlock')[0]!.attrs!.facts as VoteFacts).yes).toBe(4)
    expect(blocksOf(saved.content, 'speechBlock')).toHaveLength(2)

    // Member 2 speaks afterwards, still on item 1.
    requestToSpeak({ meetingId: f.meetingId, userId: f.members[2]!.id, input: { kind: 'normal' }, actor: { id: f.members[2]!.id } }, { db: db(), now: at(f.t0, 300) })
    giveFloor({ meetingId: f.meetingId, speechId: null, actor: { id: f.chair.id } }, { db: db(), now: at(f.t0, 310) })
    controlFloor({ meetingId: f.meetingId, action: { kind: 'end' }, actor: { id: f.chair.id } }, { db: db(), now: at(f.t0, 400) })
    const again = saveMinutesDraft({ meetingId: f.meetingId, input: { content: saved.content, baseRevision: saved.revision }, actor: { id: f.office.id } })
    const speeches = blocksOf(again.content, 'speechBlock')
    expect(speeches.map((s) => (s.attrs!.facts as SpeechFacts).name)).toEqual([f.members[0]!.fullName, f.members[1]!.fullName, f.members[2]!.fullName])
    expect(textOf(speeches[0]!)).toBe('Đề nghị đẩy nhanh giải ngân vốn đầu tư công.')
    const types = (again.content.content ?? []).map((b) => b.type)
    expect(types.indexOf('itemConclusion')).toBeGreaterThan(types.lastIndexOf('speechBlock'))
    expect(textOf(blocksOf(again.content, 'itemConclusion')[0]!)).toBe('Giao Sở Tài chính rà soát.')
    // A save from an older revision is refused, not merged over.
    expect(refusal(() => saveMinutesDraft({ meetingId: f.meetingId, input: { content: doc, baseRevision: 0 }, actor: { id: f.office.id } }))).toBe('minutes.errors.stale')
  })

  it('refuses script nodes and unsafe links, and drops handler attributes', async () => {
    const f = await heldMeeting()
    ensureDraft({ meetingId: f.meetingId, actor: { id: f.office.id } })
    const base = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] }
    expect(refusal(() => saveMinutesDraft({ meetingId: f.meetingId, input: { content: { type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] }, baseRevision: 0 }, actor: { id: f.office.id } }))).toBe('minutes.errors.invalidDocument')
    expect(refusal(() => saveMinutesDraft({ meetingId: f.meetingId, input: { content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] }, baseRevision: 0 }, actor: { id: f.office.id } }))).toBe('minutes.errors.unsafeLink')
    const saved = saveMinutesDraft({ meetingId: f.meetingId, input: { content: { ...base, content: [{ type: 'paragraph', attrs: { onerror: 'alert(1)' }, content: [{ type: 'text', text: 'x' }] }] }, baseRevision: 0 }, actor: { id: f.office.id } })
    expect(JSON.stringify(saved.content)).not.toContain('onerror')
  })
})

describe('who reads and writes', () => {
  it('a delegate cannot read or save a draft, nor download it; the minute-taker can', async () => {
    const f = await heldMeeting()
    ensureDraft({ meetingId: f.meetingId, actor: { id: f.office.id } })
    const delegate = f.members[0]!
    expect(minutesAccess({ user: delegate, meetingId: f.meetingId })).toMatchObject({ canEdit: false, canRead: false })
    const res = (await draftAction({ request: formRequest(`/meetings/${f.meetingId}/minutes-draft`, { content: '{"type":"doc"}', baseRevision: '0' }, sessionCookieFor(delegate.id)), params: { meetingId: String(f.meetingId) }, context: { ip: '127.0.0.1', cspNonce: '' } })) as Response
    expect(res.status).toBe(403)
    const download = await Promise.resolve(docxLoader({ request: getRequest(`/meetings/${f.meetingId}/minutes.docx?draft`, sessionCookieFor(delegate.id)), params: { meetingId: String(f.meetingId) }, context: { ip: '127.0.0.1', cspNonce: '' } })).catch((r: Response) => r)
    expect((download as Response).status).toBe(404)
    const outsider = await createUser({ roles: ['delegate'] })
    expect(refusal(() => minutesAccess({ user: outsider, meetingId: f.meetingId }))).toBe('minutes.errors.meetingNotFound')
    // The meeting's secretary, when there is one, or whoever the Office names, writes them.
    const taker = f.members[1]!
    const { assignTaker } = await import('~/features/minutes/minutes.server')
    assignTaker({ meetingId: f.meetingId, takerUserId: taker.id, actor: { id: f.office.id } })
    expect(minutesAccess({ user: taker, meetingId: f.meetingId }).canEdit).toBe(true)
    expect(refusal(() => assignTaker({ meetingId: f.meetingId, takerUserId: outsider.id, actor: { id: f.office.id } }))).toBe('minutes.errors.takerNotEligible')
  })
})

describe('approval and record', () => {
  it('submit, return with a comment, approve with the next BB number and the signatories; a correction keeps the number as version 2', async () => {
    const f = await heldMeeting()
    const draft = ensureDraft({ meetingId: f.meetingId, actor: { id: f.office.id } })!
    expect(refusal(() => approveMinutes({ meetingId: f.meetingId, actor: { id: f.chair.id } }))).toBe('minutes.errors.notSubmitted')
    submitMinutes({ meetingId: f.meetingId, actor: { id: f.office.id } })
    // Submitted: the minute-taker waits, the chair may still correct.
    expect(refusal(() => saveMinutesDraft({ meetingId: f.meetingId, input: { content: draft.content, baseRevision: 0 }, actor: { id: f.office.id } }))).toBe('minutes.errors.submittedLocked')
    returnMinutes({ meetingId: f.meetingId, comment: 'Bổ sung ý kiến của đồng chí Hải', actor: { id: f.chair.id } })
    expect(minutesState({ meetingId: f.meetingId }).open).toMatchObject({ status: 'draft', returnComment: 'Bổ sung ý kiến của đồng chí Hải' })
    submitMinutes({ meetingId: f.meetingId, actor: { id: f.office.id } })
    expect(refusal(() => approveMinutes({ meetingId: f.meetingId, actor: { id: f.office.id } }))).toBe('minutes.errors.chairOnly')
    const approved = approveMinutes({ meetingId: f.meetingId, actor: { id: f.chair.id } })
    expect(approved.numberFormatted).toMatch(/^Số \d+-BB\/TU$/)
    const state = minutesState({ meetingId: f.meetingId })
    expect(state.open).toBeNull()
    expect(state.approved).toMatchObject({ status: 'approved', numberFormatted: approved.numberFormatted, version: 1, signatories: { chair: { name: f.chair.fullName } } })
    expect(state.approved!.html).toContain('Thông qua báo cáo')
    expect(state.approved!.html).not.toContain('<script')

    startCorrection({ meetingId: f.meetingId, reason: 'Sửa tên người phát biểu', actor: { id: f.office.id } })
    submitMinutes({ meetingId: f.meetingId, actor: { id: f.office.id } })
    const corrected = approveMinutes({ meetingId: f.meetingId, actor: { id: f.chair.id } })
    expect(corrected).toMatchObject({ numberFormatted: approved.numberFormatted, version: 2 })
    const history = minutesState({ meetingId: f.meetingId }).history
    expect(history.map((h) => [h.status, h.version])).toEqual([
      ['approved', 2],
      ['superseded', 1],
    ])
  })

  it('two processes approving at the same moment get consecutive numbers', async () => {
    const meetings = [await heldMeeting(), await heldMeeting()]
    for (const m of meetings) {
      ensureDraft({ meetingId: m.meetingId, actor: { id: m.office.id } })
      submitMinutes({ meetingId: m.meetingId, actor: { id: m.office.id } })
    }
    const startAt = Date.now() + 1500
    const run = (meetingId: number, chairId: number) =>
      new Promise<{ numberFormatted: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/approve-minutes.ts', process.env.DATABASE_PATH!, String(meetingId), String(chairId), String(startAt)], { stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        let err = ''
        child.stdout.on('data', (d: Buffer) => (out += d))
        child.stderr.on('data', (d: Buffer) => (err += d))
        child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { numberFormatted: string }) : reject(new Error(err))))
      })
    const results = await Promise.all(meetings.map((m) => run(m.meetingId, m.chair.id)))
    const numbers = results.map((r) => Number(/Số (\d+)/.exec(r.numberFormatted)![1])).sort((a, b) => a - b)
    expect(numbers[1]! - numbers[0]!).toBe(1)
    const stored = getDb().select({ n: minutes.numberFormatted }).from(minutes).where(eq(minutes.status, 'approved')).all().map((r) => r.n)
    expect(new Set(stored).size).toBe(stored.length)
  }, 60_000)

  it('the DOCX opens with a real parser: the Party layout, the record, the signature blocks, Times New Roman', async () => {
    const f = await heldMeeting()
    ensureDraft({ meetingId: f.meetingId, actor: { id: f.office.id } })
    submitMinutes({ meetingId: f.meetingId, actor: { id: f.office.id } })
    const { numberFormatted } = approveMinutes({ meetingId: f.meetingId, actor: { id: f.chair.id } })
    const zip = await JSZip.loadAsync(await minutesDocx(minutesForExport({ meetingId: f.meetingId, which: 'approved' })!))
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = xml.replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '')
    for (const expected of ['ĐẢNG CỘNG SẢN VIỆT NAM', numberFormatted, 'BIÊN BẢN', 'Hội nghị Ban Chấp hành', 'Thành viên được triệu tập: 5 đồng chí', f.members[0]!.fullName, 'Thông qua báo cáo', 'Kết luận của đồng chí chủ trì:', 'THƯ KÝ', 'CHỦ TRÌ', f.chair.fullName]) expect(text).toContain(expected)
    expect(xml).toContain('w:ascii="Times New Roman"')
  })
})

describe('the API', () => {
  it('reads approved minutes (JSON and the DOCX/PDF files) by the page’s rules', async () => {
    const { startTestServer } = await import('../setup/server')
    const { setMinutesShared } = await import('~/features/minutes/minutes.server')
    const server = await startTestServer()
    try {
      const f = await heldMeeting()
      const get = (userId: number, path: string) => fetch(`${server.url}/api/v1/meetings/${f.meetingId}${path}`, { headers: { Cookie: sessionCookieFor(userId) } })
      ensureDraft({ meetingId: f.meetingId, actor: { id: f.office.id } })
      expect((await get(f.office.id, '/minutes')).status).toBe(404)
      submitMinutes({ meetingId: f.meetingId, actor: { id: f.office.id } })
      const { numberFormatted } = approveMinutes({ meetingId: f.meetingId, actor: { id: f.chair.id } })
      const body = (await (await get(f.office.id, '/minutes')).json()) as { numberFormatted: string; html: string; signatories: { chair: { name: string } } }
      expect(body).toMatchObject({ numberFormatted, signatories: { chair: { name: f.chair.fullName } } })
      expect(body.html).toContain('Thông qua báo cáo')
      // A participant reads them only once shared.
      expect((await get(f.members[0]!.id, '/minutes')).status).toBe(404)
      setMinutesShared({ meetingId: f.meetingId, shared: true, actor: { id: f.office.id } })
      expect((await get(f.members[0]!.id, '/minutes')).status).toBe(200)
      const docx = await get(f.members[0]!.id, '/minutes/file?format=docx')
      expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      const zip = await JSZip.loadAsync(await docx.arrayBuffer())
      expect(await zip.file('word/document.xml')!.async('string')).toContain('BIÊN BẢN')
      const pdf = await get(f.members[0]!.id, '/minutes/file?format=pdf')
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-')
    } finally {
      await server.close()
    }
  })
})
