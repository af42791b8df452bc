import { Resvg } from '@resvg/resvg-js'
import { ImageRun, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx'
import { renderToStaticMarkup } from 'react-dom/server'
import writeXlsxFile from 'write-excel-file/node'
import { blankNumber, centered, docxPartyHeader, NOTICE_TEXT, partyDocument, placeAndDate, run, twoColumns } from '~/features/conclusions/index.server'
import { TINOS } from '~/core/fonts.server'
import { BucketsByUnitChart, TrendChart } from './components/charts'
import type { ReportFigures } from './figures.server'
import { rates } from './figures.server'
import { formatDay } from '~/core/dates'

/**
 * The report as DOCX (Party layout: the body, number and date, the title, the four tables with
 * the charts as images rendered here from the same SVG components as the page, the signature) and
 * as XLSX (one sheet per table, headers frozen, totals as formulas, Vietnamese number formats).
 */
export type ReportDoc = { title: string; bodyName: string; place: string; numberFormatted: string | null; issuedOn: string | null; signerName: string | null; signerTitle: string | null; figures: ReportFigures }

const pct = (n: number | null) => (n == null ? '—' : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`)
const TABLE1_HEAD = ['STT', 'Đơn vị chủ trì', 'Tổng số', 'HT đúng hạn', 'HT quá hạn', 'Trong hạn', 'Quá hạn', 'Quá hạn > 30 ngày', 'Không thời hạn', 'Quá hạn lâu nhất (ngày)', 'Bình quân (ngày)', 'Gia hạn đã duyệt']
function table1Rows(f: ReportFigures) {
  return f.tasks.rows.map((r, i) => [i + 1, r.unitName, r.total, r.done_on_time, r.done_late, r.open_within, r.open_overdue, r.over30, r.standing, r.maxOverdue, r.avgOverdue, r.extensions] as (string | number)[])
}

/** The chart as PNG (resvg, Tinos loaded from the app so the output does not depend on the machine). */
function png(svg: string) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: 1600 }, font: { fontFiles: Object.values(TINOS), loadSystemFonts: false, defaultFontFamily: 'Tinos' } }).render().asPng()
}

function chartSvgs(f: ReportFigures) {
  const units = renderToStaticMarkup(<BucketsByUnitChart rows={f.tasks.rows} title="Nhiệm vụ theo đơn vị chủ trì" description={`Bốn nhóm tình trạng nhiệm vụ của ${Math.min(15, f.tasks.rows.length)} đơn vị nhiều nhiệm vụ nhất.`} />)
  const trend = renderToStaticMarkup(<TrendChart points={f.tasks.trend} title="Tỷ lệ nhiệm vụ quá hạn theo tháng (%)" description="Tỷ lệ quá hạn trên tổng số nhiệm vụ đang theo dõi, tại cuối mỗi tháng." />)
  return { units, trend }
}

const cell = (text: string | number, bold = false) => new TableCell({ children: [new Paragraph({ children: [run(String(text), 10, { bold })] })] })
const grid = (head: string[], rows: (string | number)[][]) => new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) }))] })
const para = (text: string, bold = false) => new Paragraph({ spacing: { before: 120, after: 60 }, children: [run(text, 13, { bold })] })

export async function reportDocx(d: ReportDoc): Promise<Buffer> {
  const f = d.figures
  const t = f.tasks
  const r = rates(t.total)
  const charts = chartSvgs(f)
  const image = (svg: string, alt: string, w: number, h: number) => new Paragraph({ children: [new ImageRun({ type: 'png', data: png(svg), transformation: { width: w, height: h }, altText: { name: alt, title: alt, description: alt } })] })
  const body = [
    para(`Số liệu tính đến ngày ${formatDay(t.asOf)}. Tổng số ${t.total.total} nhiệm vụ (kể cả nhiệm vụ chuyển tiếp): hoàn thành đúng hạn ${t.total.done_on_time}, hoàn thành quá hạn ${t.total.done_late}; đang thực hiện trong hạn ${t.total.open_within}, quá hạn ${t.total.open_overdue} (trong đó quá 30 ngày ${t.total.over30}); không thời hạn ${t.total.standing}.`),
    para(`Tỷ lệ hoàn thành đúng hạn ${pct(r.onTimeOfDone)} (trên số nhiệm vụ đã hoàn thành); tỷ lệ quá hạn ${pct(r.overdueOfTotal)} (trên tổng số nhiệm vụ). Cùng kỳ năm trước: ${pct(t.lastYear.rates.onTimeOfDone)} và ${pct(t.lastYear.rates.overdueOfTotal)}.`),
    para('Biểu 1. Tình hình thực hiện nhiệm vụ theo đơn vị chủ trì', true),
    grid(TABLE1_HEAD, [...table1Rows(f), ['', 'Tổng cộng', t.total.total, t.total.done_on_time, t.total.done_late, t.total.open_within, t.total.open_overdue, t.total.over30, t.total.standing, t.total.maxOverdue, t.total.avgOverdue, t.total.extensions]]),
    image(charts.units, 'Biểu đồ: nhiệm vụ theo đơn vị chủ trì, bốn nhóm tình trạng', 600, Math.round((600 * (40 + Math.min(15, t.rows.length) * 26 + 30)) / 760)),
    image(charts.trend, 'Biểu đồ: tỷ lệ nhiệm vụ quá hạn theo tháng', 600, Math.round((600 * 220) / 760)),
    para('Biểu 2. Nhiệm vụ quá hạn', true),
    grid(['STT', 'Nhiệm vụ', 'Văn bản giao', 'Đơn vị chủ trì', 'Hạn', 'Số ngày quá hạn', 'Vướng mắc', 'Đề xuất'], t.overdue.map((o, i) => [i + 1, o.content, o.notice ?? '', o.unitName, formatDay(o.deadline), o.daysOverdue, o.obstacle ?? '', o.proposal ?? ''])),
    para('Biểu 3. Thực hiện chương trình công tác', true),
    grid(['Đến hạn', 'Đã tổ chức', 'Hoãn', 'Hủy', 'Chuyển kỳ', 'Còn nợ'], [[f.programme.due, f.programme.held, f.programme.postponed, f.programme.cancelled, f.programme.moved, f.programme.owed]]),
    ...(f.programme.outside.length ? [para('Cuộc họp ngoài chương trình'), grid(['Ngày', 'Cuộc họp', 'Lý do'], f.programme.outside.map((m) => [formatDay(m.date), m.title, m.reason ?? (m.urgent ? 'Đột xuất' : '')]))] : []),
    para('Biểu 4. Kỷ luật hội họp', true),
    grid(['Loại cuộc họp', 'Số cuộc', 'Tài liệu đúng hạn', 'Tài liệu muộn (ngày làm việc)', 'Kết luận đúng hạn', 'Kết luận muộn', 'Có mặt/triệu tập', 'Vắng có lý do', 'Vắng không lý do', 'Đến muộn', 'Đọc tài liệu trước', 'Phát biểu quá giờ'], f.discipline.rows.map((x) => [x.typeName, x.meetings, x.docsOnTime, `${x.docsLate} (${x.docsLateDays})`, x.noticesOnTime, x.noticesLate, `${x.present}/${x.convened}`, x.excused, x.unexcused, x.late, x.readBefore, `${x.overTime}/${x.speeches}`])),
  ]
  const doc = partyDocument({
    title: d.title,
    draft: !d.numberFormatted,
    header: docxPartyHeader(d.bodyName, d.numberFormatted ?? blankNumber('BC/VPTU'), placeAndDate(d.place, d.issuedOn)),
    kind: 'BÁO CÁO',
    line: d.title,
    body,
    closing: twoColumns([45, [new Paragraph({ children: [run(NOTICE_TEXT.recipients, 12, { bold: true, italic: true })] }), new Paragraph({ children: [run('- Thường trực, Ban Thường vụ,', 11)] }), new Paragraph({ children: [run(`- ${NOTICE_TEXT.keptAtOffice}.`, 11)] })]], [55, [centered([run(d.signerTitle?.toUpperCase() ?? 'CHÁNH VĂN PHÒNG', 13, { bold: true })]), centered([run('', 13)]), centered([run('', 13)]), centered([run(d.signerName ?? '', 13, { bold: true })])]]),
  })
  return Packer.toBuffer(doc)
}

type XCell = { value: string | number | null; type?: typeof String | typeof Number | 'Formula'; fontWeight?: 'bold'; format?: string; wrap?: boolean } | null

export async function reportXlsx(d: ReportDoc): Promise<Buffer> {
  const f = d.figures
  const head = (cells: string[]): XCell[] => cells.map((value) => ({ value, fontWeight: 'bold', wrap: true }))
  const num = (value: number, format = '#,##0'): XCell => ({ value, type: Number, format })
  const str = (value: string | null): XCell => ({ value: value ?? '', type: String, wrap: true })
  const rows1 = table1Rows(f).map((r) => r.map((v, j) => (j === 1 ? str(String(v)) : num(Number(v), j === 10 ? '#,##0.0' : '#,##0'))))
  const n = rows1.length
  // The total row sums the column above it (a formula, so an edited cell recomputes).
  const col = (j: number) => String.fromCharCode(65 + j)
  const totals: XCell[] = [str(''), { value: 'Tổng cộng', fontWeight: 'bold' }, ...Array.from({ length: 10 }, (_, k) => ({ value: `SUM(${col(k + 2)}2:${col(k + 2)}${n + 1})`, type: 'Formula' as const, fontWeight: 'bold' as const }))]
  const sheet1 = [head(TABLE1_HEAD), ...rows1, totals]
  const sheet2 = [head(['STT', 'Nhiệm vụ', 'Văn bản giao', 'Đơn vị chủ trì', 'Hạn', 'Số ngày quá hạn', 'Vướng mắc', 'Đề xuất']), ...f.tasks.overdue.map((o, i) => [num(i + 1), str(o.content), str(o.notice), str(o.unitName), str(formatDay(o.deadline)), num(o.daysOverdue), str(o.obstacle), str(o.proposal)])]
  const sheet3 = [head(['Đến hạn', 'Đã tổ chức', 'Hoãn', 'Hủy', 'Chuyển kỳ', 'Còn nợ']), [num(f.programme.due), num(f.programme.held), num(f.programme.postponed), num(f.programme.cancelled), num(f.programme.moved), num(f.programme.owed)]]
  const sheet4 = [head(['Loại cuộc họp', 'Số cuộc', 'Tài liệu đúng hạn', 'Tài liệu muộn', 'Số ngày làm việc muộn', 'Kết luận đúng hạn', 'Kết luận muộn', 'Triệu tập', 'Có mặt', 'Vắng có lý do', 'Vắng không lý do', 'Đến muộn', 'Đọc tài liệu trước', 'Phát biểu', 'Phát biểu quá giờ']), ...f.discipline.rows.map((x) => [str(x.typeName), num(x.meetings), num(x.docsOnTime), num(x.docsLate), num(x.docsLateDays), num(x.noticesOnTime), num(x.noticesLate), num(x.convened), num(x.present), num(x.excused), num(x.unexcused), num(x.late), num(x.readBefore), num(x.speeches), num(x.overTime)])]
  return (await writeXlsxFile([sheet1, sheet2, sheet3, sheet4] as never, {
    buffer: true,
    sheets: ['Biểu 1 - Nhiệm vụ', 'Biểu 2 - Quá hạn', 'Biểu 3 - Chương trình', 'Biểu 4 - Kỷ luật họp'],
    stickyRowsCount: 1,
    columns: [[{ width: 6 }, { width: 40 }, ...Array.from({ length: 10 }, () => ({ width: 12 }))], [{ width: 6 }, { width: 50 }, { width: 16 }, { width: 30 }, { width: 12 }, { width: 12 }, { width: 40 }, { width: 40 }], Array.from({ length: 6 }, () => ({ width: 14 })), [{ width: 30 }, ...Array.from({ length: 14 }, () => ({ width: 12 }))]],
  } as never)) as unknown as Buffer
}
