import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

export type ToastData = { id: string; key: string; params?: Record<string, string | number>; type: 'success' | 'error' | 'info' }

const styles = {
  success: 'border-green-700 bg-green-50 text-green-900',
  error: 'border-red-700 bg-red-50 text-red-900',
  info: 'border-blue-700 bg-blue-50 text-blue-900',
}

/**
 * Shows the toast the server set after a redirect, in a polite live region. The server hands a
 * toast out once; a later reload of the data (any revalidation) returns none, and that must not
 * hide the message the person has not had time to read: the last toast stays until it times out
 * or is closed.
 */
export function Toaster({ toast }: { toast: ToastData | null }) {
  const { t } = useTranslation()
  const [shown, setShown] = useState<ToastData | null>(toast)
  if (toast && toast.id !== shown?.id) setShown(toast)
  const [dismissed, setDismissed] = useState<string | null>(null)
  const visible = shown && shown.id !== dismissed ? shown : null
  const shownId = shown?.id
  useEffect(() => {
    if (!shownId) return
    const timer = setTimeout(() => setDismissed(shownId), 8000)
    return () => clearTimeout(timer)
  }, [shownId])
  return (
    // Phones: a bar over the header, never over the page's content; wider screens: bottom centre.
    <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 top-0 z-50 flex justify-center sm:top-auto sm:bottom-4 sm:px-4">
      {visible ? (
        <div className={`pointer-events-auto flex w-full items-start gap-3 border-l-4 px-3 py-2 text-sm shadow-lg sm:max-w-lg sm:rounded-md sm:p-3 sm:text-base ${styles[visible.type]}`}>
          <p>{t(visible.key, visible.params)}</p>
          <button type="button" className="text-sm underline" onClick={() => setDismissed(visible.id)}>
            {t('common.close')}
          </button>
        </div>
      ) : null}
    </div>
  )
}
