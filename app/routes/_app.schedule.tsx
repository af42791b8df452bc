import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { formatDateTime, formatDay } from '~/core/dates'
import { addDays, isValidDate, vietnamDate, weekday } from '~/core/days'
import { listMeetings, participantNames } from '~/features/meetings/index.server'
import { can } from '~/core/permissions.server'
import { vietnamInstant } from '~/features/meetings'
import { pageTitle } from '~/i18n'

const DAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy']

/** Lịch công tác tuần: Monday to Sunday, the body's meetings or only mine. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const url = new URL(request.url)
  const asked = url.searchParams.get('week') ?? ''
  const day = isValidDate(asked) ? asked : vietnamDate(new Date())
  const monday = addDays(day, -((weekday(day) + 6) % 7))
  // Those who oversee see the whole body's week; everyone else sees their own.
  const mine = url.searchParams.get('mine') === '1' || !can(user, 'meetings.overview')
  const meetings = listMeetings({ filter: { from: vietnamInstant(monday, '00:00'), to: vietnamInstant(addDays(monday, 7), '00:00'), userId: mine ? user.id : undefined, includeCancelled: true, includeDeclined: true } })
  const names = participantNames({ meetingIds: meetings.map((m) => m.id) })
  return json({ monday, mine, canSeeAll: can(user, 'meetings.overview'), meetings: meetings.map((m) => ({ ...m, participants: names.get(m.id) ?? [] })) })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.schedule') }]

export default function Schedule() {
  const { monday, mine, canSeeAll, meetings } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i))
  const q = (week: string, m = mine) => `?week=${week}${m ? '&mine=1' : ''}`
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1>{t('schedule.title')}</h1>
          <p className="text-stone-700">{t('schedule.week', { from: formatDay(days[0]!), to: formatDay(days[6]!) })}</p>
        </div>
        <nav aria-label={t('schedule.title')} className="flex flex-wrap items-center gap-3 print:hidden">
          <Link to={q(addDays(monday, -7))}>{t('schedule.previous')}</Link>
          <Link to={mine ? '?mine=1' : '?'}>{t('schedule.thisWeek')}</Link>
          <Link to={q(addDays(monday, 7))}>{t('schedule.next')}</Link>
          {canSeeAll ? (
            <span className="inline-flex overflow-hidden rounded-md border border-stone-400" role="group" aria-label={t('schedule.whose')}>
              <Link to={q(monday, true)} aria-current={mine ? 'page' : undefined} className={`px-3 py-1 no-underline ${mine ? 'bg-brand-700 text-white' : ''}`}>
                {t('schedule.mine')}
              </Link>
              <Link to={q(monday, false)} aria-current={mine ? undefined : 'page'} className={`px-3 py-1 no-underline ${mine ? '' : 'bg-brand-700 text-white'}`}>
                {t('schedule.all')}
              </Link>
            </span>
          ) : (
            <span className="text-sm text-stone-700">{t('schedule.onlyMine')}</span>
          )}
          <Button variant="secondary" onClick={() => window.print()}>
            {t('schedule.print')}
          </Button>
        </nav>
      </div>
      <div className="overflow-x-auto rounded-lg border border-stone-300 bg-white" role="region" aria-label={t('schedule.title')} tabIndex={0}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('schedule.title')}</caption>
          <thead className="border-b border-stone-300 bg-stone-100">
            <tr>
              <th scope="col" className="w-32 p-3">{t('calendar.date')}</th>
              <th scope="col" className="w-28 p-3">{t('schedule.time')}</th>
              <th scope="col" className="p-3">{t('meetings.title')}</th>
              <th scope="col" className="p-3">{t('meetings.location')}</th>
              <th scope="col" className="p-3">{t('meetings.chair')}</th>
              <th scope="col" className="hidden p-3 md:table-cell">{t('meetings.preparingUnit')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => {
              const list = meetings.filter((m) => vietnamDate(new Date(m.startsAt)) === d)
              const heading = (
                <th scope="row" rowSpan={Math.max(1, list.length)} className="p-3 align-top font-semibold">
                  {DAY_NAMES[weekday(d)]}
                  <span className="block font-normal">{formatDay(d)}</span>
                </th>
              )
              if (!list.length)
                return (
                  <tr key={d} className="border-b border-stone-200">
                    {heading}
                    <td colSpan={5} className="p-3 text-stone-500">
                      —
                    </td>
                  </tr>
                )
              return list.map((m, i) => (
                <tr key={m.id} data-testid={`schedule-meeting-${m.id}`} className={`border-b border-stone-200 align-top ${m.status === 'cancelled' ? 'text-stone-500 line-through' : m.myAnswer === 'declined' || m.myAnswer === 'substituted' ? 'text-stone-500' : ''}`}>
                  {i === 0 ? heading : null}
                  <td className="p-3 whitespace-nowrap">
                    {formatDateTime(m.startsAt).slice(11)}–{formatDateTime(m.endsAt).slice(11)}
                  </td>
                  <td className="p-3">
                    <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                    <span className="block text-stone-600">
                      {m.typeName} · {t(`meetingStatus.${m.status}`)}
                      {m.myAnswer === 'declined' ? <strong className="ml-1 font-semibold text-amber-900">· {t('schedule.youDeclined')}</strong> : null}
                      {m.myAnswer === 'substituted' ? <strong className="ml-1 font-semibold text-amber-900">· {t('schedule.youSentSubstitute')}</strong> : null}
                    </span>
                    <span className="block text-stone-700">
                      {t('schedule.participants')}: {m.participants.slice(0, 8).join(', ')}
                      {m.participants.length > 8 ? ` ${t('schedule.andOthers', { count: m.participants.length - 8 })}` : ''}
                    </span>
                  </td>
                  <td className="p-3">{m.location ?? t(`modes.${m.mode}`)}</td>
                  <td className="p-3">{m.chairName}</td>
                  <td className="hidden p-3 md:table-cell">{m.preparingUnitName ?? '—'}</td>
                </tr>
              ))
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
