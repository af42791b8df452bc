import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, count, eq } from 'drizzle-orm'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canGiveOpinion, canReadOpinions } from '~/features/documents/index.server'
import { deleteDocument, distributeDocuments, documentAccess, listMeetingDocuments, meetingReadiness, addOpinion, listOpinions, saveNote, getNote } from '~/features/documents/index.server'
import { createMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { loader as documentsPage } from '~/routes/_app.meetings.$meetingId_.documents'
import { loader as fileRoute } from '~/routes/documents.$documentId.file'
import { action as uploadAction } from '~/routes/meetings.$meetingId.documents.upload'
import { getDb } from '#db/client'
import { auditLog, documentReads, documents, files, notifications } from '#db/schema'
import { createMeetingType, createUser, getRequest, multipartRequest, sessionCookieFor } from '../factories'
import { exeBytes, pdfBytes, storedBlobs } from '../setup/mail-files'
import { joinLive, nextUpdate, openLiveSocket, settle } from '../setup/live-client'
import { startTestServer } from '../setup/server'
import { domainErrorResponse } from '~/core/http.server'

type User = Awaited<ReturnType<typeof createUser>>
let office: User, chair: User, delegateA: User, delegateB: User, outsider: User
let meetingId: number
let server: Awaited<ReturnType<typeof startTestServer>>

const pdf = pdfBytes
const exe = exeBytes
const blobs = storedBlobs
const docCount = () => getDb().select({ n: count() }).from(documents).where(eq(documents.meetingId, meetingId)).get()!.n

async function upload(user: User, fields: Record<string, string>, file: { name: string; bytes: Uint8Array }, query = '') {
  const res = (await uploadAction({ request: multipartRequest(`/meetings/${meetingId}/documents/upload${query}`, fields, [{ field: 'file', ...file }], sessionCookieFor(user.id)), params: { meetingId: String(meetingId) }, context: { ip: '127.0.0.1' } })) as Response
  return { status: res.status, body: (await res.json()) as { ok: boolean; documentId?: number; errors?: Record<string, string[]> } }
}
async function status(fn: () => Promise<unknown>) {
  try {
    const res = (await fn()) as Response
    return res.status
  } catch (thrown) {
    const e = domainErrorResponse(thrown)
    if (e instanceof Response) return e.status
    throw e
  }
}
const openFile = (user: User, id: number) => fileRoute({ request: getRequest(`/documents/${id}/file`, sessionCookieFor(user.id)), params: { documentId: String(id) }, context: { ip: '127.0.0.1' } }) as Promise<Response>

beforeAll(async () => {
  office = await createUser({ roles: ['office'] })
  chair = await createUser({ roles: ['chair'] })
  delegateA = await createUser({ roles: ['delegate'], fullName: 'Trần Thị Mật' })
  delegateB = await createUser({ roles: ['delegate'] })
  outsider = await createUser({ roles: ['delegate'] })
  meetingId = createMeeting({ input: { title: 'Họp về quy hoạch', meetingTypeId: createMeetingType({ documentLeadDays: 3 }).id, programmeItemId: null, offProgrammeReason: 'x', urgent: false, chairUserId: chair.id, startsAt: vietnamInstant('2027-03-10', '08:00'), endsAt: vietnamInstant('2027-03-10', '11:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [delegateA.id, delegateB.id], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: office.id } })
  server = await startTestServer()
})
afterAll(() => server.close())

describe('storing documents (R4.6d)', () => {
  it('refuses a disguised program and an empty file, leaving no file and no row', async () => {
    const before = { docs: docCount(), blobs: blobs().length }
    const disguised = await upload(office, { title: 'Tờ trình', kind: 'to_trinh' }, { name: 'to-trinh.pdf', bytes: exe })
    expect(disguised).toEqual({ status: 400, body: { ok: false, errors: { file: ['file.typeNotAccepted'] } } })
    const empty = await upload(office, { title: 'Tờ trình', kind: 'to_trinh' }, { name: 'rong.pdf', bytes: new Uint8Array() })
    expect(empty.body.errors).toEqual({ file: ['file.empty'] })
    expect({ docs: docCount(), blobs: blobs().length }).toEqual(before)
  })

  it('stores identical uploads once', async () => {
    const bytes = await pdf('Báo cáo chung')
    const a = await upload(office, { title: 'Báo cáo A', kind: 'bao_cao' }, { name: 'a.pdf', bytes })
    const b = await upload(office, { title: 'Báo cáo B', kind: 'bao_cao' }, { name: 'b.pdf', bytes })
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body.documentId).not.toBe(b.body.documentId)
    expect(getDb().select({ n: count() }).from(files).get()!.n).toBe(1)
    expect(blobs()).toHaveLength(1)
  })

  it('keeps what the form says wrong beside its field', async () => {
    const before = blobs().length
    const untitled = await upload(office, { title: '', kind: 'to_trinh' }, { name: 'x.pdf', bytes: await pdf('khong ten') })
    expect(untitled.status).toBe(400)
    expect(untitled.body.errors).toMatchObject({ title: ['validation.required'] })
    const noReaders = await upload(office, { title: 'Mật', kind: 'to_trinh', restricted: 'on' }, { name: 'x.pdf', bytes: await pdf('khong nguoi doc') })
    expect(noReaders.body.errors).toMatchObject({ readerIds: ['document.readersRequired'] })
    expect(blobs().length).toBe(before)
  })
})

describe('who sees what', () => {
  let normalId: number
  let restrictedId: number
  beforeAll(async () => {
    normalId = (await upload(office, { title: 'Dự thảo nghị quyết', kind: 'du_thao' }, { name: 'Dự thảo.pdf', bytes: await pdf('Du thao nghi quyet') })).body.documentId!
    restrictedId = (await upload(office, { title: 'Phương án nhân sự', kind: 'to_trinh', restricted: 'on', readerIds: String(delegateA.id) }, { name: 'Nhân sự.pdf', bytes: await pdf('Phuong an nhan su') })).body.documentId!
  })

  it('before distribution only the Office sees the documents', async () => {
    expect(listMeetingDocuments({ meetingId, user: delegateA }).map((d) => d.id)).not.toContain(normalId)
    expect(await status(() => openFile(delegateA, normalId))).toBe(403)
    expect(await status(() => openFile(office, normalId))).toBe(200)
  })

  it('distributing late needs a reason, and is recorded as late in working days', () => {
    // Three working days before Wednesday 10 March 2027 is Friday 5 March; on Monday 8 March it is one day late.
    const monday = new Date('2027-03-08T09:00:00+07:00')
    expect(() => distributeDocuments({ meetingId, who: { id: office.id }, reason: null }, { now: monday })).toThrow('document.lateReasonRequired')
    expect(listMeetingDocuments({ meetingId, user: delegateA })).toHaveLength(0)
    expect(distributeDocuments({ meetingId, who: { id: office.id }, reason: 'Chờ ý kiến của Ban Tổ chức' }, { now: monday })).toBeGreaterThanOrEqual(2)
    expect(getDb().select().from(notifications).where(and(eq(notifications.userId, delegateA.id), eq(notifications.kind, 'documents.distributed'))).all()).toHaveLength(1)
  })

  it('a user not invited gets 403 from the page, the download, the API and the socket room', async () => {
    expect(await status(() => documentsPage({ request: getRequest(`/meetings/${meetingId}/documents`, sessionCookieFor(outsider.id)), params: { meetingId: String(meetingId) }, context: { ip: '127.0.0.1' } }))).toBe(403)
    expect(await status(() => openFile(outsider, normalId))).toBe(403)
    const api = (p: string, user: User) => fetch(`${server.url}/api/v1${p}`, { headers: { Cookie: sessionCookieFor(user.id) } })
    expect((await api(`/meetings/${meetingId}/documents`, outsider)).status).toBe(403)
    expect((await api(`/documents/${normalId}/file`, outsider)).status).toBe(403)
    expect((await api(`/meetings/${meetingId}/documents`, delegateA)).status).toBe(200)
    const { io: connect } = await import('socket.io-client')
    const socket = connect(server.url, { transports: ['websocket'], extraHeaders: { Cookie: sessionCookieFor(outsider.id), Origin: server.url }, reconnection: false })
    await new Promise((resolve) => socket.once('session.ready', resolve))
    expect(await socket.emitWithAck('room.join', { room: `documents:${meetingId}` })).toEqual({ ok: false, error: 'forbidden' })
    expect(await socket.emitWithAck('room.join', { room: `readiness:${meetingId}` })).toEqual({ ok: false, error: 'forbidden' })
    socket.disconnect()
  })

  it('a link from another site fetches a file without counting as reading it; a restricted one does not open', async () => {
    const crossSite = (user: User, id: number) =>
      fileRoute({ request: new Request(`http://localhost:3000/documents/${id}/file`, { headers: { Cookie: sessionCookieFor(user.id), 'Sec-Fetch-Site': 'cross-site' } }), params: { documentId: String(id) }, context: { ip: '127.0.0.1' } }) as Promise<Response>
    const reads = () => getDb().select().from(documentReads).where(and(eq(documentReads.documentId, normalId), eq(documentReads.userId, delegateB.id))).all().length
    const before = reads()
    expect((await crossSite(delegateB, normalId)).status).toBe(200)
    expect(reads()).toBe(before)
    expect(await status(() => crossSite(delegateA, restrictedId))).toBe(403)
    expect((await openFile(delegateB, normalId)).status).toBe(200)
    expect(reads()).toBe(before + (before ? 0 : 1))
  })

  it('a restricted document opens only for the people named on it, watermarked and audited', async () => {
    expect(await status(() => openFile(delegateB, restrictedId))).toBe(403)
    expect(listMeetingDocuments({ meetingId, user: delegateB }).map((d) => d.id)).not.toContain(restrictedId)
    const res = await openFile(delegateA, restrictedId)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const stamped = await getDocument({ data: new Uint8Array(await res.arrayBuffer()) }).promise
    const text = (await (await stamped.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ')
    expect(text).toContain('Trần Thị Mật')
    expect(text).toContain('TÀI LIỆU MẬT')
    const audits = getDb().select().from(auditLog).where(and(eq(auditLog.action, 'document.open'), eq(auditLog.entityId, String(restrictedId)))).all()
    expect(audits.map((a) => a.actorId)).toEqual([delegateA.id])
  })

  it('reading is recorded; a new version resets it and tells the reader', async () => {
    await openFile(delegateB, normalId)
    let doc = meetingReadiness({ meetingId }).find((d) => d.id === normalId)!
    expect(doc.people.find((p) => p.id === delegateB.id)!.read).toBe(true)
    const total = doc.total
    expect(total).toBe(3) // the chair and the two delegates
    const v2 = await upload(office, { note: 'Sửa điều 3' }, { name: 'Dự thảo v2.pdf', bytes: await pdf('Du thao sua doi') }, `?documentId=${normalId}`)
    expect(v2.body).toMatchObject({ ok: true, version: 2 })
    doc = meetingReadiness({ meetingId }).find((d) => d.id === normalId)!
    expect(doc.read).toBe(0)
    expect(listMeetingDocuments({ meetingId, user: delegateB }).find((d) => d.id === normalId)!.readState).toBe('changed')
    expect(getDb().select().from(notifications).where(and(eq(notifications.userId, delegateB.id), eq(notifications.kind, 'document.newVersion'))).all()).toHaveLength(1)
  })

  it('a removed document disappears but its stored file stays while a version refers to it', async () => {
    const bytes = await pdf('Tai lieu se xoa')
    const first = (await upload(office, { title: 'Sẽ xóa', kind: 'khac' }, { name: 'xoa.pdf', bytes })).body.documentId!
    const second = (await upload(office, { title: 'Cùng nội dung', kind: 'khac' }, { name: 'giu.pdf', bytes })).body.documentId!
    const before = blobs().length
    deleteDocument({ documentId: first, who: { id: office.id } })
    expect(listMeetingDocuments({ meetingId, user: office }).map((d) => d.id)).not.toContain(first)
    expect(await status(() => openFile(office, first))).toBe(404)
    expect(blobs().length).toBe(before)
    const res = await openFile(office, second)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    const partial = await fileRoute({ request: new Request(`http://localhost/documents/${second}/file`, { headers: { Cookie: sessionCookieFor(office.id), Range: 'bytes=0-3' } }), params: { documentId: String(second) }, context: { ip: '127.0.0.1' } })
    expect([partial.status, Buffer.from(await partial.arrayBuffer()).toString()]).toEqual([206, '%PDF'])
  })

  it('private notes are the writer’s alone; opinions reach the Office and the chair, and close when the meeting starts', () => {
    saveNote({ documentId: normalId, userId: delegateA.id, text: 'Cần hỏi thêm về điều 5' })
    expect(getNote({ documentId: normalId, userId: delegateA.id })).toBe('Cần hỏi thêm về điều 5')
    expect(getNote({ documentId: normalId, userId: delegateB.id })).toBe('')
    expect(canGiveOpinion(delegateA, documentAccess({ documentId: normalId })!)).toBe(true)
    expect(canGiveOpinion(office, documentAccess({ documentId: normalId })!)).toBe(false) // the Office reads opinions, it does not give them
    expect(canGiveOpinion(outsider, documentAccess({ documentId: normalId })!)).toBe(false)
    addOpinion({ documentId: normalId, who: { id: delegateA.id }, text: 'Đề nghị bổ sung số liệu' }, { now: new Date('2027-03-09T10:00:00+07:00') })
    expect(listOpinions({ documentId: normalId }).map((o) => o.text)).toEqual(['Đề nghị bổ sung số liệu'])
    expect(canReadOpinions(chair, documentAccess({ documentId: normalId })!)).toBe(true)
    expect(canReadOpinions(office, documentAccess({ documentId: normalId })!)).toBe(true)
    expect(canReadOpinions(delegateB, documentAccess({ documentId: normalId })!)).toBe(false)
    expect(() => addOpinion({ documentId: normalId, who: { id: delegateB.id }, text: 'Muộn' }, { now: new Date('2027-03-10T08:30:00+07:00') })).toThrow('document.opinionsClosed')
  })
})

describe('office documents as PDF for the viewer (optional LibreOffice)', () => {
  it('without a converter they download only; with one (a stand-in soffice) they convert once and are served as PDF', async () => {
    const { detectOfficeConverter } = await import('~/features/documents/index.server')
    const { serveDocumentFile } = await import('~/features/documents/index.server')
    const docx = (await import('../../db/seed-documents')).sampleDocx
    const id = (await upload(office, { title: 'Dự thảo Word', kind: 'du_thao' }, { name: 'Dự thảo.docx', bytes: await docx('Dự thảo', ['Điều 1.']) })).body.documentId!
    const serve = () => serveDocumentFile(new Request('http://localhost/x'), { ...office, fullName: 'Văn phòng' } as never, id, { asPdf: true, inline: true })

    expect(detectOfficeConverter(['nghisu-no-such-binary'])).toBeNull()
    await expect(serve()).rejects.toThrow('document.noConversion')

    // A stand-in for LibreOffice: writes a PDF named after its input into --outdir, and counts its runs.
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-soffice-'))
    const fixture = path.join(bin, 'fixture.pdf')
    fs.writeFileSync(fixture, await pdfBytes('Ban chuyen doi'))
    const script = path.join(bin, 'soffice')
    fs.writeFileSync(script, `#!/bin/sh\n[ "$1" = "--version" ] && { echo "LibreOffice 7.0 (stand-in)"; exit 0; }\necho run >> "${bin}/runs"\nout=""; last=""\nwhile [ $# -gt 0 ]; do [ "$1" = "--outdir" ] && { shift; out="$1"; }; last="$1"; shift; done\nname=$(basename "$last"); cp "${fixture}" "$out/\${name%.*}.pdf"\n`, { mode: 0o755 })
    expect(detectOfficeConverter([script])).toBe(script)
    const first = await serve()
    expect(first.headers.get('content-type')).toBe('application/pdf')
    expect(first.headers.get('content-disposition')).toContain("filename*=UTF-8''D%E1%BB%B1%20th%E1%BA%A3o.pdf")
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(new Uint8Array(fs.readFileSync(fixture)))
    await (await serve()).arrayBuffer()
    expect(fs.readFileSync(path.join(bin, 'runs'), 'utf8').trim().split('\n')).toHaveLength(1)
    detectOfficeConverter(['nghisu-no-such-binary'])
  })
})

describe('the documents room: one reading per change, each member their own list', () => {
  it('an upload is pushed to the Office in full and to a delegate only once distributed; a read mark only to its reader', async () => {
    const officeSocket = await openLiveSocket(server.url, office.id)
    const delegateSocket = await openLiveSocket(server.url, delegateA.id)
    const otherSocket = await openLiveSocket(server.url, delegateB.id)
    const room = `documents:${meetingId}`
    type View = { documents: { id: number; title: string; readState: string }[] }
    const before = (await joinLive(delegateSocket, room)).data as View
    await joinLive(officeSocket, room)
    await joinLive(otherSocket, room)
    await settle()
    officeSocket.updates.length = 0
    const uploaded = await upload(office, { title: 'Đề án phòng chống thiên tai', kind: 'bao_cao' }, { name: 'de-an.pdf', bytes: await pdf('Đề án') })
    expect(uploaded.status).toBe(200)
    await settle()
    const officeView = officeSocket.updates.at(-1)!.data as View
    expect(officeView.documents.map((d) => d.title)).toContain('Đề án phòng chống thiên tai')
    // Not distributed yet: the delegates' lists are what they were.
    expect(delegateSocket.updates.length ? (delegateSocket.updates.at(-1)!.data as View).documents.length : before.documents.length).toBe(before.documents.length)
    const toDelegate = nextUpdate(delegateSocket, room)
    distributeDocuments({ meetingId, who: { id: office.id }, reason: 'Gửi bổ sung' })
    const delegateView = (await toDelegate).data as View
    expect(delegateView.documents.find((d) => d.id === uploaded.body.documentId)).toMatchObject({ readState: 'unread' })
    await settle()
    delegateSocket.updates.length = 0
    otherSocket.updates.length = 0
    expect((await openFile(delegateA, uploaded.body.documentId!)).status).toBe(200)
    await settle()
    expect(delegateSocket.updates.map((u) => (u.data as View).documents.find((d) => d.id === uploaded.body.documentId)?.readState)).toEqual(['read'])
    expect(otherSocket.updates).toEqual([])
    for (const s of [officeSocket, delegateSocket, otherSocket]) s.disconnect()
  })
})
