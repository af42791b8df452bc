import type { vi } from './messages'

/** English, checked against the Vietnamese (loaded only for readers who chose English). */
export const en: Widen<typeof vi> = {
  notifications: { unreadSuffix: 'unread', title: 'Notifications', none: 'No notifications.', markAllRead: 'Mark all as read', unread: '{{count}} unread notifications', pages: 'Notification pages', older: 'Older notifications →', newest: '← Newest' },
  mail: {
    greeting: 'Dear {{name}},',
    invitation: 'Meeting invitation',
    cancelled: 'Meeting cancelled',
    postponed: 'Meeting postponed',
    when: 'When: {{when}}',
    where: 'Where: {{place}}',
    online: 'Online: {{url}}',
    chair: 'Chair: {{name}}',
    reason: 'Reason: {{reason}}',
    answer: 'Details and your answer: {{url}}',
    details: 'Details: {{url}}',
  },
}

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
