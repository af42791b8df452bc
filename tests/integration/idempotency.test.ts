import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { createApiToken } from '~/features/directory/index.server'
import { getTask } from '~/features/tasks/index.server'
import { pruneIdempotencyKeys } from '~/core/idempotency.server'
import { action as taskAction } from '~/routes/_app.tasks.$taskId'
import { getDb } from '#db/client'
import { idempotencyKeys, taskEvents } from '#db/schema'
import { createTask, createUnit, createUser, sessionCookieFor } from '../factories'
import { actionHandler, startTestServer } from '../setup/server'

let server: Awaited<ReturnType<typeof startTestServer>>
let officer: Awaited<ReturnType<typeof createUser>>
let cookie: string

beforeAll(async () => {
  server = await startTestServer({}, { remixHandler: actionHandler({ task: { pattern: /^\/tasks\/(?<taskId>\d+)$/, action: taskAction as never } }) })
})
afterAll(() => server.close())

async function taskForOfficer() {
  const unit = createUnit()
  officer = await createUser({ roles: ['unit_officer'], unitId: unit.id })
  cookie = sessionCookieFor(officer.id)
  return (await createTask({ leadUnitId: unit.id, deadline: '2099-12-31' })).id
}

const progressReports = (taskId: number) => getDb().select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).all().filter((e) => e.kind === 'progress')

/** The page form as the browser posts it (URL-encoded, with its submission key). */
function postForm(taskId: number, fields: Record<string, string>) {
  return fetch(`${server.url}/tasks/${taskId}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server.url, Cookie: cookie },
    body: new URLSearchParams(fields),
  })
}

describe('a page form sent twice', () => {
  it('records one progress report when the same filling-in arrives twice; the second is told it was already recorded', async () => {
    const id = await taskForOfficer()
    const form = { intent: 'progress', percent: '40', text: 'Đã hoàn thành dự thảo', _key: 'a'.repeat(32) }
    const first = await postForm(id, form)
    expect(first.status).toBe(302)
    const second = await postForm(id, form)
    expect(second.status).toBe(302)
    expect(second.headers.get('location')).toBe(`/tasks/${id}`)
    const toast = JSON.parse(Buffer.from(decodeURIComponent(second.headers.get('set-cookie')!.match(/nghisu_toast=([^;]+)/)![1]!), 'base64url').toString())
    expect(toast.key).toBe('forms.alreadySent')
    expect(progressReports(id)).toHaveLength(1)
  })

  it('records one report when two identical submissions race (a double click without JavaScript)', async () => {
    const id = await taskForOfficer()
    const form = { intent: 'progress', percent: '55', text: 'Nhấn hai lần', _key: 'b'.repeat(32) }
    const answers = await Promise.all([postForm(id, form), postForm(id, form), postForm(id, form)])
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302])
    expect(progressReports(id)).toHaveLength(1)
  })

  it('lets the corrected form be sent with the same key after a refusal, and a new filling-in be sent after a success', async () => {
    const id = await taskForOfficer()
    const key = 'c'.repeat(32)
    const refused = await postForm(id, { intent: 'progress', percent: '150', text: 'Sai tỉ lệ', _key: key })
    expect(refused.status).toBe(400)
    expect(progressReports(id)).toHaveLength(0)
    expect((await postForm(id, { intent: 'progress', percent: '50', text: 'Đã sửa', _key: key })).status).toBe(302)
    expect((await postForm(id, { intent: 'progress', percent: '70', text: 'Lần báo cáo mới', _key: 'd'.repeat(32) })).status).toBe(302)
    expect(progressReports(id).map((e) => e.percent)).toEqual([50, 70])
    expect(getTask({ taskId: id })!.progress).toBe(70)
  })

  it('still takes forms without a key (scripts, older pages)', async () => {
    const id = await taskForOfficer()
    await postForm(id, { intent: 'progress', percent: '10', text: 'Một' })
    await postForm(id, { intent: 'progress', percent: '20', text: 'Hai' })
    expect(progressReports(id)).toHaveLength(2)
  })
})

describe('Idempotency-Key on the API', () => {
  const post = (token: string, taskId: number, body: unknown, key?: string) =>
    fetch(`${server.url}/api/v1/tasks/${taskId}/progress`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
      body: JSON.stringify(body),
    })

  it('replays the first reply for a retry with the same key and writes once; another body with the key is refused', async () => {
    const id = await taskForOfficer()
    const { token } = createApiToken({ userId: officer.id, input: { name: 'Phần mềm quản lý văn bản' }, actor: { id: officer.id } })
    const body = { percent: 30, text: 'Gửi qua API' }
    const first = await post(token, id, body, 'retry-1')
    expect(first.status).toBe(200)
    const firstBody = await first.text()
    const retry = await post(token, id, body, 'retry-1')
    expect(retry.status).toBe(200)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await retry.text()).toBe(firstBody)
    expect(progressReports(id)).toHaveLength(1)
    const other = await post(token, id, { percent: 35, text: 'Khác' }, 'retry-1')
    expect(other.status).toBe(422)
    expect((await other.json()).error.code).toBe('idempotency_key_reused')
    expect(progressReports(id)).toHaveLength(1)
    // Without a key every request is its own.
    await post(token, id, { percent: 36, text: 'Không khóa' })
    expect(progressReports(id)).toHaveLength(2)
  })

  it('does not keep a failed request: its retry with the same key runs', async () => {
    const id = await taskForOfficer()
    const { token } = createApiToken({ userId: officer.id, input: { name: 'Cổng' }, actor: { id: officer.id } })
    expect((await post(token, id, { percent: 300, text: 'x' }, 'k-fail')).status).toBe(400)
    expect((await post(token, id, { percent: 30, text: 'Đúng' }, 'k-fail')).status).toBe(200)
    expect(progressReports(id)).toHaveLength(1)
  })

  it('keys are per person, and forgotten after a day', async () => {
    const id = await taskForOfficer()
    const { token } = createApiToken({ userId: officer.id, input: { name: 'A' }, actor: { id: officer.id } })
    expect((await post(token, id, { percent: 30, text: 'A' }, 'shared-key')).status).toBe(200)
    const firstOfficer = officer
    await taskForOfficer()
    const { token: other } = createApiToken({ userId: officer.id, input: { name: 'B' }, actor: { id: officer.id } })
    // The same key from another person is theirs: refused here only because that task is not theirs.
    expect((await post(other, id, { percent: 40, text: 'B' }, 'shared-key')).status).toBe(403)
    expect(getDb().select().from(idempotencyKeys).where(eq(idempotencyKeys.scope, `api:${firstOfficer.id}`)).all()).toHaveLength(1)
    pruneIdempotencyKeys(getDb(), new Date(Date.now() + 25 * 3_600_000))
    expect(getDb().select().from(idempotencyKeys).all()).toHaveLength(0)
  })
})
