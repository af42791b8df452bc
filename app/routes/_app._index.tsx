import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { listUnits, listUsers, requireUser } from '~/features/directory/index.server'
import { tasksAwaitingDecision } from '~/features/tasks/index.server'
import { Card } from '~/components/ui/card'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { formatDateTime, formatDay } from '~/core/dates'
import { documentsToRead } from '~/features/documents/index.server'
import { upcomingInvitations } from '~/features/meetings/index.server'
import { can, hasRole } from '~/core/permissions.server'
import { meetingsWithoutInvitations, nextChairedMeetingReadiness, tasksDueSoon } from '~/features/home/index.server'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const adminFigures = can(user, 'users.manage')
    ? { users: listUsers({ filter: { pageSize: 1 } }).total, units: listUnits().length }
    : null
  return json({
    user: { fullName: user.fullName, position: user.position, unitName: user.unitName, roles: user.roles },
    adminFigures,
    invitations: upcomingInvitations({ userId: user.id }),
    toRead: documentsToRead({ user }),
    awaiting: tasksAwaitingDecision({ user }),
    decides: can(user, 'meetings.manage') || hasRole(user, 'chair'),
    // What each role does next: the unit's tasks due soon, the chair's next meeting, the Office's invitations to send.
    dueSoon: hasRole(user, 'unit_officer') && user.unitId ? tasksDueSoon({ unitId: user.unitId }) : null,
    nextMeeting: hasRole(user, 'chair') ? nextChairedMeetingReadiness({ userId: user.id }) : null,
    toInvite: can(user, 'meetings.manage') ? meetingsWithoutInvitations() : null,
  })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.home') }]

/** A home per role: each role the person holds has its own section. */
export default function Home() {
  const { user, adminFigures, invitations, toRead, awaiting, decides, dueSoon, nextMeeting, toInvite } = useLoaderData<typeof loader>()
  const unanswered = invitations.filter((m) => m.rsvp === 'pending').length
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
                      ? t('home.completionDeclared', { date: formatDay(task.completionDeclaredOn) })
                      : t('home.extensionRequested', { date: formatDay(task.pendingDeadline!) })}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-stone-600">{t('home.awaitingNone')}</p>
          )}
        </Card>
      ) : null}
      {dueSoon ? (
        <Card title={t('home.dueSoon')}>
          {dueSoon.length ? (
            <ul className="divide-y divide-stone-100" data-testid="tasks-due-soon">
              {dueSoon.map((task) => (
                <li key={task.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <Link to={`/tasks/${task.id}`} className="font-medium">
                    {task.content}
                  </Link>
                  <span className={`text-sm ${task.overdue ? 'font-medium text-red-800' : 'text-stone-700'}`}>
                    {task.overdue ? t('home.overdueSince', { date: formatDay(task.deadline!) }) : task.dueToday ? t('home.dueToday') : t('home.dueOn', { date: formatDay(task.deadline!) })} · {task.progress}%
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-stone-600">{t('home.nothingDue')}</p>
          )}
          <p className="mt-2 text-sm">
            <Link to="/tasks">{t('home.allUnitTasks')}</Link>
          </p>
        </Card>
      ) : null}
      {nextMeeting ? (
        <Card title={t('home.nextMeeting')}>
          <div data-testid="next-meeting">
            <Link to={`/meetings/${nextMeeting.id}`} className="font-medium">
              {nextMeeting.title}
            </Link>
            <span className="block text-sm text-stone-600">{formatDateTime(nextMeeting.startsAt)}</span>
            <ul className="mt-2 space-y-1 text-sm">
              <li>{nextMeeting.invitationsSentAt ? t('home.answers', nextMeeting.answers) : t('home.notInvitedYet')}</li>
              <li>
                {nextMeeting.documents.count ? t('home.documentsRead', { count: nextMeeting.documents.count, percent: nextMeeting.documents.readPercent ?? 0 }) : t('home.noDocumentsYet')}{' '}
                <Link to={`/meetings/${nextMeeting.id}/documents`} className="underline">{t('home.seeReadiness')}</Link>
              </li>
            </ul>
          </div>
        </Card>
      ) : null}
      {toInvite?.length ? (
        <Card title={t('home.toInvite')}>
          <ul className="divide-y divide-stone-100" data-testid="to-invite">
            {toInvite.map((m) => (
              <li key={m.id} className="flex flex-wrap justify-between gap-2 py-2">
                <Link to={`/meetings/${m.id}`} className="font-medium">
                  {m.title}
                </Link>
                <span className="text-sm text-stone-700">{formatDateTime(m.startsAt)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={unanswered ? t('home.invitationsToAnswer', { count: unanswered }) : t('meetings.myInvitations')}>
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
