import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, deleteUser, getUser, invariantResponse, listUnitTree, requireUserWithPermission, resetPassword, setUserActive, updateUser } from '~/features/directory/index.server'
import { AuditHistory } from '~/components/audit-history'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { resetPasswordSchema, updateUserSchema, UserFormFields } from '~/features/directory'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { Field } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { auditHistoryFor } from '~/core/audit.server'
import { serverT } from '~/i18n/translate.server'
import { parseId } from '~/core/schemas'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

const intentSchema = z.enum(['update', 'deactivate', 'activate', 'resetPassword', 'delete'])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = requireUserWithPermission(request, 'users.manage')
  const id = parseId(params.userId)
  const user = id ? getUser({ id }) : null
  invariantResponse(user, 'user.notFound')
  return json({ user, units: listUnitTree({ includeInactive: true }), history: auditHistoryFor('user', user.id, serverT(viewer.locale)) })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(request, 'users.manage')
  const id = parseId(params.userId)
  const target = id ? getUser({ id }) : null
  invariantResponse(target, 'user.notFound')
  const actor = actorOf(admin, context)
  const formData = await readForm(request)
  const intent = intentSchema.safeParse(formData.get('intent'))
  invariantResponse(intent.success, 'errors.badRequest', 400)

  switch (intent.data) {
    case 'update': {
      const submission = parseForm(formData, { schema: updateUserSchema })
      if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
      try {
        updateUser({ id: target.id, input: submission.value, actor })
      } catch (error) {
        return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
      }
      return redirectWithToast(`/admin/users/${target.id}`, { key: 'users.updated' })
    }
    case 'resetPassword': {
      const submission = parseForm(formData, { schema: resetPasswordSchema })
      if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply({ hideFields: ['newPassword'] }) }, { status: 400 })
      await resetPassword({ id: target.id, newPassword: submission.value.newPassword, actor })
      return redirectWithToast(`/admin/users/${target.id}`, { key: 'users.passwordReset' })
    }
    case 'deactivate':
    case 'activate': {
      const submission = parseForm(formData, { schema: z.object({}) })
      try {
        setUserActive({ id: target.id, active: intent.data === 'activate', actor })
      } catch (error) {
        return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
      }
      return redirectWithToast(`/admin/users/${target.id}`, { key: intent.data === 'activate' ? 'users.activated' : 'users.deactivated' })
    }
    case 'delete': {
      const submission = parseForm(formData, { schema: z.object({}) })
      try {
        deleteUser({ id: target.id, actor })
      } catch (error) {
        return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
      }
      return redirectWithToast('/admin/users', { key: 'users.deleted' })
    }
  }
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `${data.user.fullName} · Nghị sự` : pageTitle(matches, 'titles.users') }]

export default function EditUser() {
  const { user, units, history } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const busy = navigation.state === 'submitting'
  const [form, fields] = useForm({
    id: `edit-user-${user.id}`,
    lastResult: actionData?.intent === 'update' ? actionData.result : undefined,
    constraint: getZodConstraint(updateUserSchema),
    defaultValue: {
      fullName: user.fullName,
      username: user.username,
      email: user.email ?? '',
      phone: user.phone ?? '',
      position: user.position ?? '',
      unitId: user.unitId ? String(user.unitId) : '',
      roles: user.roles,
      locale: user.locale,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: updateUserSchema }),
    shouldRevalidate: 'onInput',
  })
  const [passwordForm, passwordFields] = useForm({
    id: `reset-password-${user.id}`,
    lastResult: actionData?.intent === 'resetPassword' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: resetPasswordSchema }),
    shouldRevalidate: 'onInput',
  })
  const statusErrors = actionData && ['activate', 'deactivate', 'delete'].includes(actionData.intent) ? actionData.result.error?.[''] : undefined
  return (
    <div className="space-y-6">
      <div>
        <h1>{user.fullName}</h1>
        <p className="text-stone-700">
          {user.username} · {user.active ? t('common.active') : t('common.inactive')}
        </p>
      </div>
      <Card title={t('users.edit')}>
        <Form method="post" className="space-y-4" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <UserFormFields fields={fields} units={units} />
          <Button type="submit" name="intent" value="update" disabled={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('users.resetPassword')}>
        <Form method="post" className="space-y-4" {...getFormProps(passwordForm)}>
          <input type="hidden" name="username" value={user.username} />
          <Field
            label={t('users.newPassword')}
            inputProps={{ ...getInputProps(passwordFields.newPassword, { type: 'password' }), autoComplete: 'new-password' }}
            errors={passwordFields.newPassword.errors}
            hint={t('password.hint')}
          />
          <Button type="submit" name="intent" value="resetPassword" variant="secondary" disabled={busy}>
            {t('users.resetPassword')}
          </Button>
        </Form>
      </Card>
      <Card title={t('common.status')}>
        <FormErrors errors={statusErrors ?? undefined} />
        <div className="mt-2 flex flex-wrap gap-3">
          <Form method="post">
            <Button type="submit" name="intent" value={user.active ? 'deactivate' : 'activate'} variant={user.active ? 'danger' : 'secondary'} disabled={busy}>
              {user.active ? t('users.deactivate') : t('users.activate')}
            </Button>
          </Form>
          <Form method="post">
            <Button type="submit" name="intent" value="delete" variant="danger" disabled={busy}>
              {t('users.delete')}
            </Button>
          </Form>
        </div>
        <p className="mt-2 text-sm text-stone-600">{t('users.deleteHint')}</p>
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
