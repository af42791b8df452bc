import { beforeAll, describe, expect, it } from 'vitest'
import { keepSearchIndex, rebuildSearchIndex, searchEverything } from '~/features/search/index.server'
import { ftsQuery } from '~/features/search/query'
import { getMeeting, searchMeetings, updateMeeting } from '~/features/meetings/index.server'
import { loader as searchLoader } from '~/routes/_app.search'
import { loader as meetingsLoader } from '~/routes/_app.meetings._index'
import { createHallFixture, createMeeting, createTask, createUnit, createUser, getRequest, sessionCookieFor } from '../factories'
import { reassignLead } from '~/features/tasks/index.server'

let office: Awaited<ReturnType<typeof createUser>>
let chair: Awaited<ReturnType<typeof createUser>>
let outsider: Awaited<ReturnType<typeof createUser>>
let ducMeeting: number
let otherMeeting: number

beforeAll(async () => {
  keepSearchIndex()
  office = await createUser({ roles: ['office'] })
  chair = await createUser({ roles: ['chair'], fullName: 'Trần Minh Đức' })
  outsider = await createUser({ roles: ['delegate'] })
  ducMeeting = await createMeeting({ chairUserId: chair.id, officeUserId: office.id, title: 'Hội nghị Đảng ủy khối về đô thị', date: '2026-03-10' })
  otherMeeting = await createMeeting({ officeUserId: office.id, title: 'Họp giao ban Văn phòng', date: '2026-04-02' })
})

describe('the search query', () => {
  it('folds diacritics and đ, quotes every word as a prefix, and drops FTS5 syntax', () => {
    expect(ftsQuery('Đức  ĐÔ thị')).toBe('"duc"* "do"* "thi"*')
    expect(ftsQuery('"a" OR NEAR(b*) -c:')).toBe('"a" "or"* "near"* "b" "c"')
    expect(ftsQuery('  * " ( ')).toBeNull()
    expect(ftsQuery('x'.repeat(10_000))!.length).toBeLessThan(50)
  })
})

