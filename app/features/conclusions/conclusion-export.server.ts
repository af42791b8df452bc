import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  UnderlineType,
  WidthType,
} from 'docx'
import PDFDocument from 'pdfkit'
import type { ConclusionExport } from './conclusions.server'
import { type DocJSON, normaliseTaskAttrs, taskSentence } from './conclusion-doc'
import { blankNumber, NOTICE_TEXT, noticeRecipients } from './notice-text'
import { vietnamDate } from '~/core/days'
import { TINOS } from '~/core/fonts.server'

/**
 * The notice in the Party document layout (Hướng dẫn 36-HD/VPTW): A4, Times New Roman; the
 * issuing body top left, "ĐẢNG CỘNG SẢN VIỆT NAM" top right, number, place and date, the kind
 * and summary line, the body (tasks written as sentences), the signature block and Nơi nhận.
 * One reading of the document JSON feeds both the DOCX and the PDF.
 */

export type Run = { text: string; bold?: boolean; italic?: boolean; underline?: boolean }
export type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; prefix?: string; indent?: number }
  | { kind: 'task'; text: string }
  | { kind: 'table'; rows: Run[][][] }

export function runsOf(node: DocJSON): Run[] {
  const out: Run[] = []
  const walk = (n: DocJSON) => {
    if (n.type === 'text' && n.text) {
      const marks = new Set((n.marks ?? []).map((m) => m.type))
      out.push({ text: n.text, bold: marks.has('bold'), italic: marks.has('italic'), underline: marks.has('underline') })
    } else if (n.type === 'hardBreak') out.push({ text: '\n' })
    n.content?.forEach(walk)
  }
  walk(node)
  return out
}

/** The document as a flat list of blocks: headings, paragraphs (list items with their marker), tasks, tables. */
export function blocksOf(doc: DocJSON, names: ConclusionExport['names']): Block[] {
  const blocks: Block[] = []
  const visit = (node: DocJSON, depth: number) => {
    switch (node.type) {
      case 'heading':
        blocks.push({ kind: 'heading', level: Number(node.attrs?.level ?? 2), runs: runsOf(node) })
        return
      case 'paragraph':
        blocks.push({ kind: 'paragraph', runs: runsOf(node), indent: depth })
        return
      case 'blockquote':
        node.content?.forEach((c) => visit(c, depth + 1))
        return
      case 'bulletList':
      case 'orderedList': {
        const start = Number(node.attrs?.start ?? 1)
        node.content?.forEach((item, i) => {
          const marker = node.type === 'bulletList' ? '- ' : `${start + i}. `
          item.content?.forEach((child, j) => {
            if (child.type === 'paragraph') blocks.push({ kind: 'paragraph', runs: runsOf(child), prefix: j === 0 ? marker : undefined, indent: depth })
            else visit(child, depth + 1)
          })
        })
        return
      }
      case 'taskBlock':
        blocks.push({ kind: 'task', text: taskSentence(normaliseTaskAttrs(node.attrs ?? {}), names) })
        return
      case 'table':
        blocks.push({ kind: 'table', rows: (node.content ?? []).map((row) => (row.content ?? []).map((cell) => runsOf(cell))) })
        return
      case 'horizontalRule':
        return
      default:
        node.content?.forEach((c) => visit(c, depth))
    }
  }
  doc.content?.forEach((c) => visit(c, 0))
  return blocks
}

/**
 * "Hà Tĩnh, ngày 03 tháng 06 năm 2026": days and months below 10 with a leading zero, as Party
 * documents write them; not yet dated, the day and month left blank in this year (in Vietnam).
 */
export function placeAndDate(place: string, iso: string | null, now = new Date()) {
  if (!iso) return `${place}, ngày     tháng     năm ${vietnamDate(now).slice(0, 4)}`
  const [y, m, d] = iso.split('-').map(Number)
  return `${place}, ngày ${String(d).padStart(2, '0')} tháng ${String(m).padStart(2, '0')} năm ${y}`
}


export const FONT = 'Times New Roman'
export const pt = (n: number) => n * 2 // docx sizes are half-points
export const mm = (n: number) => Math.round((n / 25.4) * 1440) // twips
const noBorders = {
  top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
  insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
}

export const run = (text: string, size: number, o: Omit<Run, 'text'> = {}) =>
  new TextRun({ text, font: FONT, size: pt(size), bold: o.bold, italics: o.italic, underline: o.underline ? { type: UnderlineType.SINGLE } : undefined })
/** The layout's side-by-side blocks (header; recipients and signature): a borderless two-cell table. */
export const twoColumns = (...cells: [number, Paragraph[]][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [new TableRow({ children: cells.map(([width, children]) => new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children })) })],
  })
export const centered = (children: TextRun[], after = 0) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after }, children })

