import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

export function Card({ title, children, headingLevel = 2, className = '' }: { title?: ReactNode; children: ReactNode; headingLevel?: 2 | 3; className?: string }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section className={`rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-6 ${className}`}>
      {title ? <Heading className="mb-3 text-lg font-semibold">{title}</Heading> : null}
      {children}
    </section>
  )
}

/** Errors about the whole form (i18n keys or already translated text), announced when they appear. */
export function FormErrors({ errors, id }: { errors?: string[]; id?: string }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div id={id} role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {errors.map((e) => (
        <p key={e}>{t(e, { defaultValue: e })}</p>
      ))}
    </div>
  )
}
