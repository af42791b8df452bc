import { useTranslation } from 'react-i18next'
import { formatDateTime } from '~/core/dates'
import type { AuditEntryView } from '~/core/audit.server'

/** Who changed what and when (R4.1), newest first: actions and fields in words, people and units by name. */
export function AuditHistory({ rows }: { rows: AuditEntryView[] }) {
  const { t } = useTranslation()
  if (!rows.length) return <p className="text-stone-600">{t('common.noResults')}</p>
  return (
    <div className="overflow-x-auto" role="region" aria-label={t('users.history')} tabIndex={0}>
      <table className="w-full text-left text-sm" data-testid="audit-history">
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
              <td className="py-2 pr-3">{r.action}</td>
              <td className="py-2 break-words">
                {r.changes.length ? (
                  <ul className="space-y-0.5">
                    {r.changes.map((c) => (
                      <li key={c.field}>
                        <span className="font-medium">{c.label}:</span> {c.from !== null ? `${c.from} → ${c.to}` : c.to}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
