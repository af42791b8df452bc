import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from '~/core/zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { drillDown, reportRequest } from '~/features/reports/index.server'
import { pageTitle } from '~/i18n'
import { formatDay } from '~/core/dates'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.reportTasks') }]

const CELLS = { total: 'Tổng số', done_on_time: 'Hoàn thành đúng hạn', done_late: 'Hoàn thành quá hạn', open_within: 'Đang thực hiện trong hạn', open_overdue: 'Quá hạn', over30: 'Quá hạn trên 30 ngày', standing: 'Không thời hạn' } as const

/** The tasks behind a number of the report (Biểu 1): the same computation, listed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const r = reportRequest(request)
  const url = new URL(request.url)
  const cell = z.enum(Object.keys(CELLS) as [keyof typeof CELLS]).catch('total').parse(url.searchParams.get('cell'))
  const lead = z.coerce.number().int().positive().optional().catch(undefined).parse(url.searchParams.get('lead') ?? undefined)
  const back = new URLSearchParams(url.searchParams)
  back.delete('cell')
  back.delete('lead')
  return json({ title: r.title, cellLabel: CELLS[cell], tasks: drillDown(r.period, cell, lead), back: back.toString() })
}

export default function ReportTasks() {
  const { title, cellLabel, tasks, back } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/reports?${back}`}>← {title}</Link>
      </p>
      <h1>
        {cellLabel}: {tasks.length} nhiệm vụ
      </h1>
      <ul className="divide-y divide-stone-200 rounded-md border border-stone-200 bg-white" data-testid="drill-tasks">
        {tasks.map((t) => (
          <li key={t.id} className="p-2">
            <Link to={`/tasks/${t.id}`}>{t.content}</Link>
            <span className="block text-sm text-stone-600">
              {t.unitName} · hạn {t.deadline ? formatDay(t.deadline) : 'không thời hạn'}
              {t.completedOn ? ` · hoàn thành ${formatDay(t.completedOn)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
