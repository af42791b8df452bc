import { type CalendarDate, parseDate, parseTime, Time } from '@internationalized/date'
import { lazy, type ReactNode, Suspense, useId, useRef, useState } from 'react'
import { DateField as AriaDateField, DateInput, DateSegment, I18nProvider, Label, Text, TimeField as AriaTimeField } from 'react-aria-components'
import { useTranslation } from 'react-i18next'
import { type DateFieldProps, groupClass, type TimeFieldProps } from './date-field-props'
import { ErrorList } from './field'

/**
 * The date and time fields themselves (react-aria). Pages use them through ./date-field, which
 * fetches this module when a field is first pointed at or focused.
 *
 * Dates and times as Vietnamese users write them, whatever the browser's language: dd/mm/yyyy
 * and 24-hour time (react-aria's fields in the vi-VN locale, not <input type="date">, which follows
 * the browser). The form receives ISO values (`YYYY-MM-DD`, `HH:MM`) in a hidden field, as the
 * native inputs sent them, so the schemas and the API are unchanged.
 */
const LOCALE = 'vi-VN'
const DateCalendar = lazy(() => import('./date-calendar'))

function toDate(value: unknown): CalendarDate | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  try {
    return parseDate(value)
  } catch {
    return null
  }
}
function toTime(value: unknown): Time | null {
  if (typeof value !== 'string' || !/^\d{2}:\d{2}/.test(value)) return null
  try {
    return parseTime(value.slice(0, 5))
  } catch {
    return null
  }
}
const pad = (n: number) => String(n).padStart(2, '0')

const segmentClass = 'rounded px-0.5 tabular-nums outline-none data-[placeholder]:text-stone-500 data-[focused]:bg-brand-600 data-[focused]:text-white data-[type=literal]:px-0'

function Shell({ id, hint, errors, children }: { id: string; hint?: ReactNode; errors?: string[]; children: (describedBy: string | undefined) => ReactNode }) {
  const errorId = errors?.length ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <>
      {children([hintId, errorId].filter(Boolean).join(' ') || undefined)}
      {hint ? (
        <Text slot="description" id={hintId} className="mt-1 block text-sm text-stone-600">
          {hint}
        </Text>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
    </>
  )
}

/**
 * A day: typed as dd/mm/yyyy, or chosen from a calendar in Vietnamese. Controlled when `value` is
 * given (an ISO day or null), with `onChange` told the ISO day (or null).
 */
export function DateField({ label, name, defaultValue, errors, hint, required, className = '', id: givenId, value: controlledValue, onChange, autoFocus }: DateFieldProps) {
  const { t } = useTranslation()
  const fallback = useId()
  const id = givenId ?? fallback
  const [own, setOwn] = useState<CalendarDate | null>(() => toDate(defaultValue))
  const value = controlledValue !== undefined ? toDate(controlledValue) : own
  const setValue = (next: CalendarDate | null) => {
    setOwn(next)
    onChange?.(next ? next.toString() : null)
  }
  const group = useRef<HTMLDivElement>(null)
  // The month view is its own chunk, fetched the first time someone opens it (or points at its
  // button): typing the day needs only the segments.
  const [calendar, setCalendar] = useState<'closed' | 'open' | 'loaded'>('closed')
  const prefetch = () => void import('./date-calendar')
  return (
    <I18nProvider locale={LOCALE}>
      <div className={className}>
        <Shell id={id} hint={hint} errors={errors}>
          {(describedBy) => (
            <AriaDateField id={id} autoFocus={autoFocus} value={value} onChange={setValue} shouldForceLeadingZeros isInvalid={Boolean(errors?.length)} isRequired={required} validationBehavior="aria" aria-describedby={describedBy}>
              <Label className="mb-1 block text-sm font-medium text-stone-800">
                {label}
                {required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
              </Label>
              <div ref={group} className={groupClass}>
                <DateInput className="flex flex-1">{(segment) => <DateSegment segment={segment} className={segmentClass} />}</DateInput>
                <button
                  type="button"
                  className="ml-2 rounded px-2 py-1 text-stone-700 hover:bg-stone-100"
                  aria-label={t('dates.openCalendar')}
                  aria-haspopup="dialog"
                  aria-expanded={calendar === 'open'}
                  onPointerEnter={prefetch}
                  onFocus={prefetch}
                  onClick={() => setCalendar('open')}
                >
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 fill-current">
                    <path d="M6 2a1 1 0 0 1 1 1v1h6V3a1 1 0 1 1 2 0v1h1a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h1V3a1 1 0 0 1 1-1Zm10 6H4v8h12V8Z" />
                  </svg>
                </button>
              </div>
            </AriaDateField>
          )}
        </Shell>
        {calendar !== 'closed' ? (
          <Suspense fallback={null}>
            <DateCalendar
              triggerRef={group}
              isOpen={calendar === 'open'}
              value={value}
              onChange={(day) => {
                setValue(day)
                setCalendar('loaded')
              }}
              onClose={() => setCalendar('loaded')}
            />
          </Suspense>
        ) : null}
        {name ? <input type="hidden" name={name} value={value ? value.toString() : ''} /> : null}
      </div>
    </I18nProvider>
  )
}

/** A time of day, 24-hour (08:00, 14:30), whatever the browser's language. */
export function TimeField({ label, name, defaultValue, errors, hint, required, className = '', id: givenId, autoFocus, onChange }: TimeFieldProps) {
  const fallback = useId()
  const id = givenId ?? fallback
  const [value, setValue] = useState<Time | null>(() => toTime(defaultValue))
  return (
    <I18nProvider locale={LOCALE}>
      <div className={className}>
        <Shell id={id} hint={hint} errors={errors}>
          {(describedBy) => (
            <AriaTimeField
              id={id}
              autoFocus={autoFocus}
              value={value}
              onChange={(next) => {
                setValue(next)
                onChange?.(next ? `${pad(next.hour)}:${pad(next.minute)}` : null)
              }} shouldForceLeadingZeros hourCycle={24} granularity="minute" isInvalid={Boolean(errors?.length)} isRequired={required} validationBehavior="aria" aria-describedby={describedBy}>
              <Label className="mb-1 block text-sm font-medium text-stone-800">
                {label}
                {required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
              </Label>
              <DateInput className={groupClass}>{(segment) => <DateSegment segment={segment} className={segmentClass} />}</DateInput>
            </AriaTimeField>
          )}
        </Shell>
        <input type="hidden" name={name} value={value ? `${pad(value.hour)}:${pad(value.minute)}` : ''} />
      </div>
    </I18nProvider>
  )
}
