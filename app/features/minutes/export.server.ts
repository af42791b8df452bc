import { AlignmentType, LineRuleType, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx'
import PDFDocument from 'pdfkit'
import type { DocJSON as ConclusionDoc } from '~/features/conclusions/index.server'
import { blankNumber, centered, docxPartyHeader, MM, mm, PDF_FONTS, partyDocument, pdfPartyHeader, placeAndDate, run, type Run, runsOf, twoColumns } from '~/features/conclusions/index.server'
import { attendanceText, type AttendanceFacts, closingText, type DocJSON, type ItemFacts, itemText, type MeetingFacts, openingText, type SpeechFacts, speechText, type VoteFacts, voteText } from './doc'

/**
 * The minutes in the Party layout of a biên bản (Hướng dẫn 16-HD/VPTW): the body top left, "ĐẢNG
 * CỘNG SẢN VIỆT NAM" top right, "Số …-BB/…", place and date, BIÊN BẢN and the meeting, then the
 * record — start, place, content, chair, minute-taker, documents; attendance; the proceedings item
 * by item (speeches with their summaries, votes, the chair's conclusion); the closing — and the
 * signature blocks of the chair and the minute-taker side by side. One reading feeds DOCX and PDF.
 */
export type MinutesExport = {
  bodyName: string
  place: string
  numberFormatted: string | null
  approvedOn: string | null
  meetingTitle: string
  content: DocJSON
  signatories: { chair: { name: string; post: string | null }; taker: { name: string; post: string | null } | null }
  draft: boolean
}

type Line = { kind: 'heading' | 'paragraph' | 'record'; runs: Run[]; indent?: number } | { kind: 'table'; rows: Run[][][] }

/** The document as lines: headings, paragraphs, the record blocks written out as the minutes read. */
function minutesLines(doc: DocJSON): Line[] {
  const lines: Line[] = []
  const text = (t: string, bold = false): Run[] => [{ text: t, bold }]
  const visit = (node: DocJSON, depth: number) => {
    switch (node.type) {
      case 'heading':
        lines.push({ kind: 'heading', runs: runsOf(node as ConclusionDoc) })
        return
      case 'paragraph':
        lines.push({ kind: 'paragraph', runs: runsOf(node as ConclusionDoc), indent: depth })
        return
      case 'openingBlock':
        for (const [label, value] of node.attrs?.facts ? openingText(node.attrs.facts as MeetingFacts) : []) lines.push({ kind: 'record', runs: [{ text: `${label}: `, bold: true }, { text: value }] })
        return
      case 'closingBlock':
        if (node.attrs?.facts) lines.push({ kind: 'record', runs: text(closingText(node.attrs.facts as MeetingFacts)) })
        return
      case 'attendanceBlock':
        for (const l of node.attrs?.facts ? attendanceText(node.attrs.facts as AttendanceFacts) : []) lines.push({ kind: 'record', runs: text(l) })
        return
      case 'itemHeading':
        if (node.attrs?.facts) lines.push({ kind: 'heading', runs: text(itemText(node.attrs.facts as ItemFacts), true) })
        return
      case 'speechBlock':
        if (node.attrs?.facts) lines.push({ kind: 'record', runs: text(speechText(node.attrs.facts as SpeechFacts), true) })
        node.content?.forEach((c) => visit(c, depth + 1))
        return
      case 'voteBlock':
        if (node.attrs?.facts) lines.push({ kind: 'record', runs: text(voteText(node.attrs.facts as VoteFacts), true) })
        return
      case 'itemConclusion':
        lines.push({ kind: 'record', runs: text('Kết luận của đồng chí chủ trì:', true) })
        node.content?.forEach((c) => visit(c, depth + 1))
        return
      case 'bulletList':
      case 'orderedList':
        node.content?.forEach((item, i) =>
          item.content?.forEach((child, j) => {
            if (child.type !== 'paragraph') return visit(child, depth + 1)
            const marker = node.type === 'bulletList' ? '- ' : `${i + 1}. `
            lines.push({ kind: 'paragraph', runs: [...(j === 0 ? [{ text: marker }] : []), ...runsOf(child as ConclusionDoc)], indent: depth })
          }),
        )
        return
      case 'table':
        lines.push({ kind: 'table', rows: (node.content ?? []).map((row) => (row.content ?? []).map((cell) => runsOf(cell as ConclusionDoc))) })
        return
      default:
        node.content?.forEach((c) => visit(c, depth))
    }
  }
  doc.content?.forEach((c) => visit(c, 0))
  return lines
}

const signer = (title: string, person: { name: string; post: string | null } | null) => [
  centered([run(title, 13, { bold: true })]),
  centered([run(person?.post ?? '', 12, { italic: true })]),
  ...[1, 2, 3].map(() => centered([run('', 13)])),
  centered([run(person?.name ?? '', 13, { bold: true })]),
]

export async function minutesDocx(data: MinutesExport): Promise<Buffer> {
  const body: (Paragraph | Table)[] = []
  for (const l of minutesLines(data.content)) {
    if (l.kind === 'table') {
      body.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: l.rows.map((cells) => new TableRow({ children: cells.map((cell) => new TableCell({ children: [new Paragraph({ children: cell.map((r) => run(r.text, 13, r)) })] })) })) }))
      continue
    }
    const runs = l.kind === 'heading' ? l.runs.map((r) => ({ ...r, bold: true })) : l.runs
    body.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: mm(10), left: mm((('indent' in l && l.indent) || 0) * 6) }, spacing: { before: 60, after: 60, line: 312, lineRule: LineRuleType.AUTO }, children: runs.map((r) => run(r.text, 14, r)) }))
  }
  const header = docxPartyHeader(data.bodyName, data.numberFormatted ?? blankNumber('BB/TU'), placeAndDate(data.place, data.approvedOn))
  const doc = partyDocument({
    title: `Biên bản ${data.numberFormatted ?? '(dự thảo)'}`,
    draft: data.draft,
    header,
    kind: 'BIÊN BẢN',
    line: data.meetingTitle,
    body,
    closing: twoColumns([50, signer('THƯ KÝ', data.signatories.taker)], [50, signer('CHỦ TRÌ', data.signatories.chair)]),
  })
  return Packer.toBuffer(doc)
}

