import { and, asc, eq, inArray } from 'drizzle-orm'
import { Document, Packer, Paragraph, TextRun } from 'docx'
import PDFDocument from 'pdfkit'
import { TINOS } from '~/core/fonts.server'
import { createDocument, distributeDocuments, recordRead } from '~/features/documents/index.server'
import { recordFiles, storeBytes } from '~/core/files.server'
import { meetingAccess } from '~/features/meetings/index.server'
import type { DB } from './client'
import { documentReads, documentVersions, documents, meetingParticipants, meetings, users } from './schema'

const FONT_NOTE = 'Tài liệu mẫu do Nghị sự tạo cho dữ liệu trình diễn.'

/** A small valid PDF (Tinos, so the Vietnamese reads right) with a title page and a page of content. */
function samplePdf(title: string, lines: string[]) {
  return new Promise<Uint8Array>((resolve) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: title } })
    doc.registerFont('r', TINOS.regular)
    doc.registerFont('b', TINOS.bold)
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.font('b').fontSize(16).text(title.toUpperCase(), { align: 'center' }).moveDown()
    doc.font('r').fontSize(13)
    for (const line of lines) doc.text(line).moveDown(0.5)
    doc.addPage().font('r').fontSize(12).text(`Phụ lục — ${FONT_NOTE}`)
    doc.end()
  })
}

export async function sampleDocx(title: string, lines: string[]) {
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: 28 } } } },
    sections: [{ children: [new Paragraph({ children: [new TextRun({ text: title.toUpperCase(), bold: true })] }), ...lines.map((l) => new Paragraph(l)), new Paragraph(FONT_NOTE)] }],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

/**
 * Demo documents: every held or upcoming invited meeting gets a submission (PDF) and a draft
 * (DOCX), distributed on time; for held meetings most participants have read them; one
 * restricted document for the chair and the first member.
 */
export async function seedDemoDocuments(db: DB, now = new Date()) {
  const office = db.select({ id: users.id }).from(users).where(eq(users.username, 'vanphong')).get()!.id
  const list = db.select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status }).from(meetings).where(inArray(meetings.status, ['invited', 'held', 'concluded'])).orderBy(asc(meetings.startsAt)).all()
  const pdf = await storeBytes(await samplePdf('Tờ trình', ['Kính gửi: Ban Thường vụ Tỉnh ủy.', 'Nội dung tờ trình về vấn đề cần xin ý kiến.', 'Đề xuất và kiến nghị.']), 'To-trinh.pdf')
  const docx = await storeBytes(await sampleDocx('Dự thảo nghị quyết', ['Điều 1. Phạm vi điều chỉnh.', 'Điều 2. Tổ chức thực hiện.']), 'Du-thao.docx')
  const secret = await storeBytes(await samplePdf('Phương án nhân sự (Mật)', ['Tài liệu Mật: chỉ những người được chọn mới xem được.']), 'Phuong-an-nhan-su.pdf')
  list.forEach((m, n) => {
    const access = meetingAccess({ id: m.id }, { db })!
    const office_ = { id: office, office: true }
    const distributedAt = new Date(Math.min(now.getTime(), m.startsAt.getTime() - 6 * 86_400_000))
    createDocument({ meetingId: m.id, who: office_, input: { title: `Tờ trình: ${m.title}`, kind: 'to_trinh', restricted: false, readerIds: [] }, file: { ...pdf, name: 'Tờ trình.pdf' } }, { db, now: distributedAt })
    createDocument({ meetingId: m.id, who: office_, input: { title: `Dự thảo kết luận: ${m.title}`, kind: 'du_thao', restricted: false, readerIds: [] }, file: { ...docx, name: 'Dự thảo.docx' } }, { db, now: distributedAt })
    if (n % 5 === 0 && access.participantUserIds.length)
      createDocument({ meetingId: m.id, who: office_, input: { title: 'Phương án nhân sự', kind: 'to_trinh', restricted: true, readerIds: [access.chairUserId, access.participantUserIds[0]!].filter((v, i, a) => a.indexOf(v) === i) }, file: { ...secret, name: 'Phương án nhân sự.pdf' } }, { db, now: distributedAt })
    distributeDocuments({ meetingId: m.id, who: { id: office }, reason: 'Tài liệu bổ sung sau khi có ý kiến của cơ quan chuẩn bị' }, { db, now: distributedAt })
    if (m.status === 'invited') return
    const ids = db.select({ id: documents.id }).from(documents).where(and(eq(documents.meetingId, m.id), eq(documents.restricted, false))).all()
    access.participantUserIds.forEach((userId, i) => {
      if (i % 4 === 3) return
      for (const d of ids) recordRead({ documentId: d.id, who: { id: userId } }, { db, now: new Date(distributedAt.getTime() + (i + 1) * 3_600_000) })
    })
  })
}

/**
 * Province scale: three documents per meeting (one stored file each kind, shared by content) and
 * read receipts for three participants in four, in bulk.
 */
export async function seedProvinceDocuments(db: DB, now = new Date()) {
  const office = db.select({ id: users.id }).from(users).where(eq(users.username, 'vanphong')).get()!.id
  const pdf = await storeBytes(await samplePdf('Tờ trình', ['Nội dung tờ trình.']), 'To-trinh.pdf')
  const docx = await storeBytes(await sampleDocx('Dự thảo', ['Điều 1.']), 'Du-thao.docx')
  const list = db.select({ id: meetings.id, startsAt: meetings.startsAt }).from(meetings).orderBy(asc(meetings.id)).all()
  let made = 0
  for (let start = 0; start < list.length; start += 200) {
    db.transaction((tx) => {
      recordFiles(tx, [pdf, docx], now)
      for (const m of list.slice(start, start + 200)) {
        const at = new Date(Math.min(now.getTime(), m.startsAt.getTime() - 5 * 86_400_000))
        const participants = tx.select({ userId: meetingParticipants.userId }).from(meetingParticipants).where(eq(meetingParticipants.meetingId, m.id)).all()
        for (const [i, file] of [pdf, docx, pdf].entries()) {
          const doc = tx
            .insert(documents)
            .values({ meetingId: m.id, title: `Tài liệu ${i + 1}`, kind: i === 1 ? 'du_thao' : 'bao_cao', createdBy: office, createdAt: at, distributedAt: m.startsAt < now ? at : null })
            .returning({ id: documents.id })
            .get()
          tx.insert(documentVersions).values({ documentId: doc.id, version: 1, sha256: file.sha256, name: `tai-lieu-${i + 1}.${file.ext}`, uploadedBy: office, uploadedAt: at }).run()
          if (m.startsAt < now) {
            const readers = participants.filter((_, k) => k % 4 !== 3).map((p) => ({ documentId: doc.id, userId: p.userId, version: 1, firstOpenedAt: at, lastOpenedAt: at }))
            if (readers.length) tx.insert(documentReads).values(readers).run()
          }
          made++
        }
      }
    })
  }
  return made
}
