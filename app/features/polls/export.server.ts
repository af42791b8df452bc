import { Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx'
import PDFDocument from 'pdfkit'
import { centered, docxPartyHeader, MM, PDF_FONTS, partyDocument, pdfPartyHeader, placeAndDate, run, twoColumns } from '~/features/conclusions/index.server'
import { vietnamDate } from '~/core/days'
import type { CampaignDetail, PollResults } from './polls.server'
import { formatPercent } from './tally'

/**
 * The poll's papers: the counting board's record with the result table (biên bản kiểm phiếu,
 * DOCX and PDF) and the paper ballot of Phụ lục 4 (PDF; nothing on it identifies a voter).
 */
const LEVEL = { high: 'Tín nhiệm cao', normal: 'Tín nhiệm', low: 'Tín nhiệm thấp' } as const
const flag = (t: string) => (t === 'two_thirds' ? 'Từ 2/3 tín nhiệm thấp' : t === 'over_half' ? 'Trên 1/2 tín nhiệm thấp' : '')

function resultRows(r: PollResults) {
  return r.people.map((p, i) => [
    String(i + 1),
    `${p.name} — ${p.post}`,
    String(p.issued),
    String(p.returned),
    String(p.valid),
    String(p.invalid),
    ...(['high', 'normal', 'low'] as const).map((l) => `${p[l]} (${formatPercent(p.percent[l])})`),
    flag(p.threshold),
  ])
}
const HEAD = ['STT', 'Họ tên, chức vụ', 'Phát ra', 'Thu về', 'Hợp lệ', 'Không hợp lệ', LEVEL.high, LEVEL.normal, LEVEL.low, 'Ghi chú']

function recordLines(r: PollResults) {
  const c = r.campaign
  return [
    `Căn cứ ${c.legalBasis}, ${c.bodyName} tổ chức ${c.title.charAt(0).toLowerCase()}${c.title.slice(1)}.`,
    `Ban kiểm phiếu gồm các đồng chí: ${c.board.map((b) => b.name).join(', ')}.`,
    `Số người được triệu tập bỏ phiếu: ${r.convened}; số phiếu thu về: ${r.returned}; cần ít nhất ${r.quorumNeeded} (hai phần ba) — ${r.quorumMet ? 'đủ điều kiện' : 'không đủ điều kiện'} theo Quy định 96-QĐ/TW.`,
    'Tỷ lệ của từng mức tín nhiệm tính trên tổng số phiếu thu về. Kết quả kiểm phiếu như sau:',
  ]
}

export async function resultsDocx(r: PollResults): Promise<Buffer> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [HEAD, ...resultRows(r)].map((cells, i) => new TableRow({ tableHeader: i === 0, children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [run(c, 11, { bold: i === 0 })] })] })) })),
  })
  const signer = (name: string) => [centered([run('', 13)]), centered([run('', 13)]), centered([run(name, 13, { bold: true })])]
  const board = r.campaign.board
  const doc = partyDocument({
    title: `Biên bản kiểm phiếu: ${r.campaign.title}`,
    draft: r.campaign.state === 'open',
    header: docxPartyHeader(r.campaign.bodyName, '', placeAndDate('', r.campaign.closedAt ? vietnamDate(r.campaign.closedAt) : null).replace(/^, /, '')),
    kind: 'BIÊN BẢN KIỂM PHIẾU',
    line: r.campaign.title,
    body: [...recordLines(r).map((l) => new Paragraph({ children: [run(l, 14)], spacing: { after: 80 } })), table],
    closing: twoColumns([50, [centered([run('TRƯỞNG BAN KIỂM PHIẾU', 13, { bold: true })]), ...signer(board[0]?.name ?? '')]], [50, [centered([run('CÁC THÀNH VIÊN', 13, { bold: true })]), ...board.slice(1).flatMap((b) => signer(b.name))]]),
  })
  return Packer.toBuffer(doc)
}

