import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { actorOf, listUnitTree, requireUser, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { Field, SelectField } from '~/components/ui/field'
import { unitOptions } from '~/features/directory'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { can } from '~/core/permissions.server'
import { createProgramme, listProgrammes } from '~/features/programme/index.server'
import { programmeInputSchema } from '~/features/meetings'
import { redirectWithToast } from '~/core/toast.server'
import { programmePeriods } from '#db/schema/enums'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  return json({ programmes: listProgrammes(), canManage: can(user, 'programme.manage'), units: listUnitTree() })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'programme.manage')
  const submission = parseForm(await readForm(request), { schema: programmeInputSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    const id = createProgramme({ input: submission.value, actor: actorOf(user, context) })
    return redirectWithToast(`/programme/${id}`, { key: 'programme.created' })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.programme') }]

export default function Programmes() {
  const { programmes, canManage, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'new-programme',
    lastResult: actionData?.result,
    defaultValue: { year: String(new Date().getFullYear()), period: 'year', issuingUnitId: units[0] ? String(units[0].id) : '' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: programmeInputSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="space-y-6">
      <h1>{t('programme.list')}</h1>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {programmes.map((p) => (
          <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <Link to={String(p.id)} className="font-medium">
              {p.title}
            </Link>
            <span className="text-sm text-stone-600">
              {p.issuingUnitName} · {t(`periods.${p.period}`)} {p.periodNumber ?? ''} {p.year} · {p.itemCount} {t('programme.items').toLowerCase()}
            </span>
          </li>
        ))}
        {programmes.length === 0 ? <li className="p-3 text-stone-600">{t('common.noResults')}</li> : null}
      </ul>
      {canManage ? (
        <Card title={t('programme.new')}>
          <Form method="post" className="grid gap-4 sm:grid-cols-2" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label={t('programme.programmeTitle')} required inputProps={getInputProps(fields.title, { type: 'text' })} errors={fields.title.errors} className="sm:col-span-2" />
            <SelectField label={t('programme.issuingUnit')} selectProps={getSelectProps(fields.issuingUnitId)} options={unitOptions(units)} errors={fields.issuingUnitId.errors} />
            <Field label={t('programme.year')} inputProps={getInputProps(fields.year, { type: 'number' })} errors={fields.year.errors} />
            <SelectField label={t('programme.period')} selectProps={getSelectProps(fields.period)} options={programmePeriods.map((p) => ({ value: p, label: t(`periods.${p}`) }))} errors={fields.period.errors} />
            <Field label={t('programme.periodNumber')} inputProps={getInputProps(fields.periodNumber, { type: 'number' })} errors={fields.periodNumber.errors} />
            <div className="sm:col-span-2">
              <Button type="submit" disabled={navigation.state === 'submitting'}>
                {t('common.create')}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
