import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { actorOf, createUser, listUnitTree, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { createUserSchema, UserFormFields } from '~/features/directory'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { Field } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'users.manage')
  return json({ units: listUnitTree() })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(request, 'users.manage')
  const submission = parseForm(await readForm(request), { schema: createUserSchema })
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  try {
    const id = await createUser({ input: submission.value, actor: actorOf(admin, context) })
    return redirectWithToast(`/admin/users/${id}`, { key: 'users.created', params: { name: submission.value.fullName } })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error, ['password']) }, { status: statusOf(error) })
  }
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.newUser') }]

export default function NewUser() {
  const { units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'new-user',
    lastResult: actionData?.result,
    constraint: getZodConstraint(createUserSchema),
    defaultValue: { locale: 'vi', roles: ['delegate'] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createUserSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="space-y-4">
      <h1>{t('users.new')}</h1>
      <Card>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <UserFormFields fields={fields} units={units} />
          <Field
            label={t('users.initialPassword')}
            required
            inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
            errors={fields.password.errors}
            hint={t('password.hint')}
          />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('common.create')}
            </Button>
            <Link to="/admin/users" className={buttonClass('secondary')}>
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