export function minutesPdf(data: MinutesExport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM }, info: { Title: `Biên bản ${data.numberFormatted ?? '(dự thảo)'}`, Creator: 'Nghị sự' } })
  for (const [name, file] of Object.entries(PDF_FONTS)) doc.registerFont(name, file)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  const fontOf = (r: Omit<Run, 'text'>) => (r.bold && r.italic ? 'boldItalic' : r.bold ? 'bold' : r.italic ? 'italic' : 'regular')
  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  pdfPartyHeader(doc, { draft: data.draft, bodyName: data.bodyName, number: data.numberFormatted ?? blankNumber('BB/TU'), placeAndDate: placeAndDate(data.place, data.approvedOn), kind: 'BIÊN BẢN', line: data.meetingTitle })
  for (const l of minutesLines(data.content)) {
    doc.x = left
    if (l.kind === 'table') {
      for (const row of l.rows) doc.font('regular').fontSize(12).text(row.map((cell) => cell.map((r) => r.text).join('')).join(' | '), { width })
      doc.moveDown(0.3)
      continue
    }
    const runs = l.kind === 'heading' ? l.runs.map((r) => ({ ...r, bold: true })) : l.runs
    const indent = ('indent' in l && l.indent) || 0
    if (!runs.length) {
      doc.moveDown(0.5)
      continue
    }
    doc.x = left + indent * 6 * MM
    runs.forEach((r, i) => doc.font(fontOf(r)).fontSize(14).text(r.text, { continued: i < runs.length - 1, align: 'justify', indent: i === 0 ? 10 * MM : 0, width: width - indent * 6 * MM, lineGap: 2 }))
    doc.moveDown(0.3)
  }
  doc.moveDown(1)
  if (doc.y > doc.page.height - doc.page.margins.bottom - 160) doc.addPage()
  const sigTop = doc.y
  const column = (x: number, title: string, person: { name: string; post: string | null } | null) => {
    doc.font('bold').fontSize(13).text(title, x, sigTop, { width: width / 2, align: 'center' })
    doc.font('italic').fontSize(12).text(person?.post ?? '', { width: width / 2, align: 'center' })
    doc.moveDown(3.5)
    doc.font('bold').fontSize(13).text(person?.name ?? '', { width: width / 2, align: 'center' })
  }
  column(left, 'THƯ KÝ', data.signatories.taker)
  column(left + width / 2, 'CHỦ TRÌ', data.signatories.chair)
  doc.end()
  return done
}

/** Content-Disposition with the Vietnamese name (RFC 5987) and an ASCII fallback. */
export function minutesFileName(data: Pick<MinutesExport, 'numberFormatted' | 'draft'>, ext: 'docx' | 'pdf') {
  const number = (data.numberFormatted ?? '').replace(/^Số:?\s*/, '')
  const ascii = `Bien-ban-${data.draft ? 'du-thao' : number.replace(/[^\w-]+/g, '-')}.${ext}`
  const vietnamese = `Biên bản ${data.draft ? '(dự thảo)' : number.replace(/\//g, '-')}.${ext}`
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(vietnamese)}`
}
