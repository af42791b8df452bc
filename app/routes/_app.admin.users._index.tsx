import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { listUnitTree, listUsers, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { unitOptions } from '~/features/directory'
import { Button, buttonClass } from '~/components/ui/button'
import { Field, SelectField } from '~/components/ui/field'
import { roles } from '#db/schema/enums'
import { pageTitle } from '~/i18n'

const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  unitId: z.coerce.number().int().positive().optional().catch(undefined),
  role: z.enum(roles).optional().catch(undefined),
  status: z.enum(['active', 'inactive', 'all']).default('active').catch('active'),
  page: z.coerce.number().int().min(1).default(1).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'users.manage')
  const url = new URL(request.url)
  const filter = filterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')))
  const result = listUsers({ filter: { ...filter, pageSize: 50 } })
  return json({ ...result, units: listUnitTree({ includeInactive: true }) })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.users') }]

export default function UsersIndex() {
  const { rows, total, page, pageSize, units } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params)
    next.set('page', String(p))
    return `?${next}`
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>{t('users.title')}</h1>
        <Link to="new" className={buttonClass('primary')}>
          {t('users.new')}
        </Link>
      </div>
      <Form method="get" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5" role="search">
        <Field label={t('common.search')} inputProps={{ name: 'q', type: 'search', defaultValue: params.get('q') ?? '', placeholder: t('users.searchPlaceholder') }} className="lg:col-span-2" />
        <SelectField label={t('users.unit')} selectProps={{ name: 'unitId', defaultValue: params.get('unitId') ?? '' }} options={unitOptions(units)} placeholder={t('common.all')} />
        <SelectField
          label={t('users.roles')}
          selectProps={{ name: 'role', defaultValue: params.get('role') ?? '' }}
          options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          placeholder={t('common.all')}
        />
        <SelectField
          label={t('common.status')}
          selectProps={{ name: 'status', defaultValue: params.get('status') ?? 'active' }}
          options={[
            { value: 'active', label: t('common.active') },
            { value: 'inactive', label: t('common.inactive') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <div className="sm:col-span-2 lg:col-span-5">
          <Button type="submit" variant="secondary">
            {t('common.filter')}
          </Button>
        </div>
      </Form>
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white" role="region" aria-label={t('users.title')} tabIndex={0}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('users.title')}</caption>
          <thead className="border-b border-stone-300 bg-stone-100 text-stone-800">
            <tr>
              <th scope="col" className="p-3">{t('users.fullName')}</th>
              <th scope="col" className="p-3">{t('users.username')}</th>
              <th scope="col" className="hidden p-3 md:table-cell">{t('users.unit')}</th>
              <th scope="col" className="hidden p-3 lg:table-cell">{t('users.roles')}</th>
              <th scope="col" className="p-3">{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.id} className="border-b border-stone-100">
                <td className="p-3">
                  <Link to={String(u.id)} className="font-medium">
                    {u.fullName}
                  </Link>
                  {u.position ? <span className="block text-stone-600">{u.position}</span> : null}
                </td>
                <td className="p-3">{u.username}</td>
                <td className="hidden p-3 md:table-cell">{u.unitName ?? '—'}</td>
                <td className="hidden p-3 lg:table-cell">{u.roles.map((r) => t(`roles.${r}`)).join(', ')}</td>
                <td className="p-3">{u.active ? t('common.active') : t('common.inactive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="p-4 text-stone-600">{t('common.noResults')}</p> : null}
      </div>
      <nav aria-label={t('common.pageOf', { page, pages, total })} className="flex flex-wrap items-center gap-3 text-sm">
        <span>{t('common.pageOf', { page, pages, total })}</span>
        {page > 1 ? <Link to={pageLink(page - 1)}>{t('common.previous')}</Link> : null}
        {page < pages ? <Link to={pageLink(page + 1)}>{t('common.next')}</Link> : null}
      </nav>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
