import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useLazyValidation } from '~/components/ui/lazy-validation'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, changePassword, clearSessionCookieHeader, createApiToken, getUser, invalidateUserSessions, invariantResponse, listApiTokens, requireAuth, revokeApiToken, setLocale } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { CopyButton } from '~/components/ui/copy-button'
import { Field, SelectField } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime } from '~/core/dates'
import { changePasswordSchema, createTokenSchema, TOKEN_LIFETIMES_DAYS } from '~/features/directory'
import { activeCalendarFeed, createCalendarFeed, revokeCalendarFeed } from '~/features/calendar/index.server'
import { redirectWithToast } from '~/core/toast.server'
import { locales } from '#db/schema/enums'
import { pageTitle } from '~/i18n'

const intentSchema = z.enum(['locale', 'password', 'createToken', 'revokeToken', 'signOutAll', 'createFeed', 'revokeFeed'])
const localeSchema = z.object({ locale: z.enum(locales) })
const revokeTokenSchema = z.object({ tokenId: z.string().min(1).max(100) })

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = requireAuth(request)
  const detail = getUser({ id: user.id })!
  return json({
    user: { fullName: detail.fullName, username: detail.username, email: detail.email, phone: detail.phone, position: detail.position, unitName: user.unitName, roles: detail.roles, locale: detail.locale },
    tokens: listApiTokens({ userId: user.id }),
    feed: activeCalendarFeed({ userId: user.id }),
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = requireAuth(request)
  const actor = actorOf(user, context)
  const formData = await readForm(request)
  const intent = intentSchema.safeParse(formData.get('intent'))
  invariantResponse(intent.success, 'errors.badRequest', 400)
  switch (intent.data) {
    case 'locale': {
      const submission = parseForm(formData, { schema: localeSchema })
      if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), token: null }, { status: 400 })
      setLocale({ userId: user.id, locale: submission.value.locale })
      return redirectWithToast('/profile', { key: 'profile.languageSaved' })
    }
    case 'password': {
      const submission = parseForm(formData, { schema: changePasswordSchema })
      const hidden = ['currentPassword', 'newPassword', 'confirmPassword']
      if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply({ hideFields: hidden }), token: null }, { status: 400 })
      try {
        await changePassword({ userId: user.id, input: submission.value, keepSessionId: session.id, actor })
      } catch (error) {
        return json({ intent: intent.data, result: replyWithDomainError(submission, error, hidden), token: null }, { status: statusOf(error) })
      }
      return redirectWithToast('/profile', { key: 'profile.passwordChanged' })
    }
    case 'createToken': {
      const submission = parseForm(formData, { schema: createTokenSchema })
      if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), token: null }, { status: 400 })
      const created = createApiToken({ userId: user.id, input: submission.value, actor })
      // Shown once, in this response only; never stored in clear.
      return json({ intent: intent.data, result: submission.reply({ resetForm: true }), token: created.token })
    }
    case 'revokeToken': {
      const submission = parseForm(formData, { schema: revokeTokenSchema })
      if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), token: null }, { status: 400 })
      try {
        revokeApiToken({ userId: user.id, tokenId: submission.value.tokenId, actor })
      } catch (error) {
        return json({ intent: intent.data, result: replyWithDomainError(submission, error), token: null }, { status: statusOf(error) })
      }
      return redirectWithToast('/profile', { key: 'profile.tokenRevoked' })
    }
    case 'createFeed': {
      const token = createCalendarFeed({ userId: user.id })
      const origin = new URL(request.url).origin
      return json({ intent: intent.data, result: undefined, token: null, feedUrl: `${origin}/calendar/${token}.ics` })
    }
    case 'revokeFeed': {
      revokeCalendarFeed({ userId: user.id })
      return redirectWithToast('/profile', { key: 'feed.revoked' })
    }
    case 'signOutAll': {
      invalidateUserSessions({ userId: user.id })
      return redirectWithToast('/login', { key: 'login.signedOut', type: 'info' }, [['Set-Cookie', clearSessionCookieHeader(request)]])
    }
  }
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.account') }]

