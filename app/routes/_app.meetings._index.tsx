import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button, buttonClass } from '~/components/ui/button'
import { Field, SelectField } from '~/components/ui/field'
import { Form } from '~/components/ui/form'
import { SEARCH_LIMITS } from '~/features/search'
import { formatDateTime } from '~/core/dates'
import { isValidDate } from '~/core/days'
import { meetingListOptions, searchMeetings } from '~/features/meetings/index.server'
import { can } from '~/core/permissions.server'
import { meetingStatuses } from '#db/schema/enums'
import { DateField } from '~/components/ui/date-field'
import { pageTitle } from '~/i18n'

const id = z.coerce.number().int().positive().optional().catch(undefined)
const day = z.string().refine(isValidDate).optional().catch(undefined)
const searchSchema = z.object({
  q: z.string().max(SEARCH_LIMITS.queryChars).optional().catch(undefined),
  from: day,
  to: day,
  status: z.enum(meetingStatuses).optional().catch(undefined),
  type: id,
  body: id,
  chair: id,
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})

/** The meetings list: everyone sees the meetings they chair or attend; the Office and supervisors all of them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const url = new URL(request.url)
  const search = searchSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v.trim() !== '')))
  const overview = can(user, 'meetings.overview')
  const result = searchMeetings({ search: { q: search.q, from: search.from, to: search.to, status: search.status, typeId: search.type, bodyUnitId: search.body, chairId: search.chair, page: search.page, viewerId: overview ? undefined : user.id } })
  return json({ ...result, overview, canCreate: can(user, 'meetings.manage'), options: meetingListOptions() })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.meetings') }]

export default function Meetings() {
  const { rows, page, hasMore, overview, canCreate, options } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(n))
    return `?${next.toString()}`
  }
  const opts = (list: { value: number; label: string }[]) => list.map((o) => ({ value: String(o.value), label: o.label }))
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>{overview ? t('meetingList.title') : t('meetingList.mine')}</h1>
        {canCreate ? (
          <Link to="/meetings/new" className={buttonClass('primary')}>
            {t('meetings.new')}
          </Link>
        ) : null}
      </div>
      <Form method="get" role="search" aria-label={t('meetingList.filters')} className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field className="sm:col-span-2" label={t('meetingList.q')} hint={t('meetingList.qHint')} inputProps={{ name: 'q', type: 'search', defaultValue: params.get('q') ?? '', maxLength: 100 }} />
        <DateField label={t('meetingList.from')} name="from" defaultValue={params.get('from') ?? ''} />
        <DateField label={t('meetingList.to')} name="to" defaultValue={params.get('to') ?? ''} />
        <SelectField label={t('meetingList.status')} selectProps={{ name: 'status', defaultValue: params.get('status') ?? '' }} options={meetingStatuses.map((s) => ({ value: s, label: t(`meetingStatus.${s}`) }))} placeholder={t('common.all')} />
        <SelectField label={t('meetingList.type')} selectProps={{ name: 'type', defaultValue: params.get('type') ?? '' }} options={opts(options.types)} placeholder={t('common.all')} />
        <SelectField label={t('meetingList.body')} selectProps={{ name: 'body', defaultValue: params.get('body') ?? '' }} options={opts(options.bodies)} placeholder={t('common.all')} />
        <SelectField label={t('meetingList.chair')} selectProps={{ name: 'chair', defaultValue: params.get('chair') ?? '' }} options={opts(options.chairs)} placeholder={t('common.all')} />
        <div className="flex items-end gap-2">
          <Button type="submit" variant="secondary">
            {t('common.filter')}
          </Button>
          <Link to="/meetings" className="text-sm">
            {t('meetingList.clear')}
          </Link>
        </div>
      </Form>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="meeting-list">
        {rows.map((m) => (
          <li key={m.id} className="grid gap-1 p-3 md:grid-cols-[1fr_auto]">
            <div>
              <Link to={`/meetings/${m.id}`} className="font-medium">
                {m.title}
              </Link>
              <p className="text-sm text-stone-700">
                {formatDateTime(m.startsAt)} · {m.typeName} · {t('meetingList.chairedBy', { name: m.chairName })}
                {m.bodyName ? ` · ${m.bodyName}` : ''}
                {m.location ? ` · ${m.location}` : ''}
              </p>
            </div>
            <p className="md:text-right">
              <span className="rounded bg-stone-200 px-2 py-0.5 text-sm font-medium">{t(`meetingStatus.${m.status}`)}</span>
              {m.urgent ? <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-950">{t('meetingList.urgent')}</span> : null}
            </p>
          </li>
        ))}
        {rows.length === 0 ? <li className="p-3 text-stone-600">{t('meetingList.none')}</li> : null}
      </ul>
      {page > 1 || hasMore ? (
        <nav aria-label={t('meetingList.pages')} className="flex items-center justify-between gap-3">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev">
              {t('meetingList.previous')}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-sm text-stone-700">{t('meetingList.page', { page })}</span>
          {hasMore ? (
            <Link to={pageLink(page + 1)} rel="next">
              {t('meetingList.next')}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
