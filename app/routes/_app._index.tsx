import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/auth.server'
import { tasksAwaitingDecision } from '~/models/tasks.server'
import { Card } from '~/components/ui/card'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatDate, formatDateTime } from '~/lib/dates'
import { documentsToRead } from '~/models/documents.server'
import { upcomingInvitations } from '~/models/meetings.server'
import { can, hasRole } from '~/models/permissions.server'
import { listUnits } from '~/models/units.server'
import { listUsers } from '~/models/users.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const adminFigures = can(user, 'users.manage')
    ? { users: listUsers({ pageSize: 1 }).total, units: listUnits().length }
    : null
  return json({
    user: { fullName: user.fullName, position: user.position, unitName: user.unitName, roles: user.roles },
    adminFigures,
    invitations: upcomingInvitations(user.id),
    toRead: documentsToRead(user),
    awaiting: tasksAwaitingDecision(user),
    decides: can(user, 'meetings.manage') || hasRole(user, 'chair'),
  })
}

export const meta: MetaFunction = () => [{ title: 'Trang chủ · Nghị sự' }]

/** A home per role: each role the person holds has its own section. */
export default function Home() {
  const { user, adminFigures, invitations, toRead, awaiting, decides } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <div>
        <h1>{t('home.greeting', { name: user.fullName })}</h1>
        <p className="mt-1 text-stone-700">
          {[user.position, user.unitName].filter(Boolean).join(' · ')}
        </p>
        <p className="mt-1 text-sm text-stone-600">
          {t('home.yourRoles')}: {user.roles.map((r) => t(`roles.${r}`)).join(', ')}
        </p>
      </div>
      {decides ? (
        <Card title={t('home.awaitingDecision')}>
          {awaiting.length ? (
            <ul className="divide-y divide-stone-100" data-testid="awaiting-decision">
              {awaiting.map((task) => (
                <li key={task.id} className="py-2">
                  <Link to={`/tasks/${task.id}`} className="font-medium">
                    {task.content}
                  </Link>
                  <span className="block text-sm text-stone-600">
                    {task.leadUnitName} ·{' '}
                    {task.completionDeclaredOn
                      ? t('home.completionDeclared', { date: formatDate(`${task.completionDeclaredOn}T12:00:00+07:00`) })
                      : t('home.extensionRequested', { date: formatDate(`${task.pendingDeadline}T12:00:00+07:00`) })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-stone-600">{t('home.awaitingNone')}</p>
          )}
        </Card>
      ) : null}
      <Card title={t('meetings.myInvitations')}>
        {invitations.length ? (
          <ul className="divide-y divide-stone-100" data-testid="invitations">
            {invitations.map((m) => (
              <li key={m.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <Link to={`/meetings/${m.id}`} className="font-medium">
                    {m.title}
                  </Link>
                  <span className="block text-sm text-stone-600">
                    {formatDateTime(m.startsAt)}
                    {m.location ? ` · ${m.location}` : ''}
                  </span>
                </span>
                <span className="text-sm">{t(`rsvp.${m.rsvp}`)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-600">{t('meetings.noInvitations')}</p>
        )}
      </Card>
      {toRead.length ? (
        <Card title={t('documents.toRead')}>
          <ul className="space-y-3" data-testid="documents-to-read">
            {toRead.map((m) => (
              <li key={m.id}>
                <p className="font-medium">
                  <Link to={`/meetings/${m.id}/documents`}>{m.title}</Link>
                  <span className="block text-sm font-normal text-stone-600">{formatDateTime(m.startsAt)}</span>
                </p>
                <ul className="mt-1 space-y-0.5 text-sm">
                  {m.documents.map((d) => (
                    <li key={d.id} className="flex flex-wrap justify-between gap-2">
                      <Link to={`/documents/${d.id}`}>{d.title}</Link>
                      <span className={d.readState === 'read' ? 'text-emerald-800' : 'text-red-800'}>{t(`documents.read_${d.readState}`)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        {user.roles.map((role) => (
          <Card key={role} title={t(`home.${role}.title`)}>
            <p className="text-stone-700">{t(`home.${role}.body`, { unit: user.unitName ?? '' })}</p>
            {role === 'admin' && adminFigures ? (
              <ul className="mt-3 space-y-1">
                <li>
                  <Link to="/admin/users">{t('home.admin.users', { count: adminFigures.users })}</Link>
                </li>
                <li>
                  <Link to="/admin/units">{t('home.admin.units', { count: adminFigures.units })}</Link>
                </li>
              </ul>
            ) : null}
          </Card>
        ))}
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
