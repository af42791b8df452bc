import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Form } from '~/components/ui/form'
import { SEARCH_LIMITS, searchKinds, type SearchKind } from '~/features/search'
import { searchEverything } from '~/features/search/index.server'
import { formatDate, formatDay } from '~/core/dates'
import { pageTitle } from '~/i18n'

/** Global search: meetings, documents, issued conclusions and tasks the person may see. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').slice(0, SEARCH_LIMITS.queryChars)
  const kindParam = url.searchParams.get('kind')
  const kind = searchKinds.includes(kindParam as SearchKind) ? (kindParam as SearchKind) : undefined
  const { hits, more } = searchEverything({ user, q, limit: 30, kind })
  return json({ q, kind: kind ?? null, hits, more })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.search') }]

export default function Search() {
  const { q, kind, hits, more } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <h1>{t('search.title')}</h1>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="search-page-q" className="mb-1 block text-sm font-medium text-stone-800">
            {t('search.label')}
          </label>
          <input id="search-page-q" name="q" type="search" defaultValue={q} maxLength={100} className="block min-h-10 w-full rounded-md border border-stone-400 bg-white px-3 py-2" aria-describedby="search-page-hint" />
          <p id="search-page-hint" className="mt-1 text-sm text-stone-600">
            {t('search.hint')}
          </p>
        </div>
        <div>
          <label htmlFor="search-page-kind" className="mb-1 block text-sm font-medium text-stone-800">
            {t('search.kind')}
          </label>
          <select id="search-page-kind" name="kind" defaultValue={kind ?? ''} className="block min-h-10 rounded-md border border-stone-400 bg-white px-3 py-2">
            <option value="">{t('common.all')}</option>
            {searchKinds.map((k) => (
              <option key={k} value={k}>
                {t(`search.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" className="mb-7">
          {t('common.search')}
        </Button>
      </Form>
      {q.trim() ? (
        <section aria-label={t('search.results')}>
          <p className="mb-2 text-sm text-stone-700" role="status">
            {hits.length ? t(more ? 'search.countMore' : 'search.count', { count: hits.length }) : t('search.none', { q })}
          </p>
          <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="search-results">
            {hits.map((h) => (
              <li key={`${h.kind}:${h.id}`} className="p-3">
                <span className="mr-2 rounded bg-stone-200 px-2 py-0.5 text-xs font-medium">{t(`search.kinds.${h.kind}`)}</span>
                <Link to={h.href} className="font-medium">
                  {h.title}
                </Link>
                <p className="text-sm text-stone-700">
                  {h.context}
                  {h.at ? ` · ${(h.at.length === 10 ? formatDay(h.at) : formatDate(h.at))}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
