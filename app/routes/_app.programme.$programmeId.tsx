import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, invariantResponse, listUnitTree, listUserOptions, requireUser, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ProgrammeItemFields } from '~/features/programme'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { SelectField } from '~/components/ui/field'
import { unitOptions } from '~/features/directory'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDay } from '~/core/dates'
import { listMeetingTypes } from '~/features/meetings/index.server'
import { can } from '~/core/permissions.server'
import { createProgrammeItem, getProgramme, importProgrammeSheet, listProgrammeItems } from '~/features/programme/index.server'
import { parseId } from '~/core/schemas'
import { programmeItemInputSchema } from '~/features/meetings'
import { redirectWithToast } from '~/core/toast.server'
import { programmeItemStatuses } from '#db/schema/enums'
import { pageTitle } from '~/i18n'

const filterSchema = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  leader: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(programmeItemStatuses).optional().catch(undefined),
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const id = parseId(params.programmeId)
  const programme = id ? getProgramme({ id }) : null
  invariantResponse(programme, 'programme.notFound')
  const url = new URL(request.url)
  const filter = filterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')))
  const items = listProgrammeItems({ programmeId: programme.id, filter: { preparingUnitId: filter.unit, presidingUserId: filter.leader, status: filter.status } })
  return json({
    programme,
    items,
    canManage: can(user, 'programme.manage'),
    types: listMeetingTypes().map((t) => ({ id: t.id, name: t.name })),
    chairs: listUserOptions({ role: 'chair' }),
    units: listUnitTree(),
  })
}

const MAX_SHEET_BYTES = 5 * 1024 * 1024

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'programme.manage')
  const id = parseId(params.programmeId)
  invariantResponse(id && getProgramme({ id }), 'programme.notFound')
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    let file: File | null = null
    try {
      const formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_SHEET_BYTES }))
      const value = formData.get('sheet')
      file = value instanceof File && value.size > 0 ? value : null
    } catch {
      return json({ intent: 'import' as const, importErrors: [{ row: 0, messages: ['Tệp quá lớn (tối đa 5 MB).'] }], result: undefined }, { status: 413 })
    }
    if (!file) return json({ intent: 'import' as const, importErrors: [{ row: 0, messages: ['Vui lòng chọn tệp Excel (.xlsx).'] }], result: undefined }, { status: 400 })
    const outcome = await importProgrammeSheet({ programmeId: id, file: Buffer.from(await file.arrayBuffer()), actor: actorOf(user, context) })
    if (outcome.errors.length) return json({ intent: 'import' as const, importErrors: outcome.errors, result: undefined }, { status: 400 })
    return redirectWithToast(`/programme/${id}`, { key: 'programme.imported', params: { count: outcome.imported } })
  }
  const submission = parseForm(await readForm(request), { schema: programmeItemInputSchema })
  if (submission.status !== 'success') return json({ intent: 'item' as const, result: submission.reply(), importErrors: [] }, { status: 400 })
  try {
    createProgrammeItem({ programmeId: id, input: submission.value, actor: actorOf(user, context) })
  } catch (error) {
    return json({ intent: 'item' as const, result: replyWithDomainError(submission, error), importErrors: [] }, { status: statusOf(error) })
  }
  return redirectWithToast(`/programme/${id}`, { key: 'programme.itemCreated' })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `${data.programme.title} · Nghị sự` : pageTitle(matches, 'titles.programme') }]

