import { Form as RemixForm, type FormProps, useActionData, useNavigation, useRouteLoaderData } from '@remix-run/react'
import { type FormEvent, forwardRef, useEffect, useId, useImperativeHandle, useRef, useState } from 'react'
import { FORM_KEY_FIELD, newFormKey } from '~/core/form-key'

/** Did the action answer this submission with an error (a conform reply or `{ ok: false }`)? */
function failed(data: unknown) {
  if (!data || typeof data !== 'object') return false
  const d = data as { ok?: unknown; status?: unknown; result?: { status?: unknown } | null }
  return d.ok === false || d.status === 'error' || d.result?.status === 'error'
}

export type SubmitOnceFormProps = FormProps & {
  /** Empty the form after a successful submission (forms that add a record and stay on the page). */
  resetOnSuccess?: boolean
}

/**
 * Remix's `<Form>` that sends each filling-in once. A POST form carries a random key
 * (`FORM_KEY_FIELD`) that the server claims (`core/idempotency.server.ts`); while it is being sent,
 * a second submit is ignored and its buttons are shown busy; after a success it gets a new key (and,
 * with `resetOnSuccess`, is emptied); after an error it keeps what the user typed and its key, so the
 * corrected form can be sent.
 */
export const Form = forwardRef<HTMLFormElement, SubmitOnceFormProps>(function Form({ children, onSubmit, resetOnSuccess = false, ...props }, ref) {
  const post = (props.method ?? 'get').toLowerCase() !== 'get'
  const formRef = useRef<HTMLFormElement>(null)
  useImperativeHandle(ref, () => formRef.current!)
  // The first key is the page's seed (root loader) and the form's place in the tree: the same on
  // the server and in the browser, so it is in the HTML and works without JavaScript. After a
  // success the browser makes a fresh one.
  const seed = useRouteLoaderData<{ formSeed?: string }>('root')?.formSeed ?? ''
  const place = useId().replace(/[^A-Za-z0-9]/g, '')
  const [own, setKey] = useState<string | null>(null)
  const key = own ?? (seed ? `${seed}${place}` : '')
  const navigation = useNavigation()
  const actionData = useActionData()
  const busy = post && key !== '' && navigation.state !== 'idle' && navigation.formData?.get(FORM_KEY_FIELD) === key
  const sending = useRef(false)
  const wasBusy = useRef(false)
  useEffect(() => {
    if (busy) {
      wasBusy.current = true
      return
    }
    if (!wasBusy.current) return
    wasBusy.current = false
    sending.current = false
    if (failed(actionData)) return
    if (resetOnSuccess) formRef.current?.reset()
    setKey(newFormKey())
  }, [busy, actionData, resetOnSuccess])
  const guard = (event: FormEvent<HTMLFormElement>) => {
    if (post && sending.current) {
      event.preventDefault()
      return
    }
    onSubmit?.(event)
    if (post && !event.defaultPrevented) sending.current = true
  }
  return (
    <RemixForm ref={formRef} {...props} onSubmit={guard} aria-busy={busy || undefined} data-sending={busy || undefined}>
      {post ? <input type="hidden" name={FORM_KEY_FIELD} value={key} /> : null}
      {children}
    </RemixForm>
  )
})
