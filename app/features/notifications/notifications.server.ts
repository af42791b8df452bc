import { events } from '~/core/events.server'
import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm'
import { type Locale, notifications, users } from '#db/schema/index'
import { serverT } from '~/i18n/translate.server'
import { vi as viNotices } from '~/i18n/notices'
import { type Context, contextOf } from '~/core/context'

/**
 * A notification's message: its kind (a key of app/i18n/notices.ts) and the values its templates
 * take; `context` picks a variant (e.g. `substitute` for an invitation to attend in someone's place).
 */
export type Notice = { kind: string; params: Record<string, string | number> }

/** Renders a notice in a language: title and body (null when the kind has no body, or it is empty). */
function renderNotice(notice: Notice, locale: Locale = 'vi') {
  const t = serverT(locale)
  const { context, ...values } = notice.params
  const options = { ...values, context: context === undefined ? undefined : String(context), interpolation: { escapeValue: false } }
  const base = `notices.${notice.kind}`
  const title = t(`${base}.title`, options)
  const body = t(`${base}.body`, { ...options, defaultValue: '' })
  return { title, body: body && body !== `${base}.body` ? body : null }
}

/** The values a row is written with: the notice, and its Vietnamese wording (e-mail, older readers). */
function noticeRow(notice: Notice) {
  const { title, body } = renderNotice(notice, 'vi')
  return { kind: notice.kind, params: notice.params, title, body }
}

export type NewNotification = Notice & { userId: number; link?: string | null }

/** Writes notifications inside the caller's transaction; the caller emits the event after commit. */
export function notify(list: NewNotification[], ctx: Partial<Context> = {}) {
  if (!list.length) return []
  const { db, now } = contextOf(ctx)
  return db
    .insert(notifications)
    .values(list.map((n) => ({ userId: n.userId, ...noticeRow(n), link: n.link ?? null, createdAt: now })))
    .returning({ id: notifications.id })
    .all()
    .map((r) => r.id)
}

/** A page of notifications, in the reader's language. */
const NOTIFICATIONS_PAGE_SIZE = 30

type Row = typeof notifications.$inferSelect
/** A stored notification as its reader reads it: rows with parameters in the reader's language, older rows as written. */
function readNotification(row: Row, locale: Locale) {
  const text = row.params ? renderNotice({ kind: row.kind, params: row.params }, locale) : { title: row.title, body: row.body }
  return { id: row.id, kind: row.kind, title: text.title, body: text.body, link: row.link, createdAt: row.createdAt, readAt: row.readAt }
}

/**
 * The person's notifications, newest first, a page at a time: `before` is the cursor (the last
 * id of the previous page), so a page never skips or repeats one when new ones arrive.
 */
export function listNotifications({ userId, ...options }: { userId: number; locale?: Locale; before?: number; limit?: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const limit = options.limit ?? NOTIFICATIONS_PAGE_SIZE
  const rows = db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), options.before ? lt(notifications.id, options.before) : undefined))
    .orderBy(desc(notifications.id))
    .limit(limit + 1)
    .all()
  return { items: rows.slice(0, limit).map((r) => readNotification(r, options.locale ?? 'vi')), hasMore: rows.length > limit }
}

export function unreadCount({ userId }: { userId: number }, ctx: Partial<Context> = {}) {
  return contextOf(ctx).db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).get()?.n ?? 0
}

export function markRead({ userId, ids }: { userId: number; ids: number[] | 'all' }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  const where =
    ids === 'all'
      ? and(eq(notifications.userId, userId), isNull(notifications.readAt))
      : and(eq(notifications.userId, userId), inArray(notifications.id, ids.length ? ids : [-1]))
  if (db.update(notifications).set({ readAt: now }).where(where).run().changes) events.emit('notification.read', { userIds: [userId] })
}

/** Notifications with their recipient's name, e-mail and language, for the mailer (each e-mail in its reader's language). */
export function notificationsForEmail({ ids }: { ids: number[] }, ctx: Partial<Context> = {}) {
  if (!ids.length) return []
  return contextOf(ctx).db
    .select({ row: notifications, fullName: users.fullName, email: users.email, locale: users.locale })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(inArray(notifications.id, ids), eq(users.active, true)))
    .all()
    .map((r) => ({ ...readNotification(r.row, r.locale), fullName: r.fullName, email: r.email, locale: r.locale }))
}

// ---------------------------------------------------------------- rows written before parameters

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The values a template was filled with to give `text` ("Hoãn cuộc họp: {{title}}" and "Hoãn cuộc họp: Họp BTV" → { title }), or null. */
function valuesOf(template: string | undefined, text: string): Record<string, string> | null {
  if (template === undefined) return text === '' ? {} : null
  const names: string[] = []
  const source = template
    .split(/\{\{(\w+)\}\}/)
    .map((part, i) => (i % 2 ? (names.push(part), '(.*?)') : escapeRegExp(part)))
    .join('')
  const match = new RegExp(`^${source}$`, 's').exec(text)
  return match ? Object.fromEntries(names.map((name, i) => [name, match[i + 1]!])) : null
}

/**
 * The parameters a notification written before they were stored was made from, read back from its
 * Vietnamese title and body with its kind's templates (each variant tried), and kept only when the
 * templates give back exactly what was stored; null when they do not.
 */
function paramsFromWording({ kind, title, body }: { kind: string; title: string; body: string | null }): Record<string, string> | null {
  const entry = kind.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], viNotices) as Record<string, string> | undefined
  if (typeof entry?.title !== 'string') return null
  const variants = new Set(Object.keys(entry).flatMap((key) => /^(?:title|body)_(.+)$/.exec(key)?.[1] ?? []))
  // Of the variants that give the wording back, the one with the most values: "Thời gian: {{when}}"
  // also fits an invitation with its place, as one long `when`.
  let best: Record<string, string> | null = null
  for (const context of [undefined, ...variants]) {
    const fromTitle = valuesOf((context && entry[`title_${context}`]) || entry.title, title)
    const fromBody = valuesOf((context && entry[`body_${context}`]) || entry.body, body ?? '')
    if (!fromTitle || !fromBody) continue
    if (Object.keys(fromBody).some((name) => name in fromTitle && fromTitle[name] !== fromBody[name])) continue
    const params = { ...fromTitle, ...fromBody, ...(context ? { context } : {}) }
    const again = renderNotice({ kind, params }, 'vi')
    if (again.title !== title || (again.body ?? null) !== (body || null)) continue
    if (!best || Object.keys(params).length > Object.keys(best).length) best = params
  }
  return best
}

/**
 * Gives the notifications stored before their parameters were (migration 0020) the parameters
 * their wording was made from, so they too are read in each reader's language; one transaction,
 * at start. Rows whose wording no template gives back stay as written. Returns how many changed.
 */
export function recoverNotificationParams(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.transaction((tx) => {
    let changed = 0
    const rows = tx.select({ id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body }).from(notifications).where(isNull(notifications.params)).all()
    for (const row of rows) {
      const params = paramsFromWording(row)
      if (!params) continue
      tx.update(notifications).set({ params }).where(eq(notifications.id, row.id)).run()
      changed++
    }
    return changed
  })
}

