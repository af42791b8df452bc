import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, getUnit, invariantResponse, listUnitTree, requireUserWithPermission, updateUnit } from '~/features/directory/index.server'
import { AuditHistory } from '~/components/audit-history'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { UnitFormFields, unitInputSchema } from '~/features/directory'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { auditHistoryFor } from '~/core/audit.server'
import { serverT } from '~/i18n/translate.server'
import { parseId } from '~/core/schemas'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

const intentSchema = z.enum(['update', 'deactivate', 'activate'])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = requireUserWithPermission(request, 'units.manage')
  const id = parseId(params.unitId)
  const unit = id ? getUnit({ id }) : null
  invariantResponse(unit, 'unit.notFound')
  // A unit cannot sit under itself; the server also refuses its descendants.
  const parents = listUnitTree().filter((u) => u.id !== unit.id)
  return json({ unit, parents, history: auditHistoryFor('unit', unit.id, serverT(viewer.locale)) })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(request, 'units.manage')
  const id = parseId(params.unitId)
  const unit = id ? getUnit({ id }) : null
  invariantResponse(unit, 'unit.notFound')
  const formData = await readForm(request)
  const intent = intentSchema.safeParse(formData.get('intent'))
  invariantResponse(intent.success, 'errors.badRequest', 400)
  const actor = actorOf(admin, context)
  if (intent.data === 'update') {
    const submission = parseForm(formData, { schema: unitInputSchema })
    if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
    try {
      updateUnit({ id: unit.id, input: { ...submission.value, parentId: submission.value.parentId ?? null }, actor })
    } catch (error) {
      return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
    }
  } else {
    updateUnit({ id: unit.id, input: { active: intent.data === 'activate' }, actor })
  }
  return redirectWithToast(`/admin/units/${unit.id}`, { key: 'units.updated' })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `${data.unit.name} · Nghị sự` : pageTitle(matches, 'titles.units') }]

export default function EditUnit() {
  const { unit, parents, history } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `edit-unit-${unit.id}`,
    lastResult: actionData?.intent === 'update' ? actionData.result : undefined,
    constraint: getZodConstraint(unitInputSchema),
    defaultValue: { name: unit.name, code: unit.code, kind: unit.kind, parentId: unit.parentId ? String(unit.parentId) : '' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitInputSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="space-y-6">
      <div>
        <h1>{unit.name}</h1>
        <p className="text-stone-700">
          {unit.code} · {unit.active ? t('common.active') : t('common.inactive')} ·{' '}
          <Link to={`/admin/users?unitId=${unit.id}`}>
            {t('units.members')}: {unit.memberCount}
          </Link>
        </p>
      </div>
      <Card title={t('units.edit')}>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <UnitFormFields fields={fields} parents={parents} />
          <Button type="submit" name="intent" value="update" disabled={navigation.state === 'submitting'}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('common.status')}>
        <Form method="post">
          <Button type="submit" name="intent" value={unit.active ? 'deactivate' : 'activate'} variant={unit.active ? 'danger' : 'secondary'}>
            {unit.active ? t('users.deactivate') : t('users.activate')}
          </Button>
        </Form>
      </Card>
      <Card title={t('users.history')}>
        <AuditHistory rows={history} />
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