export default function ProgrammePage() {
  const { programme, items, canManage, types, chairs, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `item-new-${programme.id}`,
    lastResult: actionData?.intent === 'item' ? actionData.result : undefined,
    constraint: getZodConstraint(programmeItemInputSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: programmeItemInputSchema }),
    shouldRevalidate: 'onInput',
  })
  const byMonth = new Map<number, typeof items>()
  for (const item of items) byMonth.set(item.plannedMonth, [...(byMonth.get(item.plannedMonth) ?? []), item])
  const importErrors = actionData?.intent === 'import' ? actionData.importErrors : []
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1>{programme.title}</h1>
          <p className="text-stone-700">
            {programme.issuingUnitName} · {t(`periods.${programme.period}`)} {programme.periodNumber ?? ''} {programme.year}
          </p>
        </div>
        <a href={`/programme/${programme.id}/export`} className={buttonClass('secondary')} download>
          {t('programme.export')}
        </a>
      </div>
      <Form method="get" role="search" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-4">
        <SelectField label={t('programme.preparingUnit')} selectProps={{ name: 'unit', defaultValue: params.get('unit') ?? '' }} options={unitOptions(units)} placeholder={t('common.all')} />
        <SelectField label={t('programme.presiding')} selectProps={{ name: 'leader', defaultValue: params.get('leader') ?? '' }} options={chairs.map((c) => ({ value: String(c.id), label: c.fullName }))} placeholder={t('common.all')} />
        <SelectField label={t('programme.status')} selectProps={{ name: 'status', defaultValue: params.get('status') ?? '' }} options={programmeItemStatuses.map((s) => ({ value: s, label: t(`programmeStatus.${s}`) }))} placeholder={t('programme.allStatuses')} />
        <div className="flex items-end">
          <Button type="submit" variant="secondary">
            {t('programme.filter')}
          </Button>
        </div>
      </Form>
      <div className="space-y-4" data-testid="programme-items">
        {[...byMonth].map(([month, list]) => (
          <section key={month} className="rounded-lg border border-stone-200 bg-white">
            <h2 className="border-b border-stone-200 bg-stone-100 px-4 py-2">{t('programme.month', { month })}</h2>
            <div className="overflow-x-auto" role="region" aria-label={t('programme.month', { month })} tabIndex={0}>
              <table className="w-full text-left text-sm">
                <thead className="text-stone-700">
                  <tr>
                    <th scope="col" className="p-3">{t('programme.content')}</th>
                    <th scope="col" className="hidden p-3 md:table-cell">{t('programme.presiding')}</th>
                    <th scope="col" className="hidden p-3 md:table-cell">{t('programme.preparingUnit')}</th>
                    <th scope="col" className="p-3">{t('programme.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((item) => (
                    <tr key={item.id} className="border-t border-stone-100 align-top">
                      <td className="p-3">
                        <Link to={`/programme/items/${item.id}`}>{item.content}</Link>
                        <span className="block text-stone-600">
                          {[item.meetingTypeName, item.plannedDate ? formatDay(item.plannedDate) : null].filter(Boolean).join(' · ')}
                        </span>
                      </td>
                      <td className="hidden p-3 md:table-cell">{item.presidingName ?? '—'}</td>
                      <td className="hidden p-3 md:table-cell">{item.preparingUnitName ?? '—'}</td>
                      <td className="p-3">{t(`programmeStatus.${item.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
        {items.length === 0 ? <p className="text-stone-600">{t('common.noResults')}</p> : null}
      </div>
      {canManage ? (
        <>
          <Card title={t('programme.addItem')}>
            <Form method="post" className="space-y-4" {...getFormProps(form)}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <ProgrammeItemFields fields={fields} types={types} chairs={chairs} units={units} />
              <Button type="submit" disabled={navigation.state === 'submitting'}>
                {t('programme.addItem')}
              </Button>
            </Form>
          </Card>
          <Card title={t('programme.import')}>
            <p className="mb-3 text-sm text-stone-700">{t('programme.importHint')}</p>
            {importErrors.length ? (
              <div role="alert" className="mb-3 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
                <p className="font-medium">{t('programme.importFailed')}</p>
                <ul className="mt-1 list-disc pl-5">
                  {importErrors.map((e) => (
                    <li key={e.row}>
                      {e.row > 0 ? `${t('programme.importRow', { row: e.row })}: ` : ''}
                      {e.messages.join(' ')}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="sheet" className="mb-1 block text-sm font-medium text-stone-800">
                  {t('programme.importFile')}
                </label>
                <input id="sheet" name="sheet" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className="block text-sm" />
              </div>
              <Button type="submit" variant="secondary" disabled={navigation.state === 'submitting'}>
                {t('programme.importSubmit')}
              </Button>
            </Form>
          </Card>
        </>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
