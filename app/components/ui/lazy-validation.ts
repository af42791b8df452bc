import type { Submission } from '@conform-to/react'
import { useRef, useState } from 'react'
import type { ZodType } from 'zod'

type Mode = 'onSubmit' | 'onBlur' | 'onInput'
type Parse = (formData: FormData) => Submission<Record<string, unknown>>

/**
 * Validation in the browser whose schema (and zod, about 25 KB) is fetched only when the person
 * starts on the form — its first focus — not with the page: a delegate who only reads the page never
 * downloads it. Until it has arrived the form validates on submit, on the server, as it does without
 * JavaScript; from then on as `modes` say. The server always validates again.
 *
 *     const check = useLazyValidation(() => import('~/features/directory/schemas').then((m) => m.changePasswordSchema), { shouldRevalidate: 'onInput' })
 *     const [form, fields] = useForm({ id, lastResult, ...check.options })
 *     <Form {...getFormProps(form)} onFocus={check.start}>
 */
export function useLazyValidation(load: () => Promise<ZodType>, modes: { shouldValidate?: Mode; shouldRevalidate?: Mode } = {}) {
  const [parse, setParse] = useState<Parse | null>(null)
  const asked = useRef(false)
  const start = () => {
    if (asked.current) return
    asked.current = true
    void Promise.all([load(), import('@conform-to/zod/v4')]).then(
      ([schema, { parseWithZod }]) => setParse(() => (formData: FormData) => parseWithZod(formData, { schema }) as Submission<Record<string, unknown>>),
      // Offline or a new deployment: the server still validates every submission.
      () => {
        asked.current = false
      },
    )
  }
  const options = parse
    ? { ...modes, onValidate: ({ formData }: { formData: FormData }) => parse(formData) }
    : { shouldValidate: 'onSubmit' as const, shouldRevalidate: 'onSubmit' as const }
  return { options, start }
}
