import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, invariantResponse, requireUser, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { Field, SelectField } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDay } from '~/core/dates'
import { vietnamDate, weekday } from '~/core/days'
import { addOverride, removeOverride, yearCalendar } from '~/features/calendar/index.server'
import { can } from '~/core/permissions.server'
import { calendarOverrideSchema } from '~/features/meetings'
import { redirectWithToast } from '~/core/toast.server'
import { DateField } from '~/components/ui/date-field'
import { pageTitle } from '~/i18n'

const DAY_NAMES = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7']

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const asked = Number(new URL(request.url).searchParams.get('year'))
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2199 ? asked : Number(vietnamDate(new Date()).slice(0, 4))
  return json({ year, ...yearCalendar({ year }), canManage: can(user, 'calendar.manage') })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'calendar.manage')
  const formData = await readForm(request)
  const year = Number(formData.get('year')) || new Date().getFullYear()
  if (formData.get('intent') === 'remove') {
    const id = z.coerce.number().int().positive().safeParse(formData.get('id'))
    invariantResponse(id.success, 'errors.badRequest', 400)
    removeOverride({ id: id.data, actor: actorOf(user, context) })
    return redirectWithToast(`/working-days?year=${year}`, { key: 'calendar.removed' })
  }
  const submission = parseForm(formData, { schema: calendarOverrideSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    addOverride({ input: submission.value, actor: actorOf(user, context) })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast(`/working-days?year=${submission.value.date.slice(0, 4)}`, { key: 'calendar.added' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.workingDays') }]

export default function WorkingDays() {
  const { year, holidays, overrides, canManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'override',
    lastResult: actionData?.result,
    defaultValue: { kind: 'day_off' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: calendarOverrideSchema }),
    shouldRevalidate: 'onInput',
  })
  const show = (d: string) => `${DAY_NAMES[weekday(d)]} ${formatDay(d)}`
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1>{t('calendar.title')}</h1>
        <nav aria-label={t('calendar.year')} className="flex gap-3">
          <Link to={`?year=${year - 1}`}>← {year - 1}</Link>
          <span className="font-semibold">{year}</span>
          <Link to={`?year=${year + 1}`}>{year + 1} →</Link>
        </nav>
      </div>
      <p className="text-stone-700">{t('calendar.intro')}</p>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t('calendar.holidays', { year })}>
          <ul className="space-y-1" data-testid="holidays">
            {holidays.map((h) => (
              <li key={h.date + h.name}>
                <span className="inline-block w-32 font-medium">{show(h.date)}</span> {h.name}
              </li>
            ))}
          </ul>
        </Card>
        <Card title={t('calendar.overrides', { year })}>
          {overrides.length ? (
            <ul className="mb-4 space-y-2">
              {overrides.map((o) => (
                <li key={o.id} className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <span className="inline-block w-32 font-medium">{show(o.date)}</span> {t(`calendar.${o.kind}`)} — {o.note}
                  </span>
                  {canManage ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={o.id} />
                      <input type="hidden" name="year" value={year} />
                      <Button type="submit" variant="danger" aria-label={`${t('calendar.remove')}: ${show(o.date)}`}>
                        {t('calendar.remove')}
                      </Button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-4 text-stone-600">{t('common.noResults')}</p>
          )}
          {canManage ? (
            <Form method="post" className="space-y-3" {...getFormProps(form)}>
              <h3 className="font-semibold">{t('calendar.addOverride')}</h3>
              <FormErrors id={form.errorId} errors={form.errors} />
              <DateField key={fields.date.key} id={fields.date.id} label={t('calendar.date')} name={fields.date.name} defaultValue={fields.date.initialValue} errors={fields.date.errors} />
              <SelectField
                label={t('calendar.kind')}
                selectProps={getSelectProps(fields.kind)}
                options={[
                  { value: 'day_off', label: t('calendar.day_off') },
                  { value: 'working_day', label: t('calendar.working_day') },
                ]}
                errors={fields.kind.errors}
              />
              <Field label={t('calendar.note')} inputProps={getInputProps(fields.note, { type: 'text' })} errors={fields.note.errors} />
              <Button type="submit" disabled={navigation.state === 'submitting'}>
                {t('calendar.addOverride')}
              </Button>
            </Form>
          ) : null}
        </Card>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
