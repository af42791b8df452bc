import type { Locale } from '#db/schema/enums'
import { en } from './en'
import { createI18n, defaultLocale, registerMessages } from './index'

// The server speaks every language: English registered up front.
registerMessages('en', en)

const serverInstances = new Map<Locale, ReturnType<typeof createI18n>>()
/** A translate function for server code (API messages, e-mails, audit history, notifications). */
export function serverT(locale: Locale = defaultLocale) {
  let instance = serverInstances.get(locale)
  if (!instance) {
    instance = createI18n(locale)
    serverInstances.set(locale, instance)
  }
  return instance.t.bind(instance)
}
