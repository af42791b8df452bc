import { useFetcher } from '@remix-run/react'
import type { ReactNode } from 'react'
import { FormErrors } from '~/components/ui/card'

/** What the room's action answers: ok (with a display link's token), or messages (i18n keys) for the form and its fields. */
export type HallActionData = { ok: true; intent: string; token: string | null } | { ok: false; intent: string; formErrors: string[]; fieldErrors: Record<string, string[]> }

/**
 * One change in the room as a form: posts its intent without leaving the page (the room's live
 * view brings the result), keeps what was typed, disables itself while sending (a second click
 * sends nothing), and shows the server's refusal beside the fields or above the buttons.
 */
export function HallForm({
  intent,
  fields,
  id,
  className,
  children,
}: {
  intent: string
  fields?: Record<string, string | number>
  /** Tells apart several forms of the same intent (one per row). */
  id?: string | number
  className?: string
  children: (form: { busy: boolean; fieldErrors: Record<string, string[]>; data: HallActionData | undefined }) => ReactNode
}) {
  const fetcher = useFetcher<HallActionData>({ key: `hall:${intent}:${id ?? ''}` })
  const busy = fetcher.state !== 'idle'
  const data = fetcher.state === 'idle' ? fetcher.data : undefined
  const failed = data && !data.ok ? data : null
  return (
    <fetcher.Form
      method="post"
      className={className}
      onSubmit={(e) => {
        if (busy) e.preventDefault()
      }}
    >
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children({ busy, fieldErrors: failed?.fieldErrors ?? {}, data })}
      {failed?.formErrors.length ? <FormErrors errors={failed.formErrors} /> : null}
    </fetcher.Form>
  )
}
