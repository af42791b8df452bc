import { type ChangeEvent, useId, useState, useSyncExternalStore } from 'react'
import { formatDay } from '~/core/dates'
import { isValidDate } from '~/core/days'
import { type DateFieldProps, groupClass, type TimeFieldProps } from './date-field-props'
import { ErrorList } from './field'

export type { DateFieldProps, TimeFieldProps } from './date-field-props'

/**
 * Dates and times as Vietnamese users write them, dd/mm/yyyy and 24-hour, whatever the browser's
 * language. The page first shows a plain text field in that format (with JavaScript it works as
 * it is: what is typed, once a whole day or time, goes into the hidden ISO field the form sends,
 * which also carries the day the server rendered); the first time
 * the field is pointed at or focused, react-aria's segmented field with its calendar
 * (ui/date-segments.tsx, about 40 KB) is fetched and takes its place, with what was typed and the
 * focus. Pages whose dates nobody touches never download it (docs/decisions/022-page-weight.md).
 */
type Segments = typeof import('./date-segments')
let segments: Segments | null = null
let loading: Promise<Segments> | null = null
const waiting = new Set<() => void>()
function subscribe(listener: () => void) {
  waiting.add(listener)
  return () => void waiting.delete(listener)
}
function loadSegments() {
  loading ??= import('./date-segments').then(
    (module) => {
      segments = module
      for (const listener of waiting) listener()
      return module
    },
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

export function DateField(props: DateFieldProps) {
  return <Deferred kind="date" props={props} />
}

/** A time of day, 24-hour (08:00, 14:30). */
export function TimeField(props: TimeFieldProps) {
  return <Deferred kind="time" props={props} />
}

const pad = (n: number) => String(n).padStart(2, '0')
/** `dd/mm/yyyy` (or d/m/yyyy, with . or -) → ISO day; `hh:mm` (or hh.mm, 8h30) → `HH:MM`; otherwise null. */
function parseTyped(kind: 'date' | 'time', text: string): string | null {
  if (kind === 'date') {
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text)
    if (!m) return null
    const iso = `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`
    return isValidDate(iso) ? iso : null
  }
  const m = /^\s*(\d{1,2})[:.h](\d{2})\s*$/.exec(text)
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null
  return `${pad(Number(m[1]))}:${m[2]}`
}
function shown(kind: 'date' | 'time', value: unknown) {
  if (typeof value !== 'string') return ''
  if (kind === 'date') {
    return isValidDate(value) ? formatDay(value) : ''
  }
  return /^\d{2}:\d{2}/.test(value) ? value.slice(0, 5) : ''
}

function Deferred({ kind, props }: { kind: 'date'; props: DateFieldProps } | { kind: 'time'; props: TimeFieldProps }) {
  const { label, name, defaultValue, errors, hint, required, className = '', id: givenId } = props
  const controlled = kind === 'date' && props.value !== undefined
  // The stand-in in the server's HTML and at hydration (the server snapshot); every field of the
  // page swaps once the module is here, and a page opened after that shows the real fields at once.
  const real = useSyncExternalStore(subscribe, () => segments, () => null)
  const [typed, setTyped] = useState<string | null | undefined>(undefined)
  const [focused, setFocused] = useState(false)
  const fallbackId = useId()
  const id = givenId ?? fallbackId
  // Offline or a new deployment: the stand-in stays, and works.
  const start = () => void loadSegments().catch(() => undefined)

  const current = typed !== undefined ? typed : controlled ? (props as DateFieldProps).value : defaultValue
  if (real) {
    const autoFocus = focused || props.autoFocus
    if (kind === 'date') {
      const field = props as DateFieldProps
      return <real.DateField {...field} {...(controlled ? {} : { defaultValue: current })} autoFocus={autoFocus} />
    }
    return <real.TimeField {...(props as TimeFieldProps)} defaultValue={current} autoFocus={autoFocus} />
  }

  const labelId = `${id}-label`
  const errorId = errors?.length ? `${id}-error` : undefined
  const hintId = hint ? `${id}-hint` : undefined
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const value = parseTyped(kind, event.target.value)
    setTyped(value)
    props.onChange?.(value)
  }
  return (
    <div className={className}>
      <label id={labelId} htmlFor={`${id}-text`} className="mb-1 block text-sm font-medium text-stone-800">
        {label}
        {required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
      </label>
      <div role="group" aria-labelledby={labelId} className={groupClass} data-invalid={errors?.length ? true : undefined} onPointerEnter={start}>
        <input
          id={`${id}-text`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder={kind === 'date' ? 'dd/mm/yyyy' : 'hh:mm'}
          defaultValue={shown(kind, current)}
          required={required}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          className="w-full min-w-0 bg-transparent tabular-nums outline-none"
          onFocus={() => {
            setFocused(true)
            start()
          }}
          onBlur={() => setFocused(false)}
          onChange={onChange}
        />
      </div>
      {hint ? (
        <p id={hintId} className="mt-1 block text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} errors={errors} />
      {name ? <input type="hidden" name={name} value={typeof current === 'string' ? current : ''} /> : null}
    </div>
  )
}
