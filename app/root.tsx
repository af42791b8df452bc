import { json, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useMatches, useRouteLoaderData } from '@remix-run/react'
import { type ReactNode, useEffect, useMemo, useState } from 'react'
import { I18nextProvider } from 'react-i18next'
import { optionalUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useNonce } from '~/components/nonce'
import { Toaster } from '~/components/toaster'
import { createI18n, hasMessages, loadMessages } from '~/i18n'
import { readToast } from '~/core/toast.server'
import { newFormKey } from '~/core/form-key'
import tailwindHref from '~/tailwind.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: tailwindHref },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = optionalUser(request)
  const { toast, headers } = readToast(request)
  // Seeds the submission keys of this page's forms (ui/form.tsx), so they work without JavaScript too.
  return json({ locale: user?.locale ?? 'vi', toast, formSeed: newFormKey() }, { headers })
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const locale = data?.locale ?? 'vi'
  // A reader who just switched to English: its messages arrive, then the page speaks it.
  const [loadedLocales, setLoadedLocales] = useState<string[]>([])
  useEffect(() => {
    if (hasMessages(locale)) return
    let current = true
    void loadMessages(locale).then(() => current && setLoadedLocales((list) => [...list, locale]))
    return () => {
      current = false
    }
  }, [locale])
  const ready = hasMessages(locale) || loadedLocales.includes(locale)
  const i18n = useMemo(() => createI18n(ready ? locale : 'vi'), [locale, ready])
  const nonce = useNonce()
  // A page whose route says `handle: { hydrate: false }` (the sign-in page) is plain HTML: its form
  // posts natively and the server answers, so it needs no script at all (Remix's "Disabling
  // JavaScript" guide); docs/decisions/022-page-weight.md.
  const hydrate = !useMatches().some((match) => (match.handle as { hydrate?: boolean } | undefined)?.hydrate === false)
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  )
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>()
  return (
    <>
      <Outlet />
      <Toaster toast={toast} />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
