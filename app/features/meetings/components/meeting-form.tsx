import { type FieldMetadata, getFormProps, getInputProps, getSelectProps, getTextareaProps, type FormMetadata, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { FormErrors } from '~/components/ui/card'
import { CheckboxGroup, ErrorList, Field, SelectField } from '~/components/ui/field'
import { unitOptions, type UnitOption } from '~/features/directory'
import { PeoplePicker, type PersonChoice, PersonPicker } from '~/features/directory'
import { LIMITS, type MeetingFormInput, meetingFormSchema } from '../schemas'
import { meetingModes, roles } from '#db/schema/enums'
import { DateField, TimeField } from '~/components/ui/date-field'
import { useLeaveWarning } from '~/components/use-leave-warning'

/** conform's props carry a `key`; React wants keys passed directly, not spread. */
function omitKey<T extends { key?: unknown }>(props: T): Omit<T, 'key'> {
  const { key: _key, ...rest } = props
  return rest
}

export type PersonOption = PersonChoice
export type ConflictView = { messageKey: string; title: string; when: string; names: string[] }

const control = 'block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base min-h-10 aria-[invalid=true]:border-red-700'

function MultiSelect({ label, field, children, hint }: { label: string; field: FieldMetadata<number[] | string[] | undefined>; children: React.ReactNode; hint?: string }) {
  const { key, ...props } = getSelectProps(field, { value: false })
  const errorId = field.errors?.length ? `${field.id}-error` : undefined
  return (
    <div>
      <label htmlFor={field.id} className="mb-1 block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select key={key} {...props} multiple size={6} defaultValue={(field.initialValue as string[] | undefined) ?? []} className={control} aria-describedby={[`${field.id}-hint`, errorId].filter(Boolean).join(' ')}>
        {children}
      </select>
      {hint ? (
        <p id={`${field.id}-hint`} className="mt-1 text-sm text-stone-600 pointer-coarse:hidden">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={field.errors} />
    </div>
  )
}

function MeetingForm({
  form,
  fields,
  types,
  known,
  units,
  groups,
  items,
  conflicts,
  busy,
  submitLabel,
}: {
  form: FormMetadata<MeetingFormInput, string[]>
  fields: ReturnType<FormMetadata<MeetingFormInput, string[]>['getFieldset']>
  types: { id: number; name: string }[]
  /** The people already in the form (their names for the pickers); others are found by search. */
  known: PersonOption[]
  groups: { id: number; name: string; memberCount: number }[]
  units: UnitOption[]
  items: { id: number; content: string; plannedMonth: number; year: number }[]
  conflicts: ConflictView[]
  busy: boolean
  submitLabel: string
}) {
  const { t } = useTranslation()
  const agenda = fields.agenda.getFieldList()
  const { key: reasonKey, ...reasonProps } = getTextareaProps(fields.offProgrammeReason)
  // Reloading or leaving the long form would lose it: ask first.
  const leave = useLeaveWarning()
  const byId = new Map(known.map((p) => [String(p.id), p]))
  const person = (value: unknown) => (typeof value === 'string' ? (byId.get(value) ?? null) : null)
  const peopleOf = (value: unknown) => (Array.isArray(value) ? value.map((v) => byId.get(String(v))).filter((p): p is PersonOption => Boolean(p)) : [])
  // The warning appears above the form, far from the button pressed: take the eyes and the focus there.
  const warning = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!conflicts.length || !warning.current) return
    warning.current.scrollIntoView({ block: 'start' })
    warning.current.focus()
  }, [conflicts])
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)} {...leave.formProps}>
      {leave.blocker.state === 'blocked' ? (
        <div role="alertdialog" aria-labelledby="leave-title" className="fixed inset-x-0 bottom-0 z-50 border-t-4 border-amber-500 bg-amber-50 p-4 shadow-lg sm:inset-x-auto sm:right-4 sm:bottom-4 sm:max-w-md sm:rounded-md sm:border-4" data-testid="leave-warning">
          <p id="leave-title" className="font-medium text-amber-950">
            {t('meetings.leaveWarning')}
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button autoFocus onClick={() => leave.blocker.reset?.()}>
              {t('meetings.stayOnForm')}
            </Button>
            <Button variant="danger" onClick={() => leave.blocker.proceed?.()}>
              {t('meetings.leaveForm')}
            </Button>
          </div>
        </div>
      ) : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      {conflicts.length ? (
        <div ref={warning} tabIndex={-1} role="alert" data-testid="conflicts" className="scroll-mt-4 rounded-md border border-amber-500 bg-amber-50 p-4 text-amber-950">
          <h2 className="mb-2 text-base font-semibold">{t('meetings.conflicts')}</h2>
          <ul className="list-disc space-y-1 pl-5">
            {conflicts.map((c, i) => (
              <li key={i}>
                {t(c.messageKey, { names: c.names.join(', '), title: c.title, when: c.when })}
              </li>
            ))}
          </ul>
          <label className="mt-3 flex items-center gap-2 font-medium">
            <input type="checkbox" name={fields.confirmConflicts.name} value="on" className="h-5 w-5" />
            {t('meetings.confirmConflicts')}
          </label>
        </div>
      ) : null}
      <fieldset className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">{t('meetings.title')}</legend>
        <Field label={t('meetings.meetingTitle')} required inputProps={getInputProps(fields.title, { type: 'text' })} errors={fields.title.errors} hint={t('validation.maxChars', { count: LIMITS.titleChars })} className="sm:col-span-2" />
        <SelectField label={t('meetings.type')} selectProps={getSelectProps(fields.meetingTypeId)} options={types.map((x) => ({ value: String(x.id), label: x.name }))} placeholder="" errors={fields.meetingTypeId.errors} />
        <PersonPicker id={fields.chairUserId.id} label={t('meetings.chair')} name={fields.chairUserId.name} role="chair" defaultValue={person(fields.chairUserId.initialValue)} errors={fields.chairUserId.errors} />
        <SelectField
          label={t('meetings.programmeItem')}
          selectProps={getSelectProps(fields.programmeItemId)}
          options={items.map((i) => ({ value: String(i.id), label: `${i.plannedMonth}/${i.year} — ${i.content.length > 90 ? `${i.content.slice(0, 90)}…` : i.content}` }))}
          placeholder={t('meetings.offProgramme')}
          errors={fields.programmeItemId.errors}
          className="sm:col-span-2"
        />
        <div className="sm:col-span-2">
          <label htmlFor={fields.offProgrammeReason.id} className="mb-1 block text-sm font-medium text-stone-800">
            {t('meetings.offProgrammeReason')}
          </label>
          <textarea key={reasonKey} {...reasonProps} rows={2} className={control} aria-invalid={fields.offProgrammeReason.errors ? true : undefined} aria-describedby={fields.offProgrammeReason.errors ? `${fields.offProgrammeReason.id}-error` : undefined} />
          <ErrorList id={`${fields.offProgrammeReason.id}-error`} errors={fields.offProgrammeReason.errors} />
        </div>
        <label className="flex min-h-10 items-center gap-2 sm:col-span-2">
          <input {...omitKey(getInputProps(fields.urgent, { type: 'checkbox' }))} key={getInputProps(fields.urgent, { type: 'checkbox' }).key} className="h-5 w-5 accent-brand-600" />
          {t('meetings.urgent')}
        </label>
        <DateField key={fields.date.key} id={fields.date.id} label={t('meetings.date')} required name={fields.date.name} defaultValue={fields.date.initialValue} errors={fields.date.errors} />
        <div className="grid grid-cols-2 gap-3">
          <TimeField key={fields.startTime.key} id={fields.startTime.id} label={t('meetings.startTime')} required name={fields.startTime.name} defaultValue={fields.startTime.initialValue} errors={fields.startTime.errors} />
          <TimeField key={fields.endTime.key} id={fields.endTime.id} label={t('meetings.endTime')} required name={fields.endTime.name} defaultValue={fields.endTime.initialValue} errors={fields.endTime.errors} />
        </div>
        <SelectField label={t('meetings.mode')} selectProps={getSelectProps(fields.mode)} options={meetingModes.map((m) => ({ value: m, label: t(`modes.${m}`) }))} errors={fields.mode.errors} />
        <Field label={t('meetings.location')} inputProps={getInputProps(fields.location, { type: 'text' })} errors={fields.location.errors} />
        <Field label={t('meetings.joinUrl')} inputProps={getInputProps(fields.joinUrl, { type: 'url' })} errors={fields.joinUrl.errors} />
        <SelectField label={t('meetings.preparingUnit')} selectProps={getSelectProps(fields.preparingUnitId)} options={unitOptions(units)} placeholder={t('common.none')} errors={fields.preparingUnitId.errors} />
      </fieldset>

      <fieldset className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t('meetings.agenda')}</legend>
        <ol className="space-y-3">
          {agenda.map((item, index) => {
            const f = item.getFieldset()
            return (
              <li key={item.key} className="grid gap-3 rounded-md border border-stone-200 p-3 md:grid-cols-[2fr_1fr_1fr_6rem]">
                <Field label={`${index + 1}. ${t('meetings.agendaTitle')}`} inputProps={getInputProps(f.title, { type: 'text' })} errors={f.title.errors} />
                <PersonPicker key={`presenter-${item.key}`} id={f.presenterUserId.id} label={t('meetings.presenter')} name={f.presenterUserId.name} defaultValue={person(f.presenterUserId.initialValue)} errors={f.presenterUserId.errors} />
                <SelectField label={t('meetings.presenterUnit')} selectProps={getSelectProps(f.presenterUnitId)} options={unitOptions(units)} placeholder={t('common.none')} />
                <Field label={t('meetings.plannedMinutes')} inputProps={getInputProps(f.plannedMinutes, { type: 'number' })} errors={f.plannedMinutes.errors} />
                <div className="flex flex-wrap gap-2 md:col-span-4">
                  <Button type="submit" variant="secondary" {...form.reorder.getButtonProps({ name: fields.agenda.name, from: index, to: index - 1 })} disabled={index === 0} aria-label={`${t('meetings.moveUp')}: ${index + 1}`}>
                    {t('meetings.moveUp')}
                  </Button>
                  <Button type="submit" variant="secondary" {...form.reorder.getButtonProps({ name: fields.agenda.name, from: index, to: index + 1 })} disabled={index === agenda.length - 1} aria-label={`${t('meetings.moveDown')}: ${index + 1}`}>
                    {t('meetings.moveDown')}
                  </Button>
                  <Button type="submit" variant="danger" {...form.remove.getButtonProps({ name: fields.agenda.name, index })} aria-label={`${t('meetings.removeAgendaItem')}: ${index + 1}`}>
                    {t('meetings.removeAgendaItem')}
                  </Button>
                </div>
              </li>
            )
          })}
        </ol>
        <Button type="submit" variant="secondary" {...form.insert.getButtonProps({ name: fields.agenda.name })}>
          {t('meetings.addAgendaItem')}
        </Button>
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-stone-200 bg-white p-4 md:grid-cols-2">
        <legend className="px-1 text-lg font-semibold">{t('meetings.participants')}</legend>
        <p className="text-sm text-stone-700 md:col-span-2">{t('meetings.defaultsHint')}</p>
        <PeoplePicker key={`members-${form.key}`} label={t('meetings.members')} name={fields.memberUserIds.name} defaultValue={peopleOf(fields.memberUserIds.initialValue)} errors={fields.memberUserIds.errors} hint={t('meetings.membersHint')} />
        <PeoplePicker key={`guests-${form.key}`} label={t('meetings.guestUsers')} name={fields.guestUserIds.name} defaultValue={peopleOf(fields.guestUserIds.initialValue)} errors={fields.guestUserIds.errors} />
        {groups.length ? (
          <CheckboxGroup
            legend={t('groups.inMeeting')}
            name={fields.memberGroupIds.name}
            errors={fields.memberGroupIds.errors}
            items={groups.map((g) => {
              const initial = ((fields.memberGroupIds.initialValue as string[] | undefined) ?? []).map(String)
              return { inputProps: { type: 'checkbox', name: fields.memberGroupIds.name, value: String(g.id), defaultChecked: initial.includes(String(g.id)), id: `${fields.memberGroupIds.id}-${g.id}` }, label: `${g.name} (${t('groups.memberCount', { count: g.memberCount })})` }
            })}
          />
        ) : null}
        <CheckboxGroup
          legend={t('meetings.memberRoles')}
          name={fields.memberRoles.name}
          errors={fields.memberRoles.errors}
          items={roles
            .filter((r) => r !== 'admin')
            .map((r) => {
              const initial = (fields.memberRoles.initialValue as string[] | undefined) ?? []
              return { inputProps: { type: 'checkbox', name: fields.memberRoles.name, value: r, defaultChecked: initial.includes(r), id: `${fields.memberRoles.id}-${r}` }, label: t(`roles.${r}`) }
            })}
        />
        <MultiSelect label={t('meetings.guestUnits')} field={fields.guestUnitIds} hint={t('meetings.multiHint')}>
          {unitOptions(units).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </MultiSelect>
        <PersonPicker id={fields.secretaryUserId.id} label={t('meetings.secretary')} name={fields.secretaryUserId.name} defaultValue={person(fields.secretaryUserId.initialValue)} errors={fields.secretaryUserId.errors} />
      </fieldset>
      <Button type="submit" disabled={busy}>
        {submitLabel}
      </Button>
    </Form>
  )
}

type PageData = Omit<Parameters<typeof MeetingForm>[0], 'form' | 'fields' | 'conflicts' | 'busy' | 'submitLabel'> & { defaults: unknown }

/** The whole "new meeting" / "edit meeting" page: both routes differ only in data and labels. */
export function MeetingFormPage({
  formId,
  heading,
  submitLabel,
  data,
  actionData,
}: {
  formId: string
  heading: string
  submitLabel: string
  data: PageData
  actionData: { result: SubmissionResult<string[]>; conflicts: ConflictView[] } | undefined
}) {
  const navigation = useNavigation()
  const [form, fields] = useForm<MeetingFormInput>({
    id: formId,
    lastResult: actionData?.result,
    // Form defaults are strings, as the browser holds them.
    defaultValue: data.defaults as never,
    constraint: getZodConstraint(meetingFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: meetingFormSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="space-y-4">
      <h1>{heading}</h1>
      <MeetingForm form={form} fields={fields} {...data} conflicts={actionData?.conflicts ?? []} busy={navigation.state === 'submitting'} submitLabel={submitLabel} />
    </div>
  )
}
