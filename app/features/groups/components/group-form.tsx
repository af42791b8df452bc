import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { FormErrors } from '~/components/ui/card'
import { Field, TextareaField } from '~/components/ui/field'
import { Form } from '~/components/ui/form'
import { PeoplePicker, type PersonChoice } from '~/features/directory'
import { GROUP_LIMITS, groupFormSchema } from '../schemas'

/** The group form (new and edit): name, note, members chosen by search, in use or not. */
export function GroupForm({ id, lastResult, defaults, members, busy, editing }: { id: string; lastResult?: SubmissionResult<string[]>; defaults: { name?: string; description?: string | null; active?: boolean }; members: PersonChoice[]; busy: boolean; editing: boolean }) {
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id,
    lastResult,
    defaultValue: { name: defaults.name ?? '', description: defaults.description ?? '', active: defaults.active === false ? undefined : 'on' },
    constraint: getZodConstraint(groupFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: groupFormSchema }),
    shouldRevalidate: 'onInput',
  })
  const { key: activeKey, ...activeProps } = getInputProps(fields.active, { type: 'checkbox' })
  return (
    <Form method="post" className="space-y-4" resetOnSuccess={!editing} {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t('groups.name')} required inputProps={getInputProps(fields.name, { type: 'text' })} errors={fields.name.errors} hint={t('validation.maxChars', { count: GROUP_LIMITS.nameChars })} />
      <TextareaField label={t('groups.description')} textareaProps={{ ...getTextareaProps(fields.description), rows: 2 }} errors={fields.description.errors} />
      <PeoplePicker key={`group-members-${form.key}`} label={t('groups.members')} name={fields.memberUserIds.name} defaultValue={members} errors={fields.memberUserIds.errors} hint={t('meetings.membersHint')} />
      {editing ? (
        <label className="flex min-h-10 items-center gap-2">
          <input key={activeKey} {...activeProps} className="h-5 w-5 accent-brand-600" />
          {t('groups.active')}
        </label>
      ) : null}
      <Button type="submit" disabled={busy}>
        {t('groups.save')}
      </Button>
    </Form>
  )
}
