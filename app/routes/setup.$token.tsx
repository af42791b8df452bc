import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { FormErrors } from '~/components/ui/card'
import { Field } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { createAdminWithSetupToken, isSetupTokenValid } from '~/features/directory/index.server'
import { requiredText } from '~/core/schemas'
import { newPasswordSchema, refinePassword, usernameSchema } from '~/features/directory'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

const setupSchema = z
  .object({
    fullName: requiredText(120),
    username: usernameSchema,
    email: z.email('validation.email').trim().toLowerCase().optional(),
    password: newPasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }),
  })
  .superRefine((v, ctx) => {
    refinePassword(v.password, v.username, ctx, 'password')
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password.mismatch' })
  })

export async function loader({ params }: LoaderFunctionArgs) {
  return json({ valid: isSetupTokenValid({ token: params.token ?? '' }) })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseForm(await readForm(request), { schema: setupSchema })
  const hidden = ['password', 'confirmPassword']
  if (submission.status !== 'success') return json({ result: submission.reply({ hideFields: hidden }) }, { status: 400 })
  try {
    await createAdminWithSetupToken({ token: params.token ?? '', input: submission.value, ip: context.ip })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error, hidden) }, { status: statusOf(error) })
  }
  return redirectWithToast('/login', { key: 'setup.done' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.setup') }]

export default function Setup() {
  const { valid } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'setup',
    lastResult: actionData?.result,
    constraint: getZodConstraint(setupSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setupSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-10">
      <h1 className="mb-2">{t('setup.title')}</h1>
      {valid ? (
        <>
          <p className="mb-4 text-stone-700">{t('setup.intro')}</p>
          <Form method="post" className="space-y-4 rounded-lg border border-stone-200 bg-white p-6" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field label={t('users.fullName')} required inputProps={getInputProps(fields.fullName, { type: 'text' })} errors={fields.fullName.errors} />
            <Field label={t('users.username')} required inputProps={{ ...getInputProps(fields.username, { type: 'text' }), autoCapitalize: 'none' }} errors={fields.username.errors} />
            <Field label={t('users.email')} inputProps={getInputProps(fields.email, { type: 'email' })} errors={fields.email.errors} />
            <Field
              label={t('login.password')}
              required
              inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password' }}
              errors={fields.password.errors}
              hint={t('password.hint')}
            />
            <Field
              label={t('profile.confirmPassword')}
              required
              inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
              errors={fields.confirmPassword.errors}
            />
            <Button type="submit" disabled={navigation.state === 'submitting'}>
              {t('setup.submit')}
            </Button>
          </Form>
        </>
      ) : (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {t('setup.tokenInvalid')}
        </p>
      )}
    </main>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
