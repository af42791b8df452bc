import { spawn } from 'node:child_process'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { type DocJSON, getConclusionState, issueConclusion, listVersions, nameLookup, renderConclusionHtml, sanitizeConclusion, saveDraft, startCorrection, TaskBlocksInvalid, taskSentence } from '~/features/conclusions/index.server'
import { DomainError } from '~/core/errors'
import { createMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { getTask, listTasks } from '~/features/tasks/index.server'
import { getDb } from '#db/client'
import { issuingBodies, meetings, notifications, taskEvents } from '#db/schema'
import { createMeetingType, createUnit, createUser } from '../factories'

let lead: ReturnType<typeof createUnit>
let coord: ReturnType<typeof createUnit>
let chair: Awaited<ReturnType<typeof createUser>>
let office: Awaited<ReturnType<typeof createUser>>
let officer: Awaited<ReturnType<typeof createUser>>
let meetingType: ReturnType<typeof createMeetingType>

beforeAll(async () => {
  lead = createUnit({ name: 'Ban Tổ chức Tỉnh ủy', code: 'BTC_CL' })
  coord = createUnit({ name: 'Sở Nội vụ', code: 'SNV_CL' })
  chair = await createUser({ roles: ['chair'], fullName: 'Nguyễn Văn Chủ' })
  office = await createUser({ roles: ['office'] })
  officer = await createUser({ roles: ['unit_officer'], unitId: lead.id })
  meetingType = createMeetingType({ conclusionDeadlineDays: 5 })
  getDb().insert(issuingBodies).values({ unitId: createUnit({ name: 'Tỉnh ủy', code: 'TU_CL' }).id, style: 'party', bodyCode: 'TU', termStartYear: 2025, place: 'Hà Tĩnh' }).run()
})

/** A meeting held on Monday 1 June 2026. */
function meeting(day = '2026-06-01') {
  return createMeeting({ input: { title: `Họp ${Math.random()}`, meetingTypeId: meetingType.id, programmeItemId: null, offProgrammeReason: 'x', urgent: false, chairUserId: chair.id, startsAt: vietnamInstant(day, '08:00'), endsAt: vietnamInstant(day, '11:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: office.id } })
}

const task = (id: string, over: Record<string, unknown> = {}) => ({
  type: 'taskBlock',
  attrs: { id, content: 'rà soát quy hoạch cán bộ', leadUnitId: lead.id, coordinatingUnitIds: [coord.id], deadline: '2026-06-30', standingCycle: null, followingLeaderId: chair.id, ...over },
})
const doc = (...blocks: DocJSON[]): DocJSON => ({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Về công tác cán bộ' }] }, ...blocks] })
const issueInput = (baseRevision: number) => ({ baseRevision, summary: 'về công tác cán bộ', signerTitle: 'PHÓ BÍ THƯ THƯỜNG TRỰC', signerName: 'Nguyễn Văn Chủ', recipientUnitIds: [], otherRecipients: ['Lưu Văn phòng Tỉnh ủy'] })
const at = (iso: string) => new Date(`${iso}T09:00:00+07:00`)

describe('the stored document is checked against the editor’s schema', () => {
  it('refuses a script node', () => {
    expect(() => sanitizeConclusion({ type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] })).toThrow('conclusion.invalidDocument')
  })

  it('drops event-handler attributes and escapes markup typed as text', () => {
    const clean = sanitizeConclusion({
      type: 'doc',
      content: [{ type: 'paragraph', attrs: { onerror: 'alert(1)', style: 'x' }, content: [{ type: 'text', text: '<img src=x onerror=alert(1)><script>alert(2)</script>' }] }],
    })
    expect(JSON.stringify(clean)).not.toContain('onerror":')
    const html = renderConclusionHtml(clean, nameLookup())
    expect(html).not.toMatch(/<script|<img/i)
    expect(html).toContain('&lt;script&gt;')
  })

  it('refuses javascript: links and keeps web links', () => {
    const link = (href: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'xem', marks: [{ type: 'link', attrs: { href } }] }] }] })
    expect(() => sanitizeConclusion(link('javascript:alert(1)'))).toThrow('conclusion.unsafeLink')
    expect(() => sanitizeConclusion(link(' JaVaScRiPt:alert(1)'))).toThrow('conclusion.unsafeLink')
    expect(renderConclusionHtml(sanitizeConclusion(link('https://example.vn/a')))).toContain('href="https://example.vn/a"')
  })

  it('renders a task block as the sentence of the notice', () => {
    const html = renderConclusionHtml(sanitizeConclusion(doc(task('t1'))))
    expect(html).toContain('Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ rà soát quy hoạch cán bộ, hoàn thành trước ngày 30/6/2026. (Đồng chí Nguyễn Văn Chủ theo dõi.)')
  })
})

describe('drafts save and keep versions', () => {
  it('creates the draft, coalesces quick autosaves by one person, and adds a version for another', () => {
    const m = meeting()
    const t0 = at('2026-06-01')
    const first = saveDraft({ meetingId: m, who: { id: office.id }, input: { content: doc(), summary: 'a', baseRevision: 0 } }, { now: t0 })
    const second = saveDraft({ meetingId: m, who: { id: office.id }, input: { content: doc(task('t1')), summary: 'b', baseRevision: first.revision } }, { now: new Date(t0.getTime() + 60_000) })
    expect(listVersions({ conclusionId: first.conclusionId })).toHaveLength(1)
    const third = saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(task('t1'), task('t2')), summary: 'c', baseRevision: second.revision } }, { now: new Date(t0.getTime() + 120_000) })
    const versions = listVersions({ conclusionId: first.conclusionId })
    expect(versions.map((v) => [v.revision, v.savedByName])).toEqual([
      [3, 'Nguyễn Văn Chủ'],
      [2, expect.any(String)],
    ])
    expect(third.revision).toBe(3)
  })

  it('refuses a save made from a stale revision instead of overwriting', () => {
    const m = meeting()
    const first = saveDraft({ meetingId: m, who: { id: office.id }, input: { content: doc(), summary: 'a', baseRevision: 0 } })
    saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(), summary: 'chair', baseRevision: first.revision } })
    expect(() => saveDraft({ meetingId: m, who: { id: office.id }, input: { content: doc(), summary: 'office', baseRevision: first.revision } })).toThrow('conclusion.conflict')
    expect(getConclusionState({ meetingId: m }).draft!.summary).toBe('chair')
  })
})

