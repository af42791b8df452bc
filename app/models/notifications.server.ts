import { events } from '~/events.server'
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import { type DBOrTx, getDb } from '#db/client'
import { notifications, users } from '#db/schema'

export type NewNotification = { userId: number; kind: string; title: string; body?: string | null; link?: string | null }

/** Writes notifications inside the caller's transaction; the caller emits the event after commit. */
export function notify(db: DBOrTx, list: NewNotification[], now = new Date()) {
  if (!list.length) return
  db.insert(notifications)
    .values(list.map((n) => ({ ...n, body: n.body ?? null, link: n.link ?? null, createdAt: now })))
    .run()
}

export function listNotifications(userId: number, db: DBOrTx = getDb(), limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).all()
}

export function unreadCount(userId: number, db: DBOrTx = getDb()) {
  return db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).get()?.n ?? 0
}

export function markRead(userId: number, ids: number[] | 'all', db: DBOrTx = getDb(), now = new Date()) {
  const where =
    ids === 'all'
      ? and(eq(notifications.userId, userId), isNull(notifications.readAt))
      : and(eq(notifications.userId, userId), inArray(notifications.id, ids.length ? ids : [-1]))
  if (db.update(notifications).set({ readAt: now }).where(where).run().changes) events.emit('notification.read', { userIds: [userId] })
}

/** Notifications with their recipient's name and e-mail, for the mailer. */
export function notificationsForEmail(ids: number[], db: DBOrTx = getDb()) {
  if (!ids.length) return []
  return db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link, fullName: users.fullName, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(inArray(notifications.id, ids), eq(users.active, true)))
    .all()
}
