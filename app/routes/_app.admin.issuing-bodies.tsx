import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { Field } from '~/components/ui/field'
import { Form } from '~/components/ui/form'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { listIssuingBodies, updateIssuingBody } from '~/features/conclusions/index.server'
import { idSchema, optionalText, requiredText } from '~/core/schemas'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

const bodySchema = z.object({ id: idSchema, headerName: optionalText(200).nullable(), place: requiredText(100) })

/** How each issuing body is named at the head of its notices, minutes and reports, and where it signs. */
export async function loader({ request }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'units.manage')
  return json({ bodies: listIssuingBodies() })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = requireUserWithPermission(request, 'units.manage')
  const submission = parseForm(await readForm(request), { schema: bodySchema })
  if (submission.status !== 'success') return json({ id: Number(submission.payload.id) || null, result: submission.reply() }, { status: 400 })
  try {
    updateIssuingBody({ id: submission.value.id, input: { headerName: submission.value.headerName?.toLocaleUpperCase('vi') ?? null, place: submission.value.place }, actor: actorOf(admin, context) })
  } catch (error) {
    return json({ id: submission.value.id, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast('/admin/issuing-bodies', { key: 'issuingBodies.saved' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.issuingBodies') }]

function BodyForm({ body }: { body: ReturnType<typeof useLoaderData<typeof loader>>['bodies'][number] }) {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: `body-${body.id}`,
    lastResult: actionData?.id === body.id ? actionData.result : undefined,
    defaultValue: { id: String(body.id), headerName: body.headerName ?? '', place: body.place },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: bodySchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <Card title={`${body.unitName} (${body.bodyCode})`}>
      <Form method="post" className="grid gap-3 sm:grid-cols-2" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.id.name} value={body.id} />
        <Field label={t('issuingBodies.headerName')} hint={t('issuingBodies.headerHint', { unit: body.unitName.toLocaleUpperCase('vi') })} inputProps={getInputProps(fields.headerName, { type: 'text' })} errors={fields.headerName.errors} />
        <Field label={t('issuingBodies.place')} hint={t('issuingBodies.placeHint')} inputProps={getInputProps(fields.place, { type: 'text' })} errors={fields.place.errors} />
        <div className="sm:col-span-2">
          <Button type="submit" disabled={navigation.state === 'submitting'}>
            {t('common.save')}
          </Button>
        </div>
      </Form>
    </Card>
  )
}

export default function IssuingBodies() {
  const { bodies } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <h1>{t('issuingBodies.title')}</h1>
      <p className="text-stone-700">{t('issuingBodies.intro')}</p>
      {bodies.map((b) => (
        <BodyForm key={b.id} body={b} />
      ))}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
