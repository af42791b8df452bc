import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from '~/core/zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { meetingsBehind, reportRequest } from '~/features/reports/index.server'
import { pageTitle } from '~/i18n'
import { formatDay } from '~/core/dates'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.reportMeetings') }]

/** The meetings behind a row of Biểu 4 (a meeting type in the period): the same computation, listed. */
export async function loader({ request }: LoaderFunctionArgs) {
  const r = reportRequest(request)
  const url = new URL(request.url)
  const type = z.coerce.number().int().positive().catch(0).parse(url.searchParams.get('type'))
  const back = new URLSearchParams(url.searchParams)
  back.delete('type')
  return json({ title: r.title, ...meetingsBehind(r.period, type), back: back.toString() })
}

export default function ReportMeetings() {
  const { title, typeName, meetings, back } = useLoaderData<typeof loader>()
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/reports?${back}`}>← {title}</Link>
      </p>
      <h1>
        {typeName}: {meetings.length} cuộc họp
      </h1>
      <ul className="divide-y divide-stone-200 rounded-md border border-stone-200 bg-white" data-testid="drill-meetings">
        {meetings.map((m) => (
          <li key={m.id} className="p-2">
            <Link to={`/meetings/${m.id}`}>{m.title}</Link>
            <span className="block text-sm text-stone-600">{formatDay(m.date)}</span>
          </li>
        ))}
      </ul>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
