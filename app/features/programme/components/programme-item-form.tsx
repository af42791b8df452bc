import { type FieldMetadata, getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { LIMITS } from '~/features/meetings'
import { ErrorList, Field, SelectField } from '~/components/ui/field'
import { unitOptions, type UnitOption } from '~/features/directory'
import { DateField } from '~/components/ui/date-field'

type ItemFields = {
  content: FieldMetadata<string>
  meetingTypeId: FieldMetadata<number | null | undefined>
  presidingUserId: FieldMetadata<number | null | undefined>
  preparingUnitId: FieldMetadata<number | null | undefined>
  plannedMonth: FieldMetadata<number>
  plannedDate: FieldMetadata<string | null | undefined>
  notes: FieldMetadata<string | null | undefined>
}

export function ProgrammeItemFields({ fields, types, chairs, units }: { fields: ItemFields; types: { id: number; name: string }[]; chairs: { id: number; fullName: string }[]; units: UnitOption[] }) {
  const { t } = useTranslation()
  const { key, ...content } = getTextareaProps(fields.content)
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <label htmlFor={fields.content.id} className="mb-1 block text-sm font-medium text-stone-800">
          {t('programme.content')} <span aria-hidden="true" className="text-red-800">*</span>
        </label>
        <textarea key={key} {...content} rows={3} className="block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700" aria-invalid={fields.content.errors ? true : undefined} aria-describedby={`${fields.content.id}-hint${fields.content.errors ? ` ${fields.content.id}-error` : ''}`} />
        <p id={`${fields.content.id}-hint`} className="mt-1 text-sm text-stone-600">
          {t('validation.maxChars', { count: LIMITS.titleChars })}
        </p>
        <ErrorList id={`${fields.content.id}-error`} errors={fields.content.errors} />
      </div>
      <SelectField label={t('programme.plannedMonth')} selectProps={getSelectProps(fields.plannedMonth)} options={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: t('programme.month', { month: i + 1 }) }))} placeholder="" errors={fields.plannedMonth.errors} />
      <DateField key={fields.plannedDate.key} id={fields.plannedDate.id} label={t('programme.plannedDate')} name={fields.plannedDate.name} defaultValue={fields.plannedDate.initialValue} errors={fields.plannedDate.errors} />
      <SelectField label={t('programme.meetingType')} selectProps={getSelectProps(fields.meetingTypeId)} options={types.map((x) => ({ value: String(x.id), label: x.name }))} placeholder={t('common.none')} errors={fields.meetingTypeId.errors} />
      <SelectField label={t('programme.presiding')} selectProps={getSelectProps(fields.presidingUserId)} options={chairs.map((c) => ({ value: String(c.id), label: c.fullName }))} placeholder={t('common.none')} errors={fields.presidingUserId.errors} />
      <SelectField label={t('programme.preparingUnit')} selectProps={getSelectProps(fields.preparingUnitId)} options={unitOptions(units)} placeholder={t('common.none')} errors={fields.preparingUnitId.errors} />
      <Field label={t('programme.notes')} inputProps={getInputProps(fields.notes, { type: 'text' })} errors={fields.notes.errors} />
    </div>
  )
}
