import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react'
import { useTranslation } from 'react-i18next'

type Errors = string[] | undefined

/** Error messages are i18n keys; shown beside the field and announced to screen readers. */
export function ErrorList({ id, errors }: { id?: string; errors: Errors }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <ul id={id} className="mt-1 space-y-0.5 text-sm text-red-800">
      {errors.map((e) => (
        <li key={e}>{t(e, { defaultValue: e })}</li>
      ))}
    </ul>
  )
}

const controlClass =
  'block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900 aria-[invalid=true]:border-red-700 min-h-10'

type WithKey<T> = T & { key?: string | null }

function describedBy(hintId?: string, errorId?: string) {
  return [hintId, errorId].filter(Boolean).join(' ') || undefined
}

/** Label, control, hint and errors, wired together with ids for screen readers. */
function FieldShell({
  id,
  label,
  required,
  hint,
  errors,
  className = '',
  children,
}: {
  id: string
  label: ReactNode
  required?: boolean
  hint?: ReactNode
  errors?: Errors
  className?: string
  children: (aria: { 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode
}) {
  const errorId = errors?.length ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-stone-800">
        {label}
        {required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
      </label>
      {children({ 'aria-invalid': errorId ? true : undefined, 'aria-describedby': describedBy(hintId, errorId) })}
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function Field({
  label,
  inputProps,
  errors,
  hint,
  required,
  className = '',
}: {
  label: ReactNode
  inputProps: WithKey<InputHTMLAttributes<HTMLInputElement>>
  errors?: Errors
  hint?: ReactNode
  required?: boolean
  className?: string
}) {
  const fallbackId = useId()
  const { key, ...props } = inputProps
  const id = props.id ?? fallbackId
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} errors={errors} className={className}>
      {(aria) => <input key={key ?? undefined} id={id} className={controlClass} {...aria} {...props} />}
    </FieldShell>
  )
}

/** A multi-line text (reports, reasons, opinions): grows with the text the user writes. */
export function TextareaField({
  label,
  textareaProps,
  errors,
  hint,
  required,
  className = '',
}: {
  label: ReactNode
  textareaProps: WithKey<TextareaHTMLAttributes<HTMLTextAreaElement>>
  errors?: Errors
  hint?: ReactNode
  required?: boolean
  className?: string
}) {
  const fallbackId = useId()
  const { key, ...props } = textareaProps
  const id = props.id ?? fallbackId
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} errors={errors} className={className}>
      {(aria) => <textarea key={key ?? undefined} id={id} rows={4} className={`${controlClass} field-sizing-content min-h-24`} {...aria} {...props} />}
    </FieldShell>
  )
}

export type Option = { value: string; label: string }

export function SelectField({
  label,
  selectProps,
  options,
  errors,
  hint,
  placeholder,
  className = '',
}: {
  label: ReactNode
  selectProps: WithKey<SelectHTMLAttributes<HTMLSelectElement>>
  options: Option[]
  errors?: Errors
  hint?: ReactNode
  placeholder?: string
  className?: string
}) {
  const fallbackId = useId()
  const { key, ...props } = selectProps
  const id = props.id ?? fallbackId
  return (
    <FieldShell id={id} label={label} hint={hint} errors={errors} className={className}>
      {(aria) => (
        <select key={key ?? undefined} id={id} className={controlClass} {...aria} {...props}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  )
}

export function CheckboxGroup({
  legend,
  items,
  errors,
  name,
}: {
  legend: ReactNode
  name: string
  items: { inputProps: WithKey<InputHTMLAttributes<HTMLInputElement>>; label: string }[]
  errors?: Errors
}) {
  const errorId = errors?.length ? `${name}-error` : undefined
  return (
    <fieldset aria-describedby={errorId}>
      <legend className="mb-1 text-sm font-medium text-stone-800">{legend}</legend>
      <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
        {items.map(({ inputProps: { key, ...props }, label }) => (
          <label key={key ?? String(props.value)} className="flex min-h-10 items-center gap-2 text-base">
            <input className="h-5 w-5 accent-brand-600" {...props} />
            {label}
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  )
}