function pdf(title: string, draw: (doc: PDFKit.PDFDocument, width: number) => void) {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 20 * MM, bottom: 20 * MM, left: 20 * MM, right: 15 * MM }, info: { Title: title, Creator: 'Nghị sự' } })
  for (const [name, file] of Object.entries(PDF_FONTS)) doc.registerFont(name, file)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))))
  draw(doc, doc.page.width - doc.page.margins.left - doc.page.margins.right)
  doc.end()
  return done
}

function grid(doc: PDFKit.PDFDocument, widths: number[], rows: string[][], size = 10) {
  const left = doc.page.margins.left
  for (const [i, row] of rows.entries()) {
    const y = doc.y
    let bottom = y
    let x = left
    row.forEach((cell, j) => {
      doc.font(i === 0 ? 'bold' : 'regular').fontSize(size).text(cell, x + 3, y + 3, { width: widths[j]! - 6 })
      bottom = Math.max(bottom, doc.y + 3)
      x += widths[j]!
    })
    x = left
    for (const w of widths) {
      doc.rect(x, y, w, bottom - y).stroke()
      x += w
    }
    doc.y = bottom
    if (doc.y > doc.page.height - doc.page.margins.bottom - 40) doc.addPage()
  }
  doc.x = left
}

export function resultsPdf(r: PollResults) {
  return pdf(`Biên bản kiểm phiếu: ${r.campaign.title}`, (doc, width) => {
    pdfPartyHeader(doc, { draft: r.campaign.state === 'open', bodyName: r.campaign.bodyName, number: '', placeAndDate: '', kind: 'BIÊN BẢN KIỂM PHIẾU', line: r.campaign.title })
    for (const l of recordLines(r)) doc.font('regular').fontSize(12).text(l, { width, align: 'justify' }).moveDown(0.3)
    const unit = width / 20
    grid(doc, [1, 5, 1.5, 1.5, 1.5, 1.5, 2, 2, 2, 2].map((w) => w * unit), [HEAD, ...resultRows(r)], 8)
    doc.moveDown(1.5)
    doc.font('bold').fontSize(12).text('TRƯỞNG BAN KIỂM PHIẾU', { width: width / 2, align: 'center' })
    doc.moveDown(3)
    doc.text(r.campaign.board[0]?.name ?? '', { width: width / 2, align: 'center' })
  })
}

/** The paper ballot (Phụ lục 4 of 96-QĐ/TW): the people polled with the three levels to tick, nothing identifying the voter. */
export function paperBallotPdf(c: CampaignDetail) {
  return pdf(`Phiếu lấy ý kiến tín nhiệm: ${c.title}`, (doc, width) => {
    doc.font('bold').fontSize(13).text(c.bodyName.toUpperCase(), { width, align: 'center' })
    doc.moveDown(0.8)
    doc.font('bold').fontSize(15).text('PHIẾU LẤY Ý KIẾN TÍN NHIỆM', { width, align: 'center' })
    doc.font('regular').fontSize(12).text(c.title, { width, align: 'center' })
    doc.moveDown(0.6)
    doc.font('italic').fontSize(11).text('Đánh dấu (X) vào một ô tương ứng với mức tín nhiệm đối với từng người. Phiếu đánh dấu vào hai, ba ô hoặc không đánh dấu đối với người nào thì không hợp lệ đối với người đó.', { width, align: 'justify' })
    doc.moveDown(0.6)
    const unit = width / 20
    grid(doc, [1.2, 9.8, 3, 3, 3].map((w) => w * unit), [['STT', 'Họ tên, chức vụ', LEVEL.high, LEVEL.normal, LEVEL.low], ...c.candidates.map((p, i) => [String(i + 1), `${p.name}\n${p.post}${p.unitName ? `, ${p.unitName}` : ''}`, '', '', ''])], 11)
    if (c.allowSignature) {
      doc.moveDown(1)
      doc.font('regular').fontSize(11).text('Người bỏ phiếu (có thể ghi hoặc không ghi họ tên): ..........................................', { width })
    }
  })
}
