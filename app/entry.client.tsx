import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { loadMessages } from '~/i18n'

/**
 * Remix's browser entry with one addition: a page rendered in English waits for the English
 * messages (their own chunk) before it hydrates, so the first render matches the server's.
 * Vietnamese, the default, is in the bundle: nothing to wait for.
 */
const locale = document.documentElement.lang === 'en' ? 'en' : 'vi'
void loadMessages(locale).then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    )
  }),
)
