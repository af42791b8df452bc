import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { listUnitTree, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button, buttonClass } from '~/components/ui/button'
import { Field } from '~/components/ui/field'
import { normaliseForSearch } from '~/core/text'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'units.manage')
  const url = new URL(request.url)
  const includeInactive = url.searchParams.get('inactive') === '1'
  const q = normaliseForSearch(url.searchParams.get('q') ?? '')
  const tree = listUnitTree({ includeInactive })
  const units = q ? tree.filter((u) => normaliseForSearch(u.name).includes(q) || u.code.toLowerCase().includes(q)) : tree
  return json({ units, filtered: Boolean(q) })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.units') }]

export default function UnitsIndex() {
  const { units, filtered } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>{t('units.title')}</h1>
        <Link to="new" className={buttonClass('primary')}>
          {t('units.new')}
        </Link>
      </div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
        <Field
          label={t('common.search')}
          inputProps={{ name: 'q', type: 'search', defaultValue: params.get('q') ?? '', placeholder: t('units.searchPlaceholder') }}
          className="min-w-60 flex-1"
        />
        <label className="flex min-h-10 items-center gap-2">
          <input type="checkbox" name="inactive" value="1" defaultChecked={params.get('inactive') === '1'} className="h-5 w-5 accent-brand-600" />
          {t('units.showInactive')}
        </label>
        <Button type="submit" variant="secondary">
          {t('common.filter')}
        </Button>
      </Form>
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white" role="region" aria-label={t('units.title')} tabIndex={0}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('units.title')}</caption>
          <thead className="border-b border-stone-300 bg-stone-100 text-stone-800">
            <tr>
              <th scope="col" className="p-3">{t('units.name')}</th>
              <th scope="col" className="p-3">{t('units.code')}</th>
              <th scope="col" className="hidden p-3 md:table-cell">{t('units.kind')}</th>
              <th scope="col" className="p-3">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id} className="border-b border-stone-100">
                <td className="p-3" style={{ paddingLeft: filtered ? undefined : `${0.75 + u.depth * 1.25}rem` }}>
                  <Link to={String(u.id)}>{u.name}</Link>
                </td>
                <td className="p-3 font-mono">{u.code}</td>
                <td className="hidden p-3 md:table-cell">{t(`unitKinds.${u.kind}`)}</td>
                <td className="p-3">{u.active ? t('common.active') : t('common.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {units.length === 0 ? <p className="p-4 text-stone-600">{t('common.noResults')}</p> : null}
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
