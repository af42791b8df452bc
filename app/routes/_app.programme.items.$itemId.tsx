import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, invariantResponse, listUnitTree, listUserOptions, requireUser, requireUserWithPermission } from '~/features/directory/index.server'
import { AuditHistory } from '~/components/audit-history'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { ProgrammeItemFields } from '~/features/programme'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { Field, SelectField } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime } from '~/core/dates'
import { auditHistoryFor } from '~/core/audit.server'
import { serverT } from '~/i18n/translate.server'
import { listMeetingTypes } from '~/features/meetings/index.server'
import { can } from '~/core/permissions.server'
import { getProgrammeItem, moveItem, setItemStatus, updateProgrammeItem } from '~/features/programme/index.server'
import { parseId } from '~/core/schemas'
import { itemMoveSchema, itemStatusChangeSchema, programmeItemInputSchema } from '~/features/meetings'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

const intentSchema = z.enum(['update', 'status', 'move'])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const id = parseId(params.itemId)
  const item = id ? getProgrammeItem({ id }) : null
  invariantResponse(item, 'programme.itemMissing')
  return json({
    item,
    canManage: can(user, 'programme.manage'),
    canSchedule: can(user, 'meetings.manage'),
    types: listMeetingTypes().map((t) => ({ id: t.id, name: t.name })),
    chairs: listUserOptions({ role: 'chair' }),
    units: listUnitTree(),
    history: auditHistoryFor('programmeItem', item.id, serverT(user.locale)),
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'programme.manage')
  const id = parseId(params.itemId)
  invariantResponse(id && getProgrammeItem({ id }), 'programme.itemMissing')
  const actor = actorOf(user, context)
  const formData = await readForm(request)
  const intent = intentSchema.safeParse(formData.get('intent'))
  invariantResponse(intent.success, 'errors.badRequest', 400)
  if (intent.data === 'update') {
    const submission = parseForm(formData, { schema: programmeItemInputSchema })
    if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
    try {
      updateProgrammeItem({ id, input: submission.value, actor })
    } catch (error) {
      return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
    }
    return redirectWithToast(`/programme/items/${id}`, { key: 'programme.itemUpdated' })
  }
  if (intent.data === 'status') {
    const submission = parseForm(formData, { schema: itemStatusChangeSchema })
    if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
    try {
      setItemStatus({ id, input: submission.value, actor })
    } catch (error) {
      return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
    }
    return redirectWithToast(`/programme/items/${id}`, { key: 'programme.statusChanged' })
  }
  const submission = parseForm(formData, { schema: itemMoveSchema })
  if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
  try {
    const newId = moveItem({ id, input: submission.value, actor })
    return redirectWithToast(`/programme/items/${newId}`, { key: 'programme.moved', params: { month: submission.value.targetMonth, year: submission.value.targetYear } })
  } catch (error) {
    return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.programmeItem') }]

export default function ProgrammeItemPage() {
  const { item, canManage, canSchedule, types, chairs, units, history } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const { t } = useTranslation()
  const open = !['moved', 'cancelled', 'held'].includes(item.status)
  const [form, fields] = useForm({
    id: `item-${item.id}`,
    lastResult: actionData?.intent === 'update' ? actionData.result : undefined,
    constraint: getZodConstraint(programmeItemInputSchema),
    defaultValue: {
      content: item.content,
      plannedMonth: String(item.plannedMonth),
      plannedDate: item.plannedDate ?? '',
      meetingTypeId: item.meetingTypeId ? String(item.meetingTypeId) : '',
      presidingUserId: item.presidingUserId ? String(item.presidingUserId) : '',
      preparingUnitId: item.preparingUnitId ? String(item.preparingUnitId) : '',
      notes: item.notes ?? '',
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: programmeItemInputSchema }),
    shouldRevalidate: 'onInput',
  })
  const [statusForm, statusFields] = useForm({
    id: `item-status-${item.id}`,
    lastResult: actionData?.intent === 'status' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: itemStatusChangeSchema }),
    shouldRevalidate: 'onInput',
  })
  const [moveForm, moveFields] = useForm({
    id: `item-move-${item.id}`,
    lastResult: actionData?.intent === 'move' ? actionData.result : undefined,
    defaultValue: { targetYear: String(item.programmeYear), targetMonth: String(Math.min(12, item.plannedMonth + 1)) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: itemMoveSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-stone-600">
          <Link to={`/programme/${item.programmeId}`}>{item.programmeTitle}</Link> · {t('programme.month', { month: item.plannedMonth })}
        </p>
        <h1>{item.content}</h1>
        <p className="mt-1">
          <span className="rounded bg-stone-200 px-2 py-0.5 text-sm font-medium">{t(`programmeStatus.${item.status}`)}</span>
          {item.statusReason ? <span className="ml-2 text-stone-700">{`${t('programme.reason')}: ${item.statusReason}`}</span> : null}
        </p>
        {item.movedToItemId ? (
          <p className="mt-1">
            {t('programme.movedTo')}: <Link to={`/programme/items/${item.movedToItemId}`}>#{item.movedToItemId}</Link>
          </p>
        ) : null}
        {item.movedFrom ? (
          <p className="mt-1">
            <Link to={`/programme/items/${item.movedFrom.id}`}>{t('programme.movedFrom', { month: item.movedFrom.plannedMonth })}</Link>
          </p>
        ) : null}
      </div>
      <Card title={t('programme.meetings')}>
        {item.meetings.length ? (
          <ul className="space-y-1">
            {item.meetings.map((m) => (
              <li key={m.id}>
                <Link to={`/meetings/${m.id}`}>{m.title}</Link> · {formatDateTime(m.startsAt)} · {t(`meetingStatus.${m.status}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-600">{t('programme.noMeetings')}</p>
        )}
        {canSchedule && open ? (
          <Link to={`/meetings/new?itemId=${item.id}`} className={buttonClass('primary', 'mt-3')}>
            {t('programme.scheduleMeeting')}
          </Link>
        ) : null}
      </Card>
      {canManage && open ? (
        <>
          <Card title={t('common.edit')}>
            <Form method="post" className="space-y-4" {...getFormProps(form)}>
              <FormErrors id={form.errorId} errors={form.errors} />
              <ProgrammeItemFields fields={fields} types={types} chairs={chairs} units={units} />
              <Button type="submit" name="intent" value="update" disabled={busy}>
                {t('common.save')}
              </Button>
            </Form>
          </Card>
          <Card title={t('programme.changeStatus')}>
            <Form method="post" className="grid gap-3 sm:grid-cols-[1fr_auto]" {...getFormProps(statusForm)}>
              <input type="hidden" name="intent" value="status" />
              <Field label={t('programme.reason')} inputProps={getInputProps(statusFields.reason, { type: 'text' })} errors={statusFields.reason.errors} />
              <div className="flex flex-wrap items-end gap-2">
                <Button type="submit" name="status" value="postponed" variant="secondary" disabled={busy}>
                  {t('programme.postpone')}
                </Button>
                <Button type="submit" name="status" value="cancelled" variant="danger" disabled={busy}>
                  {t('programme.cancel')}
                </Button>
                {item.status === 'postponed' ? (
                  <Button type="submit" name="status" value="planned" variant="secondary" disabled={busy}>
                    {t('programme.restore')}
                  </Button>
                ) : null}
              </div>
            </Form>
          </Card>
          <Card title={t('programme.move')}>
            <Form method="post" className="grid gap-3 sm:grid-cols-4" {...getFormProps(moveForm)}>
              <input type="hidden" name="intent" value="move" />
              <FormErrors id={moveForm.errorId} errors={moveForm.errors} />
              <Field label={t('programme.targetYear')} inputProps={getInputProps(moveFields.targetYear, { type: 'number' })} errors={moveFields.targetYear.errors} />
              <SelectField label={t('programme.targetMonth')} selectProps={getSelectProps(moveFields.targetMonth)} options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))} errors={moveFields.targetMonth.errors} />
              <Field label={t('programme.reason')} inputProps={getInputProps(moveFields.reason, { type: 'text' })} errors={moveFields.reason.errors} />
              <div className="flex items-end">
                <Button type="submit" variant="secondary" disabled={busy}>
                  {t('programme.move')}
                </Button>
              </div>
            </Form>
          </Card>
        </>
      ) : null}
      <Card title={t('users.history')}>
        <AuditHistory rows={history} />
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