export default function Profile() {
  const { user, tokens, feed } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const { t } = useTranslation()
  const passwordCheck = useLazyValidation(() => import('~/features/directory/schemas').then((m) => m.changePasswordSchema), { shouldRevalidate: 'onInput' })
  const [passwordForm, passwordFields] = useForm({
    id: 'change-password',
    lastResult: actionData?.intent === 'password' ? actionData.result : undefined,
    ...passwordCheck.options,
  })
  const tokenCheck = useLazyValidation(() => import('~/features/directory/schemas').then((m) => m.createTokenSchema), { shouldRevalidate: 'onInput' })
  const [tokenForm, tokenFields] = useForm({
    id: 'create-token',
    lastResult: actionData?.intent === 'createToken' ? actionData.result : undefined,
    ...tokenCheck.options,
  })
  const revokeErrors = actionData?.intent === 'revokeToken' ? actionData.result.error?.[''] : undefined
  return (
    <div className="space-y-6">
      <h1>{t('profile.title')}</h1>
      <Card title={t('profile.info')}>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-stone-700">{t('users.fullName')}</dt>
          <dd>{user.fullName}</dd>
          <dt className="font-medium text-stone-700">{t('users.username')}</dt>
          <dd>{user.username}</dd>
          <dt className="font-medium text-stone-700">{t('users.position')}</dt>
          <dd>{user.position ?? '—'}</dd>
          <dt className="font-medium text-stone-700">{t('users.unit')}</dt>
          <dd>{user.unitName ?? '—'}</dd>
          <dt className="font-medium text-stone-700">{t('users.roles')}</dt>
          <dd>{user.roles.map((r) => t(`roles.${r}`)).join(', ')}</dd>
        </dl>
      </Card>
      <Card title={t('profile.language')}>
        <Form method="post" className="flex flex-wrap items-end gap-3">
          <SelectField
            label={t('profile.language')}
            selectProps={{ name: 'locale', defaultValue: user.locale }}
            options={[
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
          />
          <Button type="submit" name="intent" value="locale" variant="secondary" disabled={busy}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
      <Card title={t('profile.changePassword')}>
        <Form method="post" className="max-w-md space-y-4" {...getFormProps(passwordForm)} onFocus={passwordCheck.start}>
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <Field
            label={t('profile.currentPassword')}
            inputProps={{ ...getInputProps(passwordFields.currentPassword, { type: 'password' }), autoComplete: 'current-password' }}
            errors={passwordFields.currentPassword.errors}
          />
          <Field
            label={t('profile.newPassword')}
            inputProps={{ ...getInputProps(passwordFields.newPassword, { type: 'password' }), autoComplete: 'new-password' }}
            errors={passwordFields.newPassword.errors}
            hint={t('password.hint')}
          />
          <Field
            label={t('profile.confirmPassword')}
            inputProps={{ ...getInputProps(passwordFields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
            errors={passwordFields.confirmPassword.errors}
          />
          <Button type="submit" name="intent" value="password" disabled={busy}>
            {t('profile.changePassword')}
          </Button>
        </Form>
      </Card>
      <Card title={t('profile.apiTokens')}>
        <p className="mb-3 text-sm text-stone-700">{t('profile.apiTokensHint')}</p>
        {actionData?.token ? (
          <div role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3">
            <p className="mb-1 font-medium">{t('profile.tokenCreated')}</p>
            <code className="block break-all rounded bg-white p-2 text-sm" data-testid="new-api-token">
              {actionData.token}
            </code>
            <CopyButton text={actionData.token} label={t('profile.copyToken')} />
          </div>
        ) : null}
        <FormErrors errors={revokeErrors ?? undefined} />
        {tokens.length ? (
          <ul className="mb-4 divide-y divide-stone-200">
            {tokens.map((tok) => (
              <li key={tok.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                <span>
                  <span className="font-medium">{tok.name}</span>
                  <span className="block text-sm text-stone-600">
                    {t('profile.createdAt')}: {formatDateTime(tok.createdAt)} · {t('profile.expiresAt')}: {tok.expiresAt ? formatDateTime(tok.expiresAt) : '—'} · {t('profile.lastUsedAt')}: {tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('profile.never')}
                    {tok.readOnly ? ` · ${t('profile.readOnly')}` : ''}
                  </span>
                </span>
                <Form method="post">
                  <input type="hidden" name="tokenId" value={tok.id} />
                  <Button type="submit" name="intent" value="revokeToken" variant="danger" aria-label={`${t('profile.revoke')}: ${tok.name}`} disabled={busy}>
                    {t('profile.revoke')}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 text-stone-600">{t('profile.noTokens')}</p>
        )}
        <Form method="post" className="flex flex-wrap items-end gap-3" {...getFormProps(tokenForm)} onFocus={tokenCheck.start}>
          <Field label={t('profile.tokenName')} inputProps={getInputProps(tokenFields.name, { type: 'text' })} errors={tokenFields.name.errors} />
          <SelectField label={t('profile.tokenDays')} selectProps={{ name: 'days', defaultValue: '90' }} options={TOKEN_LIFETIMES_DAYS.map((d) => ({ value: String(d), label: t('profile.tokenDaysOption', { count: d }) }))} />
          <label className="flex items-center gap-2 pb-2">
            <input type="checkbox" name="readOnly" value="on" className="h-5 w-5 accent-brand-600" />
            {t('profile.tokenReadOnly')}
          </label>
          <Button type="submit" name="intent" value="createToken" variant="secondary" disabled={busy}>
            {t('profile.createToken')}
          </Button>
        </Form>
      </Card>
      <Card title={t('feed.title')}>
        <p className="mb-3 text-sm text-stone-700">{t('feed.hint')}</p>
        {actionData && 'feedUrl' in actionData && actionData.feedUrl ? (
          <div role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3">
            <p className="mb-1 font-medium">{t('feed.created')}</p>
            <code className="block break-all rounded bg-white p-2 text-sm" data-testid="feed-url">
              {actionData.feedUrl}
            </code>
            <CopyButton text={actionData.feedUrl} label={t('feed.copyUrl')} />
          </div>
        ) : feed ? (
          <p className="mb-3">{t('feed.active', { date: formatDateTime(feed.createdAt) })}</p>
        ) : null}
        <Form method="post" className="flex flex-wrap gap-3">
          <Button type="submit" name="intent" value="createFeed" variant="secondary" disabled={busy}>
            {t('feed.create')}
          </Button>
          {feed ? (
            <Button type="submit" name="intent" value="revokeFeed" variant="danger" disabled={busy}>
              {t('feed.revoke')}
            </Button>
          ) : null}
        </Form>
      </Card>
      <Card title={t('profile.signOutEverywhere')}>
        <p className="mb-3 text-sm text-stone-700">{t('profile.signOutEverywhereHint')}</p>
        <Form method="post">
          <Button type="submit" name="intent" value="signOutAll" variant="danger" disabled={busy}>
            {t('profile.signOutEverywhere')}
          </Button>
        </Form>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