/** The head of a Party document in a DOCX: the body with its number top left, "ĐẢNG CỘNG SẢN VIỆT NAM" with the place and date top right. */
export const docxPartyHeader = (bodyName: string, number: string, placeDate: string) =>
  twoColumns(
    [42, [centered([run(bodyName.toUpperCase(), 14, { bold: true })]), centered([run('*', 14)]), centered([run(number, 14)])]],
    [58, [centered([run(NOTICE_TEXT.party, 15, { bold: true, underline: true })]), centered([run('', 14)]), centered([run(placeDate, 14, { italic: true })])]],
  )

/** A Party document on A4 in Times New Roman: the head, the kind and its line, the body, the closing (signatures). */
export function partyDocument(o: { title: string; draft: boolean; header: Table; kind: string; line: string; body: (Paragraph | Table)[]; closing: Table }) {
  return new Document({
    creator: 'Nghị sự',
    title: o.title,
    styles: { default: { document: { run: { font: FONT, size: pt(14) } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } },
        children: [
          ...(o.draft ? [centered([run('DỰ THẢO', 14, { bold: true })])] : []),
          o.header,
          centered([run('', 14)], 120),
          centered([run(o.kind, 16, { bold: true })]),
          centered([run(o.line, 14, { bold: true })]),
          centered([run('-----', 14)], 240),
          ...o.body,
          centered([run('', 14)], 120),
          o.closing,
        ],
      },
    ],
  })
}

export async function conclusionDocx(data: ConclusionExport): Promise<Buffer> {
  const blocks = blocksOf(data.content, data.names)
  const body: (Paragraph | Table)[] = []
  const bodyPara = (runs: Run[], prefix = '', indent = 0) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: mm(10), left: mm(indent * 6) },
      spacing: { before: 60, after: 60, line: 312, lineRule: LineRuleType.AUTO },
      children: [...(prefix ? [run(prefix, 14)] : []), ...runs.map((r) => run(r.text, 14, r))],
    })
  for (const b of blocks) {
    if (b.kind === 'heading') body.push(bodyPara(b.runs.map((r) => ({ ...r, bold: true }))))
    else if (b.kind === 'paragraph') body.push(bodyPara(b.runs, b.prefix, b.indent))
    else if (b.kind === 'task') body.push(bodyPara([{ text: b.text }]))
    else
      body.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: b.rows.map(
            (cells) =>
              new TableRow({
                children: cells.map((cell) => new TableCell({ children: [new Paragraph({ children: cell.map((r) => run(r.text, 13, r)) })] })),
              }),
          ),
        }),
      )
  }

  const header = docxPartyHeader(data.bodyName, data.numberFormatted ?? blankNumber('TB/TU'), placeAndDate(data.place, data.issuedOn))
  const signatureAndRecipients = twoColumns(
    [
      45,
      [
        new Paragraph({ children: [run(NOTICE_TEXT.recipients, 12, { bold: true, italic: true, underline: true })] }),
        ...noticeRecipients(data.recipients).map((r, i, all) => new Paragraph({ children: [run(`- ${r}${i === all.length - 1 ? '.' : ','}`, 11)] })),
      ],
    ],
    [55, [centered([run(NOTICE_TEXT.onBehalfOfStandingCommittee, 14, { bold: true })]), centered([run(data.signerTitle.toUpperCase(), 14, { bold: true })]), ...[1, 2, 3].map(() => centered([run('', 14)])), centered([run(data.signerName, 14, { bold: true })])]],
  )

  const doc = partyDocument({ title: `Thông báo kết luận ${data.numberFormatted ?? '(dự thảo)'}`, draft: data.draft, header, kind: NOTICE_TEXT.conclusionKind, line: data.summary, body, closing: signatureAndRecipients })
  return Packer.toBuffer(doc)
}

export const PDF_FONTS = TINOS

export const MM = 72 / 25.4

/**
 * The head of a Party document in a PDF: the body with its number top left, "ĐẢNG CỘNG SẢN VIỆT
 * NAM" with the place and date top right, then the kind of document and its line, centred.
 */
