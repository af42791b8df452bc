/** The domain events the notifications feature emits (composed into core's DomainEvents). */
export type NotificationEvents = {
  'notification.created': { userIds: number[] }
  /** Notifications were marked read: the unread counters of these people changed. */
  'notification.read': { userIds: number[] }
  /** Notifications that should also go out by e-mail (when SMTP is configured). */
  'notification.email': { notificationIds: number[] }
}
