import { json, type LoaderFunctionArgs } from '@remix-run/node'
import { NavLink, Outlet, useLoaderData } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SocketProvider, useLiveView } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import { notificationsView } from '~/features/dashboard/index.server'
import { can } from '~/core/permissions.server'
import { reportScopeFor } from '~/features/reports/index.server'

/** The signed-in shell: header, navigation by role, and the page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const nav: { to: string; key: string }[] = [
    { to: '/', key: 'nav.home' },
    { to: '/schedule', key: 'nav.schedule' },
    { to: '/meetings', key: 'nav.meetings' },
    { to: '/programme', key: 'nav.programme' },
    { to: '/tasks', key: 'nav.tasks' },
    { to: '/polls', key: 'nav.polls' },
  ]
  if (can(user, 'meetings.overview') || user.roles.includes('chair')) nav.push({ to: '/dashboard', key: 'nav.dashboard' })
  if (reportScopeFor(user, null)) nav.push({ to: '/reports', key: 'nav.reports' })
  if (can(user, 'meetings.manage')) nav.push({ to: '/groups', key: 'nav.groups' })
  if (can(user, 'users.manage')) nav.push({ to: '/admin/users', key: 'nav.users' })
  if (can(user, 'units.manage')) nav.push({ to: '/admin/units', key: 'nav.units' }, { to: '/admin/issuing-bodies', key: 'nav.issuingBodies' })
  nav.push({ to: '/working-days', key: 'nav.calendar' })
  if (can(user, 'calendar.manage')) nav.push({ to: '/meeting-types', key: 'nav.meetingTypes' })
  nav.push({ to: '/profile', key: 'nav.profile' })
  const version = events.version()
  return json({ user: { id: user.id, fullName: user.fullName, position: user.position, unitName: user.unitName }, nav, version, notifications: notificationsView(user.id) })
}

export default function AppShell() {
  return (
    <SocketProvider>
      <Shell />
    </SocketProvider>
  )
}

function Shell() {
  const { user, nav, version, notifications } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  // New (or read) notifications for this person: the counter is pushed to their room.
  const { unread } = useLiveView(rooms.user(user.id), version, notifications)
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t('app.skipToContent')}
      </a>
      <header className="bg-brand-700 text-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 sm:py-3">
          <NavLink to="/" className="text-xl font-bold text-white no-underline hover:no-underline">
            {t('app.name')}
          </NavLink>
          <SearchBox id="header-search" className="hidden sm:flex" />
          <div className="ml-auto flex items-center gap-2 text-sm">
            <NavLink to="/notifications" className="rounded px-3 py-2 text-white no-underline hover:bg-brand-800 hover:no-underline">
              {t('nav.notifications')}
              {unread ? (
                <>
                  {' '}
                  <span className="rounded-full bg-yellow-300 px-2 py-0.5 text-xs font-bold text-stone-900" data-testid="unread-count">
                    {unread}
                  </span>
                  <span className="sr-only"> {t('notifications.unreadSuffix')}</span>
                </>
              ) : null}
            </NavLink>
            <span className="hidden text-right lg:block">
              <span className="block font-semibold">{user.fullName}</span>
              {user.position ? <span className="block text-brand-100">{user.position}</span> : null}
            </span>
            <SignOut className="hidden sm:block" />
          </div>
          {/* Wide screens: the navigation in a row. */}
          <nav aria-label={t('app.mainNav')} className="hidden w-full sm:block">
            <NavList nav={nav} />
          </nav>
          {/* Phones: one line of header; the navigation, search and sign-out behind "Menu" (works without JavaScript). */}
          <details className="w-full sm:hidden" data-testid="phone-menu">
            <summary className="cursor-pointer list-none rounded border border-white/60 px-3 py-2 text-center font-medium">{t('app.menu')}</summary>
            <div className="mt-2 space-y-3 pb-2">
              <SearchBox id="phone-search" className="flex" />
              <nav aria-label={t('app.mainNav')}>
                <NavList nav={nav} />
              </nav>
              <SignOut />
            </div>
          </details>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Outlet />
      </main>
    </div>
  )
}

function NavList({ nav }: { nav: { to: string; key: string }[] }) {
  const { t } = useTranslation()
  return (
    <ul className="flex flex-wrap gap-1">
      {nav.map((item) => (
        <li key={item.to}>
          <NavLink
            to={item.to}
            end={item.to === '/'}
            className={({ isActive }) => `block rounded px-3 py-2 text-sm font-medium text-white no-underline hover:bg-brand-800 hover:no-underline ${isActive ? 'bg-brand-800 underline' : ''}`}
          >
            {t(item.key)}
          </NavLink>
        </li>
      ))}
    </ul>
  )
}

/** The header's search: a GET form to /search (works without JavaScript). */
function SearchBox({ id, className }: { id: string; className: string }) {
  const { t } = useTranslation()
  return (
    <Form method="get" action="/search" role="search" aria-label={t('search.title')} className={`${className} items-center gap-1`}>
      <label htmlFor={id} className="sr-only">
        {t('search.label')}
      </label>
      <input id={id} name="q" type="search" maxLength={100} placeholder={t('search.short')} className="min-h-10 w-full min-w-0 rounded-md border border-white/60 bg-white px-3 py-2 text-sm text-stone-900 md:w-56" />
      <button type="submit" className="min-h-10 rounded border border-white/60 px-3 py-2 text-sm text-white hover:bg-brand-800">
        {t('common.search')}
      </button>
    </Form>
  )
}

function SignOut({ className = '' }: { className?: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" action="/logout" className={className}>
      <button type="submit" className="rounded border border-white/60 px-3 py-2 text-sm text-white hover:bg-brand-800">
        {t('nav.signOut')}
      </button>
    </Form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
