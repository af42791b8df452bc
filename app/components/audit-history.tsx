import { useTranslation } from 'react-i18next'
import { formatDateTime } from '~/lib/dates'

export type AuditRow = {
  id: number
  at: string
  action: string
  actorName: string | null
  summary: { before?: Record<string, unknown>; after?: Record<string, unknown> } | null
}

function describe(summary: AuditRow['summary']) {
  if (!summary) return ''
  const keys = new Set([...Object.keys(summary.before ?? {}), ...Object.keys(summary.after ?? {})])
  return [...keys]
    .map((k) => {
      const b = summary.before?.[k]
      const a = summary.after?.[k]
      const show = (v: unknown) => (v === null || v === undefined || v === '' ? '∅' : Array.isArray(v) ? v.join(', ') : String(v))
      return summary.before && k in summary.before ? `${k}: ${show(b)} → ${show(a)}` : `${k}: ${show(a)}`
    })
    .join('; ')
}

/** Who changed what and when (R4.1), newest first. */
export function AuditHistory({ rows }: { rows: AuditRow[] }) {
  const { t } = useTranslation()
  if (!rows.length) return <p className="text-stone-600">{t('common.noResults')}</p>
  return (
    <div className="overflow-x-auto" role="region" aria-label={t('users.history')} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-300 text-stone-700">
          <tr>
            <th scope="col" className="py-2 pr-3">{t('audit.at')}</th>
            <th scope="col" className="py-2 pr-3">{t('audit.actor')}</th>
            <th scope="col" className="py-2 pr-3">{t('audit.action')}</th>
            <th scope="col" className="py-2">{t('audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-b border-stone-100 align-top">
              <td className="whitespace-nowrap py-2 pr-3">{formatDateTime(r.at)}</td>
              <td className="py-2 pr-3">{r.actorName ?? t('audit.system')}</td>
              <td className="py-2 pr-3">{t(`auditActions.${r.action.replace('.', '_')}`, { defaultValue: r.action })}</td>
              <td className="py-2 break-words">{describe(r.summary)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