export function pdfPartyHeader(doc: PDFKit.PDFDocument, h: { draft: boolean; bodyName: string; number: string; placeAndDate: string; kind: string; line: string }) {
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  const leftCol = width * 0.42
  const rightCol = width * 0.58
  const top = doc.y
  if (h.draft) doc.font('bold').fontSize(14).text('DỰ THẢO', left, top - 14, { width, align: 'center' })
  doc.font('bold').fontSize(14).text(h.bodyName.toUpperCase(), left, top, { width: leftCol, align: 'center' })
  doc.font('regular').text('*', { width: leftCol, align: 'center' })
  doc.text(h.number, { width: leftCol, align: 'center' })
  const afterLeft = doc.y
  doc.font('bold').fontSize(15).text(NOTICE_TEXT.party, left + leftCol, top, { width: rightCol, align: 'center', underline: true })
  doc.moveDown(0.6)
  doc.font('italic').fontSize(14).text(h.placeAndDate, left + leftCol, doc.y, { width: rightCol, align: 'center' })
  doc.y = Math.max(doc.y, afterLeft) + 20
  doc.font('bold').fontSize(16).text(h.kind, left, doc.y, { width, align: 'center' })
  doc.font('bold').fontSize(14).text(h.line, { width, align: 'center' })
  doc.font('regular').text('-----', { width, align: 'center' })
  doc.moveDown(0.8)
}

export function conclusionPdf(data: ConclusionExport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
    info: { Title: `Thông báo kết luận ${data.numberFormatted ?? '(dự thảo)'}`, Creator: 'Nghị sự' },
  })
  for (const [name, file] of Object.entries(PDF_FONTS)) doc.registerFont(name, file)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  const fontOf = (r: Omit<Run, 'text'>) => (r.bold && r.italic ? 'boldItalic' : r.bold ? 'bold' : r.italic ? 'italic' : 'regular')
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right

  pdfPartyHeader(doc, { draft: data.draft, bodyName: data.bodyName, number: data.numberFormatted ?? blankNumber('TB/TU'), placeAndDate: placeAndDate(data.place, data.issuedOn), kind: NOTICE_TEXT.conclusionKind, line: data.summary })

  const paragraph = (runs: Run[], prefix = '', indent = 0) => {
    const all = prefix ? [{ text: prefix }, ...runs] : runs
    if (!all.length) return doc.moveDown(0.5)
    doc.x = left + indent * 6 * MM
    all.forEach((r, i) => {
      doc.font(fontOf(r)).fontSize(14).text(r.text, { continued: i < all.length - 1, align: 'justify', indent: i === 0 ? 10 * MM : 0, underline: r.underline, width: width - indent * 6 * MM, lineGap: 2 })
    })
    doc.moveDown(0.3)
  }
  for (const b of blocksOf(data.content, data.names)) {
    if (b.kind === 'heading') paragraph(b.runs.map((r) => ({ ...r, bold: true })))
    else if (b.kind === 'paragraph') paragraph(b.runs, b.prefix, b.indent)
    else if (b.kind === 'task') paragraph([{ text: b.text }])
    else {
      const cols = Math.max(1, ...b.rows.map((r) => r.length))
      const cw = width / cols
      for (const row of b.rows) {
        const y = doc.y
        let bottom = y
        row.forEach((cell, i) => {
          doc.font('regular').fontSize(12).text(cell.map((r) => r.text).join(''), left + i * cw + 3, y + 3, { width: cw - 6 })
          bottom = Math.max(bottom, doc.y + 3)
        })
        row.forEach((_, i) => doc.rect(left + i * cw, y, cw, bottom - y).stroke())
        doc.y = bottom
      }
      doc.x = left
      doc.moveDown(0.5)
    }
  }

  doc.moveDown(1)
  if (doc.y > doc.page.height - doc.page.margins.bottom - 160) doc.addPage()
  const sigTop = doc.y
  const sigX = left + width * 0.45
  const sigW = width * 0.55
  doc.font('bold').fontSize(14).text(NOTICE_TEXT.onBehalfOfStandingCommittee, sigX, sigTop, { width: sigW, align: 'center' })
  doc.text(data.signerTitle.toUpperCase(), { width: sigW, align: 'center' })
  doc.moveDown(3.5)
  doc.text(data.signerName, { width: sigW, align: 'center' })
  doc.font('boldItalic').fontSize(12).text(NOTICE_TEXT.recipients, left, sigTop, { width: width * 0.45, underline: true })
  const recipients = noticeRecipients(data.recipients)
  recipients.forEach((r, i) => doc.font('regular').fontSize(11).text(`- ${r}${i === recipients.length - 1 ? '.' : ','}`, { width: width * 0.45 }))
  doc.end()
  return done
}

/** Content-Disposition with the Vietnamese name encoded per RFC 5987 and an ASCII fallback. */
export function exportFileName(data: Pick<ConclusionExport, 'numberFormatted' | 'draft'>, ext: 'docx' | 'pdf') {
  const name = `Thong-bao-ket-luan-${data.draft ? 'du-thao' : (data.numberFormatted ?? '').replace(/^Số:?\s*/, '').replace(/[^\w-]+/g, '-')}.${ext}`
  const vietnamese = `Thông báo kết luận ${data.draft ? '(dự thảo)' : (data.numberFormatted ?? '').replace(/\//g, '-')}.${ext}`
  return `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(vietnamese)}`
}
