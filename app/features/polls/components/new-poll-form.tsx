import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { roles } from '#db/schema/enums'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { DateField, TimeField } from '~/components/ui/date-field'
import { ErrorList, Field, SelectField } from '~/components/ui/field'
import { Form } from '~/components/ui/form'
import { campaignFormSchema } from '../schemas'

type Option = { value: string; label: string }

/**
 * The Office's form for a new confidence poll. Loaded only for the Office (`~/features/polls/lazy`):
 * its date fields and schema are not in the page a delegate downloads.
 */
export default function NewPollForm({ lastResult, people, chairs, today }: { lastResult?: SubmissionResult<string[]>; people: (Option & { line: string })[]; chairs: Option[]; today: string }) {
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'new-poll',
    lastResult,
    defaultValue: { legalBasis: 'Quy định số 96-QĐ/TW ngày 02/02/2023 của Bộ Chính trị', bodyName: 'Ban Chấp hành Đảng bộ tỉnh', opensDate: today, opensTime: '08:00', closesDate: today, closesTime: '17:00' },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignFormSchema }),
    shouldRevalidate: 'onBlur',
  })
  const multi = (name: 'voterUserIds' | 'boardUserIds', label: string, errors?: string[]) => (
    <div className="sm:col-span-2">
      <label htmlFor={`poll-${name}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select id={`poll-${name}`} name={name} multiple size={6} className="block w-full rounded-md border border-stone-400 px-3 py-2" aria-invalid={errors ? true : undefined} aria-describedby={errors ? `poll-${name}-error` : undefined}>
        {people.map((p) => (
          <option key={p.value} value={p.value}>
            {p.label}
          </option>
        ))}
      </select>
      <ErrorList id={`poll-${name}-error`} errors={errors} />
    </div>
  )
  return (
    <Card title={t('polls.new')}>
      <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t('polls.fields.title')} required inputProps={getInputProps(fields.title, { type: 'text' })} errors={fields.title.errors} className="sm:col-span-2" />
        <Field label={t('polls.fields.legalBasis')} required inputProps={getInputProps(fields.legalBasis, { type: 'text' })} errors={fields.legalBasis.errors} />
        <Field label={t('polls.fields.bodyName')} required inputProps={getInputProps(fields.bodyName, { type: 'text' })} errors={fields.bodyName.errors} />
        <SelectField label={t('polls.fields.chair')} selectProps={getSelectProps(fields.chairUserId)} options={[{ value: '', label: '—' }, ...chairs]} errors={fields.chairUserId.errors} className="sm:col-span-2" />
        <DateField key={fields.opensDate.key} id={fields.opensDate.id} label={t('polls.fields.opensDate')} name={fields.opensDate.name} defaultValue={fields.opensDate.initialValue} errors={fields.opensDate.errors} />
        <TimeField key={fields.opensTime.key} id={fields.opensTime.id} label={t('polls.fields.opensTime')} name={fields.opensTime.name} defaultValue={fields.opensTime.initialValue} errors={fields.opensTime.errors} />
        <DateField key={fields.closesDate.key} id={fields.closesDate.id} label={t('polls.fields.closesDate')} name={fields.closesDate.name} defaultValue={fields.closesDate.initialValue} errors={fields.closesDate.errors} />
        <TimeField key={fields.closesTime.key} id={fields.closesTime.id} label={t('polls.fields.closesTime')} name={fields.closesTime.name} defaultValue={fields.closesTime.initialValue} errors={fields.closesTime.errors} />
        <div className="sm:col-span-2">
          <label htmlFor={fields.candidates.id} className="mb-1 block text-sm font-medium">
            {t('polls.fields.candidates')}
          </label>
          <textarea {...getTextareaProps(fields.candidates)} key={fields.candidates.key} rows={5} className="block w-full rounded-md border border-stone-400 px-3 py-2" aria-describedby={`${fields.candidates.id}-hint ${fields.candidates.errorId}`} />
          <p id={`${fields.candidates.id}-hint`} className="mt-1 text-sm text-stone-600">
            {t('polls.fields.candidatesHint')}
          </p>
          <label className="mt-2 block text-sm">
            <span className="mb-1 block font-medium">{t('polls.fields.fromDirectory')}</span>
            <select
              className="block w-full max-w-md rounded-md border border-stone-400 px-3 py-2"
              value=""
              onChange={(e) => {
                const line = people.find((p) => p.value === e.target.value)?.line
                const area = document.getElementById(fields.candidates.id) as HTMLTextAreaElement | null
                if (line && area) area.value = `${area.value.trim() ? `${area.value.trimEnd()}\n` : ''}${line}`
              }}
            >
              <option value="">—</option>
              {people.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <ErrorList id={fields.candidates.errorId} errors={fields.candidates.errors} />
        </div>
        <fieldset className="sm:col-span-2">
          <legend className="mb-1 text-sm font-medium">{t('polls.fields.voterRoles')}</legend>
          <div className="flex flex-wrap gap-3">
            {roles.map((r) => (
              <label key={r} className="flex items-center gap-2">
                <input type="checkbox" name="voterRoles" value={r} className="size-5" />
                {t(`roles.${r}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {multi('voterUserIds', t('polls.fields.voterUserIds'), fields.voterUserIds.errors)}
        {multi('boardUserIds', t('polls.fields.boardUserIds'), fields.boardUserIds.errors)}
        <label className="flex items-center gap-2 sm:col-span-2">
          <input type="checkbox" name="allowSignature" className="size-5" />
          {t('polls.fields.allowSignature')}
        </label>
        <div className="sm:col-span-2">
          <Button type="submit" variant="primary" disabled={navigation.state !== 'idle'}>
            {t('polls.create')}
          </Button>
        </div>
      </Form>
    </Card>
  )
}
