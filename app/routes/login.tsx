import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { parse, serialize } from 'cookie'
import { authenticate, createSession, DEVICE_COOKIE, getAuth, getSessionUser, invalidateSession, isSecureRequest, safeRedirect, sessionCookieHeader } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { FormErrors } from '~/components/ui/card'
import { Field } from '~/components/ui/field'
import { serverT } from '~/i18n/translate.server'
import { loginSchema } from '~/features/directory'
import { redirectWithToast } from '~/core/toast.server'
import { parseForm, readForm } from '~/core/forms.server'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  if (getAuth(request)) throw redirect('/')
  return json({})
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const submission = parseForm(formData, { schema: loginSchema })
  if (submission.status !== 'success') {
    return json({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  }
  const { username, password, redirectTo } = submission.value
  // Decided before anything is created: nothing after the new session may fail.
  const target = safeRedirect(redirectTo)
  const deviceCookie = parse(request.headers.get('Cookie') ?? '')[DEVICE_COOKIE]
  const result = await authenticate({ input: { username, password, ip: context.ip, deviceCookie } })
  if (!result.ok) {
    const t = serverT('vi')
    const message =
      result.reason === 'rateLimited'
        ? t('login.rateLimited', { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) })
        : t(`login.${result.reason}`)
    const status = result.reason === 'rateLimited' ? 429 : 401
    const headers = result.reason === 'rateLimited' ? { 'Retry-After': String(result.retryAfterSeconds) } : undefined
    return json({ result: submission.reply({ formErrors: [message], hideFields: ['password'] }) }, { status, headers })
  }
  // Rotate: whatever session the browser had ends; the sign-in gets a new one.
  const previous = getAuth(request)
  if (previous) invalidateSession({ sessionId: previous.session.id })
  const { token, session } = createSession({ userId: result.userId, meta: { userAgent: request.headers.get('User-Agent'), ip: context.ip } })
  const user = getSessionUser({ userId: result.userId })
  const cookies: [string, string][] = [['Set-Cookie', sessionCookieHeader(token, session, request)]]
  // This browser is now a known device for the username: failures elsewhere will not lock it out.
  if (result.device) cookies.push(['Set-Cookie', serialize(DEVICE_COOKIE, result.device.cookie, { httpOnly: true, sameSite: 'lax', secure: isSecureRequest(request), path: '/login', maxAge: 365 * 86_400 })])
  return redirectWithToast(target, { key: 'login.welcome', params: { name: user?.fullName ?? username } }, cookies)
}

/** Plain HTML: the form works before (and without) any script, which a slow line appreciates most here. */
export const handle = { hydrate: false }

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.signIn') }]

export default function Login() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'login',
    lastResult: actionData?.result,
    constraint: getZodConstraint(loginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: loginSchema }),
    shouldRevalidate: 'onInput',
  })
  // A refused password is cleared (the server never sends it back); the username stays.
  const passwordId = fields.password.id
  useEffect(() => {
    const input = document.getElementById(passwordId)
    if (actionData && input instanceof HTMLInputElement) input.value = ''
  }, [actionData, passwordId])
  return (
    <main id="main" className="flex min-h-screen items-center justify-center bg-stone-100 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t('app.tagline')}</p>
          <h1 className="mt-1 text-3xl">{t('app.name')}</h1>
        </div>
        <div className="rounded-lg border border-stone-200 bg-white p-6 shadow-sm">
          <h2 className="mb-4">{t('login.title')}</h2>
          <Form method="post" className="space-y-4" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <Field
              label={t('login.username')}
              inputProps={{ ...getInputProps(fields.username, { type: 'text' }), autoComplete: 'username', autoFocus: true, autoCapitalize: 'none' }}
              errors={fields.username.errors}
            />
            <Field
              label={t('login.password')}
              inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
              errors={fields.password.errors}
            />
            <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
            <Button type="submit" className="w-full" disabled={navigation.state === 'submitting'}>
              {t('login.submit')}
            </Button>
          </Form>
        </div>
      </div>
    </main>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
