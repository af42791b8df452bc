import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { actorOf, createUnit, listUnitTree, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { UnitFormFields, unitInputSchema } from '~/features/directory'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'units.manage')
  return json({ parents: listUnitTree() })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(request, 'units.manage')
  const submission = parseForm(await readForm(request), { schema: unitInputSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    createUnit({ input: submission.value, actor: actorOf(admin, context) })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast('/admin/units', { key: 'units.created', params: { name: submission.value.name } })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.newUnit') }]

export default function NewUnit() {
  const { parents } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'new-unit',
    lastResult: actionData?.result,
    constraint: getZodConstraint(unitInputSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: unitInputSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="space-y-4">
      <h1>{t('units.new')}</h1>
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <UnitFormFields fields={fields} parents={parents} />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('common.create')}
            </Button>
            <Link to="/admin/units" className={buttonClass('secondary')}>
              {t('common.cancel')}
            </Link>
          </div>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