describe('global search', () => {
  it('finds a meeting by its chair and title typed without diacritics ("duc", "dang uy")', () => {
    const byChair = searchEverything({ user: office, q: 'duc' }).hits
    expect(byChair.map((h) => h.href)).toContain(`/meetings/${ducMeeting}`)
    expect(searchEverything({ user: office, q: 'dang uy khoi do thi' }).hits.map((h) => h.id)).toEqual([ducMeeting])
    expect(searchEverything({ user: office, q: 'ĐẢNG ỦY' }).hits.map((h) => h.id)).toContain(ducMeeting)
  })

  it('never shows what the person may not see', async () => {
    expect(searchEverything({ user: outsider, q: 'dang uy khoi' }).hits).toEqual([])
    const hall = await createHallFixture({ members: 1 })
    const member = hall.members[0]!
    expect(searchEverything({ user: member, q: 'ban chap hanh' }).hits.map((h) => h.id)).toEqual([hall.meetingId])
    expect(searchEverything({ user: member, q: 'dang uy khoi' }).hits).toEqual([])
    expect(searchEverything({ user: member, q: 'giao ban van phong' }).hits).toEqual([])
  })

  it('finds tasks by their content and lead unit, for those who may see them; stays current as records change', async () => {
    const unit = createUnit({ name: 'Sở Xây dựng' })
    const officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
    const { id } = await createTask({ leadUnitId: unit.id, content: 'Rà soát quy hoạch đường ven biển' })
    // The factory writes the task without the issuing flow's events: the index is refilled once.
    rebuildSearchIndex()
    expect(searchEverything({ user: officer, q: 'ven bien' }).hits.map((h) => `${h.kind}:${h.id}`)).toEqual([`task:${id}`])
    expect(searchEverything({ user: outsider, q: 'ven bien' }).hits).toEqual([])
    expect(searchEverything({ user: office, q: 'so xay dung' }).hits.map((h) => h.id)).toContain(id)
    // A new lead unit (an event) is found at once under its name, and the old one no longer.
    const other = createUnit({ name: 'Sở Giao thông vận tải' })
    reassignLead({ taskId: id, who: { id: office.id, unitId: null }, input: { leadUnitId: other.id, reason: 'Đúng chức năng' } })
    expect(searchEverything({ user: office, q: 'giao thong van tai' }).hits.map((h) => h.id)).toContain(id)
    expect(searchEverything({ user: office, q: 'so xay dung' }).hits.map((h) => h.id)).not.toContain(id)
    // A meeting renamed is found under its new title.
    const meeting = getMeeting({ id: otherMeeting })!
    updateMeeting({ id: otherMeeting, input: { title: 'Họp giao ban tháng Tư', meetingTypeId: meeting.meetingTypeId, programmeItemId: null, offProgrammeReason: 'Kiểm thử', urgent: false, chairUserId: meeting.chairUserId, startsAt: meeting.startsAt, endsAt: meeting.endsAt, mode: 'in_person', location: 'Phòng họp số 1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: office.id } })
    expect(searchEverything({ user: office, q: 'thang tu' }).hits.map((h) => h.id)).toContain(otherMeeting)
  })

  it('at start, rebuilds only an index that does not match the tables', async () => {
    const { ensureSearchIndex } = await import('~/features/search/index.server')
    rebuildSearchIndex()
    expect(ensureSearchIndex()).toBe(false)
    // A task written without the issuing flow's events (as a seed would) makes the index stale.
    await createTask({ content: 'Kiểm kê tài sản công' })
    expect(ensureSearchIndex()).toBe(true)
    expect(searchEverything({ user: office, q: 'kiem ke tai san' }).hits).toHaveLength(1)
    expect(ensureSearchIndex()).toBe(false)
  })

  it('rebuilds the same index from the tables', () => {
    const before = searchEverything({ user: office, q: 'hoi nghi' }).hits.map((h) => `${h.kind}:${h.id}`)
    rebuildSearchIndex()
    expect(searchEverything({ user: office, q: 'hoi nghi' }).hits.map((h) => `${h.kind}:${h.id}`)).toEqual(before)
  })

  it('the /search page answers any input with results or none, never an error', async () => {
    const cookie = sessionCookieFor(office.id)
    for (const q of ['duc', '"', 'NEAR(', '*', 'a'.repeat(5000), '\u0000', 'đ']) {
      const res = (await searchLoader({ request: getRequest(`/search?q=${encodeURIComponent(q)}`, cookie), params: {}, context: { ip: '' } } as never)) as Response
      expect(res.status).toBe(200)
    }
    const res = (await searchLoader({ request: getRequest('/search?q=duc&kind=meeting', cookie), params: {}, context: { ip: '' } } as never)) as Response
    const data = (await res.json()) as { hits: { kind: string; id: number }[] }
    expect(data.hits.every((h) => h.kind === 'meeting')).toBe(true)
    expect(data.hits.map((h) => h.id)).toContain(ducMeeting)
  })
})

describe('the meetings list', () => {
  it('searches without diacritics, filters by period, chair and status, and pages', async () => {
    expect(searchMeetings({ search: { q: 'do thi' } }).rows.map((r) => r.id)).toEqual([ducMeeting])
    expect(searchMeetings({ search: { chairId: chair.id } }).rows.map((r) => r.id)).toEqual([ducMeeting])
    expect(searchMeetings({ search: { from: '2026-04-01', to: '2026-04-30' } }).rows.map((r) => r.id)).toContain(otherMeeting)
    expect(searchMeetings({ search: { from: '2026-04-01', to: '2026-04-30' } }).rows.map((r) => r.id)).not.toContain(ducMeeting)
    expect(searchMeetings({ search: { status: 'held', q: 'do thi' } }).rows).toEqual([])
    for (let i = 0; i < 26; i++) await createMeeting({ officeUserId: office.id, title: `Họp chuyên đề số ${i}`, date: '2026-05-05' })
    const first = searchMeetings({ search: { q: 'chuyen de' } })
    expect(first.rows).toHaveLength(25)
    expect(first.hasMore).toBe(true)
    const second = searchMeetings({ search: { q: 'chuyen de', page: 2 } })
    expect(second.rows).toHaveLength(1)
    expect(second.hasMore).toBe(false)
  })

  it('shows a delegate only the meetings they attend; bad filters are ignored, not errors', async () => {
    const res = (await meetingsLoader({ request: getRequest('/meetings?q=dang%20uy&status=nope&page=-3&from=2026-13-45', sessionCookieFor(outsider.id)), params: {}, context: { ip: '' } } as never)) as Response
    expect(res.status).toBe(200)
    expect(((await res.json()) as { rows: unknown[] }).rows).toEqual([])
    const asChair = (await meetingsLoader({ request: getRequest('/meetings?q=dang%20uy', sessionCookieFor(chair.id)), params: {}, context: { ip: '' } } as never)) as Response
    expect(((await asChair.json()) as { rows: { id: number }[] }).rows.map((r) => r.id)).toEqual([ducMeeting])
  })
})

describe('search over the API', () => {
  it('answers with what the caller may see', async () => {
    const { startTestServer } = await import('../setup/server')
    const { createApiToken } = await import('~/features/directory/index.server')
    const server = await startTestServer()
    try {
      const ask = async (userId: number, q: string) => {
        const { token } = createApiToken({ userId, input: { name: 'Cổng' }, actor: { id: userId } })
        const res = await fetch(`${server.url}/api/v1/search?q=${encodeURIComponent(q)}`, { headers: { Authorization: `Bearer ${token}` } })
        return { status: res.status, body: (await res.json()) as { items: { id: number; kind: string }[] } }
      }
      const found = await ask(office.id, 'dang uy khoi')
      expect(found.status).toBe(200)
      expect(found.body.items.map((h) => h.id)).toContain(ducMeeting)
      expect((await ask(outsider.id, 'dang uy khoi')).body.items).toEqual([])
      expect((await ask(office.id, 'x'.repeat(101))).status).toBe(400)
    } finally {
      await server.close()
    }
  })
})

describe('the people pickers’ search', () => {
  it('finds people by name, position or unit without diacritics, and only for someone signed in', async () => {
    const { searchPeople } = await import('~/features/directory/index.server')
    const { loader: peopleLoader } = await import('~/routes/people.search')
    const unit = createUnit({ name: 'Sở Nội vụ' })
    const duc = await createUser({ fullName: 'Lê Văn Đức', unitId: unit.id })
    expect(searchPeople({ q: 'duc' }).map((p) => p.id)).toContain(duc.id)
    expect(searchPeople({ q: 'so noi vu' }).map((p) => p.id)).toEqual([duc.id])
    expect(searchPeople({ q: 'le duc noi vu' }).map((p) => p.id)).toEqual([duc.id])
    expect(searchPeople({ q: '' })).toEqual([])
    const asOffice = (await peopleLoader({ request: getRequest('/people/search?q=duc', sessionCookieFor(office.id)), params: {}, context: { ip: '' } } as never)) as Response
    expect(((await asOffice.json()) as { people: { id: number }[] }).people.map((p) => p.id)).toContain(duc.id)
    let status = 0
    try {
      await peopleLoader({ request: getRequest('/people/search?q=duc'), params: {}, context: { ip: '' } } as never)
    } catch (e) {
      status = (e as Response).status
    }
    expect([302, 401]).toContain(status)
  })
})
