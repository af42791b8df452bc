import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { actorOf } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Card } from '~/components/ui/card'
import { ReportView } from '~/features/reports'
import { canIssueReports, issueReport, listReports, reportFigures, reportRequest, reportUnits, supervision } from '~/features/reports/index.server'
import { formatDay } from '~/core/dates'
import { canSeeBodyReports } from '~/features/reports/index.server'
import { redirectWithToast } from '~/core/toast.server'
import { DateField } from '~/components/ui/date-field'
import { pageTitle } from '~/i18n'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `${data.title} · Nghị sự` : pageTitle(matches, 'titles.reports') }]

/**
 * Periodic reports (R5, R6): a period and a scope, the four tables computed from the records now
 * (a draft), drill-down from every number of Biểu 1, the DOCX and XLSX, issuing (the figures kept
 * as they are, with the number), the issued ones, and supervision over the last four quarters.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const r = reportRequest(request)
  const overview = canSeeBodyReports(r.user)
  return json({
    title: r.title,
    kind: r.kind,
    year: r.year,
    n: r.n,
    period: r.period,
    query: r.query,
    figures: reportFigures({ period: r.period }),
    units: overview ? reportUnits() : [],
    canIssue: canIssueReports(r.user),
    issued: listReports({ user: r.user }),
    supervision: overview ? supervision() : null,
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const r = reportRequest(request)
  if (!canIssueReports(r.user)) throw json({ message: 'reports.errors.forbidden' }, { status: 403 })
  const issued = issueReport({ input: { ...r.period, title: r.title, signerName: r.user.fullName, signerTitle: r.user.position }, actor: actorOf(r.user, context) })
  return redirectWithToast(`/reports/${issued.id}`, { key: 'reports.issued' })
}

export default function Reports() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const navigation = useNavigation()
  const q = new URLSearchParams(data.query)
  const drill = (cell: string, unitId?: number) => {
    const p = new URLSearchParams(q)
    p.set('cell', cell)
    if (unitId) p.set('lead', String(unitId))
    return `/reports/tasks?${p}`
  }
  const field = 'block rounded-md border border-stone-400 bg-white px-3 py-2 min-h-10'
  return (
    <div className="space-y-6">
      <h1>{t('reports.title')}</h1>
      <Form method="get" className="flex flex-wrap items-end gap-3" aria-label={t('reports.choose')}>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t('reports.kind')}</span>
          <select name="kind" defaultValue={data.kind} className={field}>
            {(['month', 'quarter', 'half_year', 'year', 'range'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`reports.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t('reports.year')}</span>
          <input name="year" type="number" min={2000} max={2100} defaultValue={data.year} className={`${field} w-28`} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">{t('reports.number')}</span>
          <input name="n" type="number" min={1} max={12} defaultValue={data.n} className={`${field} w-20`} />
        </label>
        <DateField className="text-sm" label={t('reports.from')} name="from" defaultValue={data.kind === 'range' ? data.period.from : ''} />
        <DateField className="text-sm" label={t('reports.to')} name="to" defaultValue={data.kind === 'range' ? data.period.to : ''} />
        {data.units.length ? (
          <label className="text-sm">
            <span className="mb-1 block font-medium">{t('reports.scope')}</span>
            <select name="unit" defaultValue={data.period.unitId ?? ''} className={field}>
              <option value="">{t('reports.wholeBody')}</option>
              {data.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button type="submit">{t('reports.show')}</Button>
      </Form>

      <Card>
        <h2 className="text-xl font-semibold" data-testid="report-title">
          {data.title}
        </h2>
        <p className="text-sm text-stone-700">
          {t('reports.draftNote', { from: formatDay(data.period.from), to: formatDay(data.period.to) })}
        </p>
        <p className="mt-2 flex flex-wrap gap-4">
          <a href={`/reports/file.docx?${data.query}`} download data-testid="report-docx">
            {t('reports.download')} (DOCX)
          </a>
          <a href={`/reports/file.xlsx?${data.query}`} download data-testid="report-xlsx">
            {t('reports.download')} (XLSX)
          </a>
        </p>
        {data.canIssue ? (
          <Form method="post" action={`?${data.query}`} className="mt-3" onSubmit={(e) => !window.confirm(t('reports.issueConfirm')) && e.preventDefault()}>
            <Button type="submit" variant="primary" disabled={navigation.state !== 'idle'}>
              {t('reports.issue')}
            </Button>
          </Form>
        ) : null}
        <div className="mt-6">
          <ReportView figures={data.figures} drill={drill} drillMeetings={(typeId) => `/reports/meetings?${new URLSearchParams({ ...Object.fromEntries(q), type: String(typeId) })}`} />
        </div>
      </Card>

      {data.supervision ? (
        <Card title={t('reports.supervision')}>
          <div className="grid gap-6 md:grid-cols-2">
            <div className="md:col-span-2 overflow-x-auto">
              <table className="w-full min-w-[32rem] border-collapse text-sm" data-testid="supervision-series">
                <caption className="mb-1 text-left font-semibold">{t('reports.series')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="border border-stone-300 bg-stone-100 px-2 py-1 text-left">
                      {t('reports.unit')}
                    </th>
                    {data.supervision.quarters.map((q) => (
                      <th key={q} scope="col" className="border border-stone-300 bg-stone-100 px-2 py-1 text-left">
                        {q}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[...data.supervision.best, ...data.supervision.repeated.filter((r) => !data.supervision!.best.some((b) => b.unitId === r.unitId))].map((u) => (
                    <tr key={u.unitId}>
                      <th scope="row" className="border border-stone-300 px-2 py-1 text-left font-medium">
                        {u.unitName}
                      </th>
                      {u.series.map((v, i) => (
                        <td key={i} className="border border-stone-300 px-2 py-1">
                          {v == null ? '—' : `${Math.round(v * 10) / 10} %`}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <h3 className="font-semibold">{t('reports.best')}</h3>
              <ol className="list-decimal pl-6 text-sm" data-testid="supervision-best">
                {data.supervision.best.map((u) => (
                  <li key={u.unitId}>
                    {u.unitName}: {Math.round((1000 * u.onTime) / u.done) / 10} % ({u.onTime}/{u.done})
                  </li>
                ))}
              </ol>
            </div>
            <div>
              <h3 className="font-semibold">{t('reports.repeated', { quarters: data.supervision.quarters.join(', ') })}</h3>
              <ul className="list-disc pl-6 text-sm" data-testid="supervision-repeated">
                {data.supervision.repeated.map((u) => (
                  <li key={u.unitId}>
                    {u.unitName}: {t('reports.overdueQuarters', { count: u.overdueQuarters })}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </Card>
      ) : null}

      {data.issued.length ? (
        <Card title={t('reports.issuedList')}>
          <ul className="space-y-1 text-sm">
            {data.issued.map((r) => (
              <li key={r.id}>
                <Link to={`/reports/${r.id}`}>{r.numberFormatted}</Link> — {r.title} ({formatDay(r.issuedOn)})
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
