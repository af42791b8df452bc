import { count } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { readUpload } from '~/core/uploads.server'
import { createMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { createTasks, getTask } from '~/features/tasks/index.server'
import { action as taskAction } from '~/routes/_app.tasks.$taskId'
import { loader as download } from '~/routes/tasks.$taskId.files.$fileId'
import { getDb } from '#db/client'
import { conclusions, files, taskEventFiles } from '#db/schema'
import { createMeetingType, createUnit, createUser, getRequest, multipartRequest, sessionCookieFor } from '../factories'
import { exeBytes, pdfBytes, storedBlobs } from '../setup/mail-files'
import { domainErrorResponse } from '~/core/http.server'

let lead: ReturnType<typeof createUnit>
let officer: Awaited<ReturnType<typeof createUser>>
let outsider: Awaited<ReturnType<typeof createUser>>
let taskId: number

const pdf = pdfBytes
const exe = exeBytes
const stored = storedBlobs
const rows = () => ({ files: getDb().select({ n: count() }).from(files).get()!.n, links: getDb().select({ n: count() }).from(taskEventFiles).get()!.n })

beforeAll(async () => {
  lead = createUnit({ name: 'Ban Tổ chức', code: 'BTC_FILE' })
  officer = await createUser({ roles: ['unit_officer'], unitId: lead.id })
  outsider = await createUser({ roles: ['unit_officer'], unitId: createUnit({ code: 'KHAC_FILE' }).id })
  const office = await createUser({ roles: ['office'] })
  const meetingId = createMeeting({ input: { title: 'Họp', meetingTypeId: createMeetingType().id, programmeItemId: null, offProgrammeReason: 'x', urgent: false, chairUserId: (await createUser({ roles: ['chair'] })).id, startsAt: vietnamInstant('2026-06-01', '08:00'), endsAt: vietnamInstant('2026-06-01', '11:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: office.id } })
  const now = new Date()
  const cid = getDb().insert(conclusions).values({ meetingId, status: 'issued', content: { type: 'doc' }, createdAt: now, updatedAt: now }).returning().get().id
  taskId = getDb().transaction((tx) => createTasks({ conclusionId: cid, blocks: [{ blockId: 'f1', content: 'Báo cáo có tệp', leadUnitId: lead.id, coordinatingUnitIds: [], deadline: '2026-12-31', standingCycle: null, followingLeaderId: null }], issuedOn: '2026-06-02' }, { db: tx }))[0]!
})

const post = (fields: Record<string, string>, list: { name: string; bytes: Uint8Array }[], userId = officer.id) =>
  taskAction({ request: multipartRequest(`/tasks/${taskId}?intent=progress`, fields, list.map((f) => ({ field: 'files', ...f })), sessionCookieFor(userId)), params: { taskId: String(taskId) }, context: { ip: '127.0.0.1' } })
const errorOf = async (res: unknown) => ((await (res as Response).json()) as { result: { error: Record<string, string[]> } }).result.error

describe('files attached to progress reports', () => {
  it('stores a report’s PDF once per content, lists it in the history, and serves it with its Vietnamese name and Range', async () => {
    const bytes = await pdf('Báo cáo tiến độ')
    const res = (await post({ intent: 'progress', percent: '40', text: 'Kèm báo cáo' }, [{ name: 'Báo cáo quý III.pdf', bytes }])) as Response
    expect(res.status).toBe(302)
    const again = (await post({ intent: 'progress', percent: '50', text: 'Gửi lại cùng tệp' }, [{ name: 'Bản sao.pdf', bytes }])) as Response
    expect(again.status).toBe(302)
    expect(rows()).toEqual({ files: 1, links: 2 })
    expect(stored()).toHaveLength(1)
    const history = getTask({ taskId })!.history
    const attached = history.at(-2)!.files[0]!
    expect(attached).toMatchObject({ name: 'Báo cáo quý III.pdf', mime: 'application/pdf', size: bytes.length })

    const get = (range?: string) =>
      download({ request: new Request(`http://localhost/tasks/${taskId}/files/${attached.id}`, { headers: { Cookie: sessionCookieFor(officer.id), ...(range ? { Range: range } : {}) } }), params: { taskId: String(taskId), fileId: String(attached.id) }, context: { ip: '127.0.0.1' } }) as Promise<Response>
    const whole = await get()
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-type')).toBe('application/pdf')
    expect(whole.headers.get('x-content-type-options')).toBe('nosniff')
    expect(whole.headers.get('content-disposition')).toBe(`attachment; filename="Bao cao quy III.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20III.pdf`)
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes)
    const part = await get('bytes=0-4')
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-4/${bytes.length}`)
    expect(Buffer.from(await part.arrayBuffer()).toString()).toBe('%PDF-')
    expect((await get(`bytes=${bytes.length + 10}-`)).status).toBe(416)

    let status = 0
    try {
      await download({ request: getRequest(`/tasks/${taskId}/files/${attached.id}`, sessionCookieFor(outsider.id)), params: { taskId: String(taskId), fileId: String(attached.id) }, context: { ip: '127.0.0.1' } })
    } catch (e) {
      status = (domainErrorResponse(e) as Response).status
    }
    expect(status).toBe(403)
  })

  it('refuses a disguised program, an empty file and a wrong extension, leaving no file and no row', async () => {
    const before = { rows: rows(), files: stored().length, progress: getTask({ taskId })!.progress }
    for (const [file, message] of [
      [{ name: 'baocao.pdf', bytes: exe }, 'file.typeNotAccepted'],
      [{ name: 'rong.pdf', bytes: new Uint8Array() }, 'file.empty'],
      [{ name: 'baocao.docx', bytes: await pdf('x') }, 'file.nameMismatch'],
    ] as const) {
      const res = (await post({ intent: 'progress', percent: '90', text: 'Thử tệp xấu' }, [file])) as Response
      expect(res.status).toBe(400)
      expect((await errorOf(res)).files).toEqual([message])
    }
    expect({ rows: rows(), files: stored().length, progress: getTask({ taskId })!.progress }).toEqual(before)
  })

  it('refuses another unit’s officer before reading the upload', async () => {
    const before = stored().length
    let status = 0
    try {
      await post({ intent: 'progress', percent: '10', text: 'Không phải đơn vị mình' }, [{ name: 'x.pdf', bytes: await pdf('x') }], outsider.id)
    } catch (e) {
      status = (domainErrorResponse(e) as Response).status
    }
    expect(status).toBe(403)
    expect(stored().length).toBe(before)
  })

  it('stops a file over the size limit while streaming it and keeps nothing', async () => {
    const before = stored().length
    const big = new Uint8Array(await pdf('x'.repeat(5000)))
    const request = multipartRequest('/x', { intent: 'progress' }, [{ field: 'files', name: 'lon.pdf', bytes: big }])
    await expect(readUpload(request, { fileFields: ['files'], maxFileBytes: 1000 })).rejects.toThrow('file.tooLarge')
    expect(stored().length).toBe(before)
  })
})

describe('uploads cut off mid-body', () => {
  it('an aborted upload answers, and leaves no temporary file behind', async () => {
    const { readUpload } = await import('~/core/uploads.server')
    const { filesDir } = await import('~/core/files.server')
    const fsp = await import('node:fs/promises')
    const path = await import('node:path')
    const tmp = path.join(filesDir(), 'tmp')
    const listTmp = async () => (await fsp.readdir(tmp).catch(() => [])).length
    const boundary = '----nghisu-abort'
    const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="bao-cao.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`)
    const controller = new AbortController()
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      async pull(c) {
        if (sent === 0) c.enqueue(head)
        else c.enqueue(new Uint8Array(64 * 1024).fill(0x20))
        sent++
        if (sent === 20) setTimeout(() => controller.abort(), 10)
        await new Promise((resolve) => setTimeout(resolve, 5))
      },
    })
    const request = new Request('http://localhost:3000/tasks/1', { method: 'POST', body, duplex: 'half', signal: controller.signal, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } } as RequestInit)
    const started = Date.now()
    await expect(readUpload(request, { fileFields: ['files'] })).rejects.toThrow('file.badRequest')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(await listTmp()).toBe(0)
  })

  it('temporary files left by a crash are removed at start', async () => {
    const { clearStaleUploads, filesDir } = await import('~/core/files.server')
    const fsp = await import('node:fs/promises')
    const path = await import('node:path')
    const tmp = path.join(filesDir(), 'tmp')
    await fsp.mkdir(tmp, { recursive: true })
    await fsp.writeFile(path.join(tmp, 'do-dang-1'), 'x')
    await fsp.writeFile(path.join(tmp, 'do-dang-2'), 'y')
    expect(await clearStaleUploads()).toBe(2)
    expect(await fsp.readdir(tmp)).toEqual([])
  })
})
