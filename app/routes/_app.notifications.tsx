import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { requireUser, safeRedirect } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { formatDateTime } from '~/core/dates'
import { listNotifications, markRead } from '~/features/notifications/index.server'
import { readForm } from '~/core/forms.server'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const before = Number(new URL(request.url).searchParams.get('before'))
  const page = listNotifications({ userId: user.id, locale: user.locale, before: Number.isInteger(before) && before > 0 ? before : undefined })
  return json({ notifications: page.items, hasMore: page.hasMore, paged: Number.isInteger(before) && before > 0 })
}

/** Marks all read, or one (then follows its link). */
export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request)
  const formData = await readForm(request)
  const id = Number(formData.get('id'))
  if (Number.isInteger(id) && id > 0) {
    markRead({ userId: user.id, ids: [id] })
    return new Response(null, { status: 303, headers: { Location: safeRedirect(formData.get('link'), '/notifications') } })
  }
  markRead({ userId: user.id, ids: 'all' })
  return json({ ok: true })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.notifications') }]

export default function Notifications() {
  const { notifications, hasMore, paged } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>{t('notifications.title')}</h1>
        <Form method="post">
          <Button type="submit" variant="secondary">
            {t('notifications.markAllRead')}
          </Button>
        </Form>
      </div>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {notifications.map((n) => (
          <li key={n.id} className={`p-3 ${n.readAt ? '' : 'bg-amber-50'}`}>
            <Form method="post" className="flex flex-wrap items-start justify-between gap-2">
              <input type="hidden" name="id" value={n.id} />
              <input type="hidden" name="link" value={n.link ?? ''} />
              <div>
                {n.link ? (
                  <button type="submit" className="text-left font-medium text-blue-800 underline">
                    {n.title}
                  </button>
                ) : (
                  <span className="font-medium">{n.title}</span>
                )}
                {n.body ? <p className="whitespace-pre-line text-sm text-stone-700">{n.body}</p> : null}
              </div>
              <span className="text-sm text-stone-600">{formatDateTime(n.createdAt)}</span>
            </Form>
          </li>
        ))}
        {notifications.length === 0 ? <li className="p-3 text-stone-600">{t('notifications.none')}</li> : null}
      </ul>
      {hasMore || paged ? (
        <nav aria-label={t('notifications.pages')} className="flex flex-wrap justify-between gap-3">
          {paged ? <Link to="/notifications">{t('notifications.newest')}</Link> : <span />}
          {hasMore ? (
            <Link to={`?before=${notifications.at(-1)!.id}`} rel="next">
              {t('notifications.older')}
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p>
        <Link to="/schedule?mine=1">{t('schedule.mine')}</Link>
      </p>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
