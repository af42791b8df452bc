import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

const statusKeys: Record<number, string> = {
  400: 'errors.badRequest',
  401: 'errors.unauthorized',
  403: 'errors.forbidden',
  404: 'errors.notFound',
  413: 'errors.tooLarge',
  429: 'errors.tooManyRequests',
}

/** The one error view every route uses: a Vietnamese message, never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  let status = 500
  let key = 'errors.server'
  if (isRouteErrorResponse(error)) {
    status = error.status
    const dataKey = typeof error.data === 'object' && error.data && 'message' in error.data ? String(error.data.message) : null
    key = dataKey && dataKey.includes('.') ? dataKey : (statusKeys[status] ?? 'errors.server')
  } else if (typeof document === 'undefined') {
    // Logged on the server; the user sees the plain message.
    console.error(error)
  }
  return (
    <div className="mx-auto max-w-xl p-6" role="alert">
      <h1 className="mb-2">{t('errors.title')}</h1>
      <p className="mb-1 text-stone-600">{status}</p>
      <p className="mb-4">{t(key)}</p>
      <Link to="/">{t('errors.backHome')}</Link>
    </div>
  )
}