describe('issuing (R4.6g)', () => {
  it('refuses a task without a lead unit or a valid deadline, naming the blocks, and issues nothing', () => {
    const m = meeting()
    const saved = saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(task('ok'), task('no-lead', { leadUnitId: null }), task('bad-date', { deadline: '2026-02-30' })), summary: 's', baseRevision: 0 } })
    let error: unknown
    try {
      issueConclusion({ meetingId: m, who: { id: chair.id }, input: issueInput(saved.revision) }, { now: at('2026-06-03') })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TaskBlocksInvalid)
    expect((error as TaskBlocksInvalid).problems).toEqual([
      { blockId: 'no-lead', index: 1, problems: ['leadUnit'] },
      { blockId: 'bad-date', index: 2, problems: ['deadline'] },
    ])
    expect(getConclusionState({ meetingId: m }).draft!.status).toBe('draft')
    expect(listTasks({ filter: { meetingId: m } })).toHaveLength(0)
  })

  it('numbers the notice, records on time or late, creates the tasks and tells the units', () => {
    const onTime = meeting()
    const r1 = saveDraft({ meetingId: onTime, who: { id: chair.id }, input: { content: doc(task('a'), task('b', { deadline: null, standingCycle: 'quarter', coordinatingUnitIds: [] })), summary: 's', baseRevision: 0 } })
    const issued = issueConclusion({ meetingId: onTime, who: { id: chair.id }, input: issueInput(r1.revision) }, { now: at('2026-06-08') })
    expect(issued.number).toMatch(/^Số \d+-TB\/TU$/)
    expect(issued.onTime).toBe(true)
    const list = listTasks({ filter: { meetingId: onTime }, today: '2026-06-10' })
    expect(list.map((t) => [t.content, t.leadUnitId, t.deadline, t.standingCycle])).toEqual([
      ['rà soát quy hoạch cán bộ', lead.id, '2026-06-30', null],
      ['rà soát quy hoạch cán bộ', lead.id, null, 'quarter'],
    ])
    const state = getConclusionState({ meetingId: onTime })
    expect(state.issued!.recipientUnitIds).toEqual([lead.id, coord.id])
    expect(state.issued!.html).toContain('hoàn thành trước ngày 30/6/2026')
    expect(getDb().select().from(meetings).where(eq(meetings.id, onTime)).get()!.status).toBe('concluded')
    expect(getDb().select().from(notifications).where(eq(notifications.userId, officer.id)).all().some((n) => n.title.includes(issued.number))).toBe(true)
    // Issued text is fixed: no more drafts saved over it.
    expect(() => saveDraft({ meetingId: onTime, who: { id: chair.id }, input: { content: doc(), summary: 'x', baseRevision: 0 } })).toThrow('conclusion.alreadyIssued')

    const late = meeting()
    const r2 = saveDraft({ meetingId: late, who: { id: chair.id }, input: { content: doc(task('c')), summary: 's', baseRevision: 0 } })
    // Five working days after Monday 1 June is Monday 8 June; the 9th is late.
    expect(issueConclusion({ meetingId: late, who: { id: chair.id }, input: issueInput(r2.revision) }, { now: at('2026-06-09') }).onTime).toBe(false)
  })

  it('two processes issuing two conclusions at the same moment get consecutive numbers', async () => {
    const drafts = [meeting(), meeting()].map((m) => ({ m, r: saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(task(`x${m}`)), summary: 's', baseRevision: 0 } }).revision }))
    const startAt = Date.now() + 1500
    const run = (m: number, r: number) =>
      new Promise<{ number: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/issue-conclusion.ts', process.env.DATABASE_PATH!, String(m), String(chair.id), String(r), String(startAt)], { stdio: ['ignore', 'pipe', 'pipe'] })
        let out = ''
        let err = ''
        child.stdout.on('data', (d: Buffer) => (out += d))
        child.stderr.on('data', (d: Buffer) => (err += d))
        child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { number: string }) : reject(new Error(err))))
      })
    const results = await Promise.all(drafts.map((d) => run(d.m, d.r)))
    const numbers = results.map((r) => Number(/Số (\d+)/.exec(r.number)![1])).sort((a, b) => a - b)
    expect(numbers[1]! - numbers[0]!).toBe(1)
  }, 60_000)

  it('a correction supersedes the notice and carries its tasks over, with history', () => {
    const m = meeting()
    const r = saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(task('keep')), summary: 's', baseRevision: 0 } })
    const first = issueConclusion({ meetingId: m, who: { id: chair.id }, input: issueInput(r.revision) }, { now: at('2026-06-03') })
    const taskId = first.taskIds[0]!
    const draftId = startCorrection({ meetingId: m, who: { id: chair.id }, reason: 'Sửa thời hạn' })
    const draft = getConclusionState({ meetingId: m }).draft!
    expect(draft.id).toBe(draftId)
    // Dropping an assigned task is refused; changing it is fine.
    const dropped = saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(), summary: 's', baseRevision: draft.revision } })
    expect(() => issueConclusion({ meetingId: m, who: { id: chair.id }, input: issueInput(dropped.revision) }, { now: at('2026-06-04') })).toThrow('conclusion.correctionDropsTask')
    const changed = saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(task('keep', { deadline: '2026-07-15' }), task('new')), summary: 's', baseRevision: dropped.revision } })
    const second = issueConclusion({ meetingId: m, who: { id: chair.id }, input: issueInput(changed.revision) }, { now: at('2026-06-04') })
    expect(second.number).not.toBe(first.number)
    const state = getConclusionState({ meetingId: m })
    expect(state.issued!.id).toBe(draftId)
    expect(state.issued!.supersedesId).toBe(first.conclusionId)
    const carried = getTask({ taskId })!
    expect(carried.conclusionId).toBe(draftId)
    expect([carried.deadline, carried.originalDeadline]).toEqual(['2026-07-15', '2026-06-30'])
    expect(getDb().select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).all().map((e) => e.kind)).toEqual(['corrected'])
    expect(listTasks({ filter: { meetingId: m } })).toHaveLength(2)
  })

  it('a deadline before the meeting blocks issuing', () => {
    const m = meeting()
    const r = saveDraft({ meetingId: m, who: { id: chair.id }, input: { content: doc(task('old', { deadline: '2026-05-01' })), summary: 's', baseRevision: 0 } })
    expect(() => issueConclusion({ meetingId: m, who: { id: chair.id }, input: issueInput(r.revision) }, { now: at('2026-06-03') })).toThrow(DomainError)
  })
})

describe('task sentence', () => {
  it('writes standing tasks with their reporting cycle', () => {
    const names = { unitName: (id: number) => (id === 1 ? 'Ban Dân vận' : 'Mặt trận'), userName: () => undefined }
    expect(taskSentence({ id: 'x', content: 'theo dõi tình hình.', leadUnitId: 1, coordinatingUnitIds: [2], deadline: null, standingCycle: 'quarter', followingLeaderId: null }, names)).toBe(
      'Giao Ban Dân vận chủ trì, phối hợp với Mặt trận theo dõi tình hình, thực hiện thường xuyên, báo cáo hằng quý.',
    )
  })
})
