import type { ReactNode } from 'react'

/** What the date and time fields take (ui/date-field.tsx and the react-aria fields it loads, ui/date-segments.tsx). */
type Common = { label: ReactNode; defaultValue?: unknown; errors?: string[]; hint?: ReactNode; required?: boolean; className?: string; id?: string; autoFocus?: boolean }
/** A day: uncontrolled with `name` and `defaultValue`, or controlled with `value` (an ISO day or null) and `onChange`. */
export type DateFieldProps = Common & { name?: string; value?: string | null; onChange?: (iso: string | null) => void }
/** A time of day, `HH:MM`. */
export type TimeFieldProps = Common & { name: string; onChange?: (hhmm: string | null) => void }

export const groupClass =
  'flex min-h-10 w-full items-center rounded-md border border-stone-400 bg-white px-3 py-1 text-base text-stone-900 focus-within:outline focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-blue-700 data-[invalid]:border-red-700'
