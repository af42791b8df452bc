import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Locale } from '#db/schema/enums'
import { en } from './en'
import { vi } from './vi'

export const resources = { vi: { translation: vi }, en: { translation: en } } as const
export const defaultLocale: Locale = 'vi'

/** A fresh, synchronously initialised i18next instance (one per request on the server). */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: defaultLocale,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  })
  return instance
}

const serverInstances = new Map<Locale, I18n>()
/** A translate function for server code (API messages, e-mails). */
export function serverT(locale: Locale = defaultLocale) {
  let instance = serverInstances.get(locale)
  if (!instance) {
    instance = createI18n(locale)
    serverInstances.set(locale, instance)
  }
  return instance.t.bind(instance)
}
