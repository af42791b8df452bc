import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar, BarStackHorizontal } from '@visx/shape'

/**
 * The report's charts as plain SVG (visx): the same component renders in the page and on the
 * server (to PNG for the DOCX). Each is an image with a title and a description; the table beside
 * it always carries the same numbers.
 */
const BUCKET_COLORS = { done_on_time: '#15803d', done_late: '#a16207', open_within: '#1d4ed8', open_overdue: '#b91c1c' } as const
export type BucketKey = keyof typeof BUCKET_COLORS
const BUCKET_LABELS: Record<BucketKey, string> = { done_on_time: 'Hoàn thành đúng hạn', done_late: 'Hoàn thành quá hạn', open_within: 'Đang thực hiện trong hạn', open_overdue: 'Quá hạn chưa hoàn thành' }

type UnitRow = { unitName: string } & Record<BucketKey, number>

export function BucketsByUnitChart({ rows, width = 760, title, description }: { rows: UnitRow[]; width?: number; title: string; description: string }) {
  const shown = rows.slice(0, 15)
  const left = 220
  const rowHeight = 26
  const height = 40 + shown.length * rowHeight + 30
  const keys = Object.keys(BUCKET_COLORS) as BucketKey[]
  const max = Math.max(1, ...shown.map((r) => keys.reduce((s, k) => s + r[k], 0)))
  const x = scaleLinear<number>({ domain: [0, max], range: [0, width - left - 20] })
  const y = scaleBand<string>({ domain: shown.map((r) => r.unitName), range: [0, shown.length * rowHeight], padding: 0.25 })
  const color = (k: BucketKey) => BUCKET_COLORS[k]
  return (
    <svg role="img" tabIndex={0} className="focus:outline focus:outline-2 focus:outline-brand-600" aria-labelledby="chart-units-title chart-units-desc" width={width} height={height} viewBox={`0 0 ${width} ${height}`} xmlns="http://www.w3.org/2000/svg" style={{ maxWidth: '100%', height: 'auto', fontFamily: 'Tinos, "Times New Roman", serif' }}>
      <title id="chart-units-title">{title}</title>
      <desc id="chart-units-desc">{description}</desc>
      <rect width={width} height={height} fill="#ffffff" />
      <Group top={20} left={left}>
        <BarStackHorizontal<UnitRow, BucketKey> data={shown} keys={keys} y={(d) => d.unitName} xScale={x} yScale={y} color={color}>
          {(stacks) => stacks.map((stack) => stack.bars.map((bar) => <rect key={`${stack.index}-${bar.index}`} x={bar.x} y={bar.y} width={Math.max(0, bar.width)} height={bar.height} fill={bar.color} />))}
        </BarStackHorizontal>
        {shown.map((r) => (
          <text key={r.unitName} x={-8} y={(y(r.unitName) ?? 0) + y.bandwidth() / 2 + 4} textAnchor="end" fontSize={12} fill="#1c1917">
            {r.unitName.length > 32 ? `${r.unitName.slice(0, 31)}…` : r.unitName}
          </text>
        ))}
      </Group>
      <Group top={height - 16} left={left}>
        {keys.map((k, i) => (
          <g key={k} transform={`translate(${i * 130}, 0)`}>
            <rect width={10} height={10} y={-9} fill={BUCKET_COLORS[k]} />
            <text x={14} fontSize={11} fill="#1c1917">
              {BUCKET_LABELS[k]}
            </text>
          </g>
        ))}
      </Group>
    </svg>
  )
}

export function TrendChart({ points, width = 760, title, description }: { points: { label: string; value: number }[]; width?: number; title: string; description: string }) {
  const height = 220
  const top = 20
  const bottom = 30
  const x = scaleBand<string>({ domain: points.map((p) => p.label), range: [40, width - 10], padding: 0.3 })
  const y = scaleLinear<number>({ domain: [0, Math.max(10, ...points.map((p) => p.value))], range: [height - bottom, top] })
  return (
    <svg role="img" tabIndex={0} className="focus:outline focus:outline-2 focus:outline-brand-600" aria-labelledby="chart-trend-title chart-trend-desc" width={width} height={height} viewBox={`0 0 ${width} ${height}`} xmlns="http://www.w3.org/2000/svg" style={{ maxWidth: '100%', height: 'auto', fontFamily: 'Tinos, "Times New Roman", serif' }}>
      <title id="chart-trend-title">{title}</title>
      <desc id="chart-trend-desc">{description}</desc>
      <rect width={width} height={height} fill="#ffffff" />
      {points.map((p) => (
        <g key={p.label}>
          <Bar x={x(p.label)} y={y(p.value)} width={x.bandwidth()} height={height - bottom - y(p.value)} fill="#b91c1c" />
          <text x={(x(p.label) ?? 0) + x.bandwidth() / 2} y={y(p.value) - 4} textAnchor="middle" fontSize={11} fill="#1c1917">
            {p.value.toLocaleString('vi-VN', { maximumFractionDigits: 1 })}
          </text>
          <text x={(x(p.label) ?? 0) + x.bandwidth() / 2} y={height - 10} textAnchor="middle" fontSize={11} fill="#1c1917">
            {p.label}
          </text>
        </g>
      ))}
      <line x1={40} x2={width - 10} y1={height - bottom} y2={height - bottom} stroke="#57534e" />
    </svg>
  )
}

/** A small bar chart of named counts (Biểu 3: what became of the programme's items). */
export function CountsChart({ items, width = 520, title, description, id }: { items: { label: string; value: number; color: string }[]; width?: number; title: string; description: string; id: string }) {
  const height = 200
  const x = scaleBand<string>({ domain: items.map((i) => i.label), range: [20, width - 10], padding: 0.3 })
  const y = scaleLinear<number>({ domain: [0, Math.max(1, ...items.map((i) => i.value))], range: [height - 40, 20] })
  return (
    <svg role="img" tabIndex={0} className="focus:outline focus:outline-2 focus:outline-brand-600" aria-labelledby={`${id}-title ${id}-desc`} width={width} height={height} viewBox={`0 0 ${width} ${height}`} xmlns="http://www.w3.org/2000/svg" style={{ maxWidth: '100%', height: 'auto', fontFamily: 'Tinos, "Times New Roman", serif' }}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <rect width={width} height={height} fill="#ffffff" />
      {items.map((i) => (
        <g key={i.label}>
          <Bar x={x(i.label)} y={y(i.value)} width={x.bandwidth()} height={height - 40 - y(i.value)} fill={i.color} />
          <text x={(x(i.label) ?? 0) + x.bandwidth() / 2} y={y(i.value) - 4} textAnchor="middle" fontSize={12} fill="#1c1917">
            {i.value}
          </text>
          <text x={(x(i.label) ?? 0) + x.bandwidth() / 2} y={height - 22} textAnchor="middle" fontSize={11} fill="#1c1917">
            {i.label}
          </text>
        </g>
      ))}
      <line x1={20} x2={width - 10} y1={height - 40} y2={height - 40} stroke="#57534e" />
    </svg>
  )
}
