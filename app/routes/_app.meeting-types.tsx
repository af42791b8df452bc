import { getFormProps, getInputProps, getCollectionProps, getSelectProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { actorOf, requireUser, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { CheckboxGroup, ErrorList, Field, SelectField } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { listMeetingTypes, saveMeetingType, type MeetingType } from '~/features/meetings/index.server'
import { can } from '~/core/permissions.server'
import { meetingTypeInputSchema } from '~/features/meetings'
import { redirectWithToast } from '~/core/toast.server'
import { passRules, quorumRules, roles, substituteRules } from '#db/schema/enums'
import { listGroups } from '~/features/groups/index.server'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  return json({ types: listMeetingTypes({ includeInactive: true }), groups: listGroups().map((g) => ({ id: g.id, name: g.name })), canManage: can(user, 'calendar.manage') })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'calendar.manage')
  const formData = await readForm(request)
  const id = Number(formData.get('id')) || null
  const submission = parseForm(formData, { schema: meetingTypeInputSchema })
  if (submission.status !== 'success') return json({ id, result: submission.reply() }, { status: 400 })
  try {
    saveMeetingType({ id, input: submission.value, actor: actorOf(user, context) })
  } catch (error) {
    return json({ id, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast('/meeting-types', { key: 'meetingTypes.saved' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.meetingTypes') }]

function TypeForm({ type, canManage, groups }: { type: Partial<MeetingType> & { id?: number }; canManage: boolean; groups: { id: number; name: string }[] }) {
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: `type-${type.id ?? 'new'}`,
    lastResult: actionData && actionData.id === (type.id ?? null) ? actionData.result : undefined,
    defaultValue: {
      name: type.name ?? '',
      documentLeadDays: String(type.documentLeadDays ?? 3),
      conclusionDeadlineDays: String(type.conclusionDeadlineDays ?? 5),
      speakingLimitMinutes: String(type.speakingLimitMinutes ?? 5),
      maxDurationMinutes: type.maxDurationMinutes ? String(type.maxDurationMinutes) : '',
      substituteRule: type.substituteRule ?? 'office',
      graceMinutes: String(type.graceMinutes ?? 10),
      quorumRule: type.quorumRule ?? 'two_thirds',
      passRule: type.passRule ?? 'half_of_convened',
      debateLimitSeconds: String(type.debateLimitSeconds ?? 60),
      substitutesVote: type.substitutesVote ? 'on' : undefined,
      rulesText: type.rulesText ?? '',
      defaultRoles: type.defaultRoles ?? [],
      defaultGroupIds: (type.defaultGroupIds ?? []).map(String),
      active: type.active === false ? undefined : 'on',
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: meetingTypeInputSchema }),
    shouldRevalidate: 'onInput',
  })
  const { key: _activeKey, ...activeProps } = getInputProps(fields.active, { type: 'checkbox' })
  const { key: _votesKey, ...substitutesVoteProps } = getInputProps(fields.substitutesVote, { type: 'checkbox' })
  return (
    <Form method="post" className="grid gap-3 sm:grid-cols-2" {...getFormProps(form)}>
      {type.id ? <input type="hidden" name="id" value={type.id} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t('meetingTypes.name')} inputProps={{ ...getInputProps(fields.name, { type: 'text' }), readOnly: !canManage }} errors={fields.name.errors} className="sm:col-span-2" />
      <Field label={t('meetingTypes.documentLeadDays')} inputProps={{ ...getInputProps(fields.documentLeadDays, { type: 'number' }), readOnly: !canManage }} errors={fields.documentLeadDays.errors} />
      <Field label={t('meetingTypes.conclusionDeadlineDays')} inputProps={{ ...getInputProps(fields.conclusionDeadlineDays, { type: 'number' }), readOnly: !canManage }} errors={fields.conclusionDeadlineDays.errors} />
      <Field label={t('meetingTypes.speakingLimitMinutes')} inputProps={{ ...getInputProps(fields.speakingLimitMinutes, { type: 'number' }), readOnly: !canManage }} errors={fields.speakingLimitMinutes.errors} />
      <Field label={t('meetingTypes.maxDurationMinutes')} inputProps={{ ...getInputProps(fields.maxDurationMinutes, { type: 'number' }), readOnly: !canManage }} errors={fields.maxDurationMinutes.errors} />
      <SelectField
        label={t('meetingTypes.substituteRule')}
        selectProps={{ ...getSelectProps(fields.substituteRule), disabled: !canManage }}
        options={substituteRules.map((r) => ({ value: r, label: t(`meetingTypes.substituteRule_${r}`) }))}
        errors={fields.substituteRule.errors}
        className="sm:col-span-2"
      />
      <Field label={t('meetingTypes.graceMinutes')} inputProps={{ ...getInputProps(fields.graceMinutes, { type: 'number' }), readOnly: !canManage }} errors={fields.graceMinutes.errors} />
      <Field label={t('meetingTypes.debateLimitSeconds')} inputProps={{ ...getInputProps(fields.debateLimitSeconds, { type: 'number' }), readOnly: !canManage }} errors={fields.debateLimitSeconds.errors} />
      <SelectField
        label={t('meetingTypes.quorumRule')}
        selectProps={{ ...getSelectProps(fields.quorumRule), disabled: !canManage }}
        options={quorumRules.map((r) => ({ value: r, label: t(`meetingTypes.quorumRule_${r}`) }))}
        errors={fields.quorumRule.errors}
      />
      <SelectField
        label={t('meetingTypes.passRule')}
        selectProps={{ ...getSelectProps(fields.passRule), disabled: !canManage }}
        options={passRules.map((r) => ({ value: r, label: t(`live.votes.passRules.${r}`) }))}
        errors={fields.passRule.errors}
      />
      <label className="flex items-center gap-2 sm:col-span-2">
        <input {...substitutesVoteProps} disabled={!canManage} className="h-5 w-5 accent-brand-600" />
        {t('meetingTypes.substitutesVote')}
      </label>
      <div className="sm:col-span-2">
        <label htmlFor={fields.rulesText.id} className="mb-1 block text-sm font-medium text-stone-800">
          {t('meetingTypes.rulesText')}
        </label>
        <textarea
          {...getInputProps(fields.rulesText, { type: 'text' })}
          key={fields.rulesText.key}
          rows={4}
          readOnly={!canManage}
          placeholder={t('live.rules.default')}
          aria-describedby={`${fields.rulesText.id}-hint`}
          className="block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base"
        />
        <p id={`${fields.rulesText.id}-hint`} className="mt-1 text-sm text-stone-600">
          {t('meetingTypes.rulesTextHint')}
        </p>
        <ErrorList errors={fields.rulesText.errors} />
      </div>
      {groups.length ? (
        <div className="sm:col-span-2">
          <CheckboxGroup
            legend={t('groups.inType')}
            name={fields.defaultGroupIds.name}
            errors={fields.defaultGroupIds.errors}
            items={getCollectionProps(fields.defaultGroupIds, { type: 'checkbox', options: groups.map((g) => String(g.id)) }).map((props) => ({ inputProps: { ...props, disabled: !canManage }, label: groups.find((g) => String(g.id) === props.value)!.name }))}
          />
        </div>
      ) : null}
      <div className="sm:col-span-2">
        <CheckboxGroup
          legend={t('meetingTypes.defaultRoles')}
          name={fields.defaultRoles.name}
          errors={fields.defaultRoles.errors}
          items={getCollectionProps(fields.defaultRoles, { type: 'checkbox', options: [...roles] }).map((props) => ({ inputProps: { ...props, disabled: !canManage }, label: t(`roles.${props.value}`) }))}
        />
      </div>
      <label className="flex items-center gap-2">
        <input {...activeProps} disabled={!canManage} className="h-5 w-5 accent-brand-600" />
        {t('common.active')}
      </label>
      {canManage ? (
        <div className="sm:col-span-2">
          <Button type="submit" disabled={navigation.state === 'submitting'}>
            {t('common.save')}
          </Button>
        </div>
      ) : null}
    </Form>
  )
}

export default function MeetingTypes() {
  const { types, groups, canManage } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <h1>{t('meetingTypes.title')}</h1>
      {types.map((type) => (
        <Card key={type.id} title={type.name}>
          <TypeForm type={type} canManage={canManage} groups={groups} />
        </Card>
      ))}
      {canManage ? (
        <Card title={t('meetingTypes.new')}>
          <TypeForm type={{}} canManage groups={groups} />
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
