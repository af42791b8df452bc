import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Card } from '~/components/ui/card'
import { ReportView } from '~/features/reports'
import { issuedReportFor } from '~/features/reports/index.server'
import { formatDay } from '~/core/dates'
import { pageTitle } from '~/i18n'
import { requireUser } from '~/features/directory/index.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `${data.report.numberFormatted} · Nghị sự` : pageTitle(matches, 'titles.reports') }]

/** An issued report: its figures as they were when it was issued, whatever happened since. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return json({ report: issuedReportFor(requireUser(request), params.reportId) })
}

export default function IssuedReport() {
  const { report } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to="/reports">← {t('reports.title')}</Link>
      </p>
      <h1>{report.title}</h1>
      <p data-testid="issued-report-number">
        {report.numberFormatted} · {formatDay(report.issuedOn)} · {t('reports.frozen')}
      </p>
      <p className="flex flex-wrap gap-4">
        <a href={`/reports/${report.id}/file.docx`} download>
          {t('reports.download')} (DOCX)
        </a>
        <a href={`/reports/${report.id}/file.xlsx`} download>
          {t('reports.download')} (XLSX)
        </a>
      </p>
      <Card>
        <ReportView figures={report.figures} drill={null} />
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
