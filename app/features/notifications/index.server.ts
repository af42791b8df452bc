/** The notifications feature's public surface for routes, the API, the realtime server and other features. */
export { listNotifications, markRead, notificationsForEmail, notify, recoverNotificationParams, unreadCount } from './notifications.server'
export type { NotificationEvents } from './events'
