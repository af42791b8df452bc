import { Link } from '@remix-run/react'
import { BucketsByUnitChart, CountsChart, TrendChart } from './charts'
import type { ReportFigures } from '../figures.server'
import { formatDay } from '~/core/dates'

/**
 * A report's four tables, each with its chart beside it (an SVG image with a title and a
 * description); every number of Biểu 1 links to the tasks behind it (`drill` builds the link; an
 * issued report links to today's tasks of the same cell). Vietnamese only: reports are Party
 * documents.
 */
const pct = (n: number | null) => (n == null ? '—' : `${n.toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} %`)
const th = 'border border-stone-300 bg-stone-100 px-2 py-1 text-left align-bottom font-semibold'
const td = 'border border-stone-300 px-2 py-1 align-top'

export function ReportView({ figures: f, drill, drillMeetings = null }: { figures: ReportFigures; drill: ((cell: string, unitId?: number) => string) | null; drillMeetings?: ((typeId: number) => string) | null }) {
  const t = f.tasks
  const n = (value: number, cell: string, unitId?: number) => (drill && value ? <Link to={drill(cell, unitId)}>{value}</Link> : value)
  const cells = ['total', 'done_on_time', 'done_late', 'open_within', 'open_overdue', 'over30', 'standing'] as const
  return (
    <div className="space-y-8">
      <section aria-labelledby="b1">
        <h2 id="b1" className="text-lg font-semibold">
          Biểu 1. Tình hình thực hiện nhiệm vụ theo đơn vị chủ trì
        </h2>
        <p className="text-sm text-stone-700" data-testid="report-rates">
          Tính đến {formatDay(t.asOf)}: tỷ lệ hoàn thành đúng hạn {pct(t.rates.onTimeOfDone)} (trên {t.total.done_on_time + t.total.done_late} nhiệm vụ đã hoàn thành); tỷ lệ quá hạn {pct(t.rates.overdueOfTotal)} (trên tổng số {t.total.total} nhiệm vụ). Cùng kỳ năm trước: {pct(t.lastYear.rates.onTimeOfDone)} và {pct(t.lastYear.rates.overdueOfTotal)} ({t.lastYear.total} nhiệm vụ).
        </p>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full min-w-[56rem] border-collapse text-sm" data-testid="report-table1">
            <caption className="sr-only">Biểu 1</caption>
            <thead>
              <tr>
                {['Đơn vị chủ trì', 'Tổng số', 'HT đúng hạn', 'HT quá hạn', 'Trong hạn', 'Quá hạn', 'Quá hạn > 30 ngày', 'Không thời hạn', 'Quá hạn lâu nhất / bình quân (ngày)', 'Gia hạn đã duyệt'].map((h) => (
                  <th key={h} scope="col" className={th}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r) => (
                <tr key={r.unitId}>
                  <th scope="row" className={`${td} font-medium`}>
                    {r.unitName}
                  </th>
                  {cells.map((c) => (
                    <td key={c} className={td}>
                      {n(c === 'over30' ? r.over30 : r[c], c, r.unitId)}
                    </td>
                  ))}
                  <td className={td}>
                    {r.maxOverdue} / {r.avgOverdue.toLocaleString('vi-VN')}
                  </td>
                  <td className={td}>{r.extensions}</td>
                </tr>
              ))}
              <tr className="font-semibold">
                <th scope="row" className={td}>
                  Tổng cộng
                </th>
                {cells.map((c) => (
                  <td key={c} className={td}>
                    {n(c === 'over30' ? t.total.over30 : t.total[c], c)}
                  </td>
                ))}
                <td className={td}>
                  {t.total.maxOverdue} / {t.total.avgOverdue.toLocaleString('vi-VN')}
                </td>
                <td className={td}>{t.total.extensions}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="mt-4 grid gap-4 lg:grid-cols-2">
          <figure>
            <BucketsByUnitChart rows={t.rows} title="Nhiệm vụ theo đơn vị chủ trì" description={`Bốn nhóm tình trạng nhiệm vụ của ${Math.min(15, t.rows.length)} đơn vị nhiều nhiệm vụ nhất; số liệu đầy đủ ở Biểu 1.`} />
          </figure>
          <figure>
            <TrendChart points={t.trend} title="Tỷ lệ nhiệm vụ quá hạn theo tháng (%)" description={t.trend.map((p) => `${p.label}: ${p.value} %`).join('; ')} />
          </figure>
        </div>
      </section>

      <section aria-labelledby="b2">
        <h2 id="b2" className="text-lg font-semibold">
          Biểu 2. Nhiệm vụ quá hạn ({t.overdue.length})
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] border-collapse text-sm" data-testid="report-table2">
            <thead>
              <tr>
                {['Nhiệm vụ', 'Văn bản giao', 'Đơn vị chủ trì', 'Hạn', 'Số ngày quá hạn', 'Vướng mắc', 'Đề xuất'].map((h) => (
                  <th key={h} scope="col" className={th}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.overdue.map((o) => (
                <tr key={o.id}>
                  <td className={td}>
                    <Link to={`/tasks/${o.id}`}>{o.content}</Link>
                  </td>
                  <td className={td}>{o.notice}</td>
                  <td className={td}>{o.unitName}</td>
                  <td className={td}>{formatDay(o.deadline)}</td>
                  <td className={td}>{o.daysOverdue}</td>
                  <td className={td}>{o.obstacle}</td>
                  <td className={td}>{o.proposal}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="b3">
        <h2 id="b3" className="text-lg font-semibold">
          Biểu 3. Thực hiện chương trình công tác
        </h2>
        <figure className="float-right ml-4 w-full max-w-md">
          <CountsChart
            id="chart-programme"
            items={[
              { label: 'Đã tổ chức', value: f.programme.held, color: '#15803d' },
              { label: 'Hoãn', value: f.programme.postponed, color: '#a16207' },
              { label: 'Hủy', value: f.programme.cancelled, color: '#57534e' },
              { label: 'Chuyển kỳ', value: f.programme.moved, color: '#1d4ed8' },
              { label: 'Còn nợ', value: f.programme.owed, color: '#b91c1c' },
            ]}
            title="Nội dung chương trình công tác đến hạn trong kỳ"
            description={`Đến hạn ${f.programme.due}: đã tổ chức ${f.programme.held}, hoãn ${f.programme.postponed}, hủy ${f.programme.cancelled}, chuyển kỳ ${f.programme.moved}, còn nợ ${f.programme.owed}.`}
          />
        </figure>
        <p data-testid="report-table3">
          Đến hạn {f.programme.due} nội dung: đã tổ chức {f.programme.held}, hoãn {f.programme.postponed}, hủy {f.programme.cancelled}, chuyển kỳ {f.programme.moved}, còn nợ {f.programme.owed}. Họp ngoài chương trình: {f.programme.outside.length} cuộc.
        </p>
        {f.programme.owedItems.length ? (
          <ul className="list-disc pl-6 text-sm">
            {f.programme.owedItems.map((i) => (
              <li key={i.id}>
                <Link to={`/programme/items/${i.id}`}>{i.content}</Link> (tháng {i.month})
              </li>
            ))}
          </ul>
        ) : null}
        {f.programme.outside.length ? (
          <ul className="list-disc pl-6 text-sm">
            {f.programme.outside.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`}>{m.title}</Link> ({formatDay(m.date)}): {m.reason ?? (m.urgent ? 'đột xuất' : '')}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="b4" className="clear-both">
        <h2 id="b4" className="text-lg font-semibold">
          Biểu 4. Kỷ luật hội họp
        </h2>
        <figure className="mb-3 max-w-xl">
          <CountsChart
            id="chart-discipline"
            items={[
              { label: 'Tài liệu đúng hạn', value: f.discipline.rows.reduce((a, x) => a + x.docsOnTime, 0), color: '#15803d' },
              { label: 'Tài liệu muộn', value: f.discipline.rows.reduce((a, x) => a + x.docsLate, 0), color: '#b91c1c' },
              { label: 'Kết luận đúng hạn', value: f.discipline.rows.reduce((a, x) => a + x.noticesOnTime, 0), color: '#1d4ed8' },
              { label: 'Kết luận muộn', value: f.discipline.rows.reduce((a, x) => a + x.noticesLate, 0), color: '#a16207' },
            ]}
            width={600}
            title="Gửi tài liệu và ban hành kết luận đúng hạn"
            description="Số cuộc họp gửi tài liệu đúng hạn và muộn, số thông báo kết luận ban hành đúng hạn và muộn trong kỳ."
          />
        </figure>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[56rem] border-collapse text-sm" data-testid="report-table4">
            <thead>
              <tr>
                {['Loại cuộc họp', 'Số cuộc (ngoài CT / trực tuyến)', 'Tài liệu đúng hạn / muộn (ngày làm việc) / chưa gửi', 'Kết luận đúng hạn / muộn', 'Có mặt / triệu tập', 'Vắng có lý do / không lý do / dự thay', 'Đến muộn / về sớm', 'Đọc tài liệu trước', 'Phát biểu quá giờ'].map((h) => (
                  <th key={h} scope="col" className={th}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {f.discipline.rows.map((x) => (
                <tr key={x.typeId}>
                  <th scope="row" className={`${td} font-medium`}>
                    {x.typeName}
                  </th>
                  <td className={td}>
                    {drillMeetings && x.meetings ? <Link to={drillMeetings(x.typeId)} className="underline">{x.meetings}</Link> : x.meetings} ({x.outside} / {x.online})
                  </td>
                  <td className={td}>
                    {x.docsOnTime} / {x.docsLate} ({x.docsLateDays}) / {x.docsNone}
                  </td>
                  <td className={td}>
                    {x.noticesOnTime} / {x.noticesLate}
                  </td>
                  <td className={td}>
                    {x.present} / {x.convened}
                  </td>
                  <td className={td}>
                    {x.excused} / {x.unexcused} / {x.substituted}
                  </td>
                  <td className={td}>
                    {x.late} / {x.leftEarly}
                  </td>
                  <td className={td}>
                    {x.readBefore} / {x.convened}
                  </td>
                  <td className={td}>
                    {x.overTime} / {x.speeches}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
