import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Locale } from '#db/schema/enums'
import { type Messages, vi } from './vi'

/**
 * Messages by language. Vietnamese, the default and nearly every reader's, is in the bundle;
 * English is its own chunk, loaded only for readers who chose it (`loadMessages`, before the page
 * hydrates and when the language changes) — the server registers it at start
 * (`translate.server.ts`).
 */
const registered: Partial<Record<Locale, Messages>> = { vi }
export const defaultLocale: Locale = 'vi'

export function registerMessages(locale: Locale, messages: Messages) {
  registered[locale] = messages
}
export function hasMessages(locale: Locale) {
  return Boolean(registered[locale])
}
/** Loads a language's messages (English in its own chunk); resolves at once when they are here. */
export async function loadMessages(locale: Locale) {
  if (registered[locale]) return
  if (locale === 'en') registerMessages('en', (await import('./en')).en)
}

/** A fresh, synchronously initialised i18next instance (one per request on the server). */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance()
  const resources = Object.fromEntries(Object.entries(registered).map(([lng, translation]) => [lng, { translation }]))
  void instance.use(initReactI18next).init({
    resources,
    lng: registered[locale] ? locale : defaultLocale,
    fallbackLng: defaultLocale,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

const translators = new Map<Locale, I18n>()
/** A cached translate function for a language (page titles; the server's serverT has every language). */
export function translatorFor(locale: Locale) {
  const lng = registered[locale] ? locale : defaultLocale
  let instance = translators.get(lng)
  if (!instance) translators.set(lng, (instance = createI18n(lng)))
  return instance.t.bind(instance)
}

/**
 * A page's title in its reader's language (the root loader's `locale`), for `meta`:
 * `pageTitle(matches, 'titles.tasks')` or with values and a fallback while data is missing.
 */
export function pageTitle(matches: readonly { id: string; data?: unknown }[], key: string, values?: Record<string, unknown>) {
  const root = matches.find((m) => m.id === 'root')?.data as { locale?: Locale } | undefined
  return `${translatorFor(root?.locale ?? defaultLocale)(key, values)} · Nghị sự`
}
