import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from '~/core/config.server'
import { events } from '~/core/events.server'
import { serverT } from '~/i18n/translate.server'
import { formatDateTime } from '~/core/dates'
import { getMeeting } from '~/features/meetings/index.server'
import { notificationsForEmail } from '~/features/notifications/index.server'
import { contactsOf } from '~/features/directory/index.server'

/**
 * E-mail for invitations and for postponed or cancelled meetings, when SMTP_URL is set. It
 * listens to domain events after the change has committed, so a slow or failing mail server
 * never blocks or undoes the Office's action; failures are logged.
 */
export function attachMailer(config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'PUBLIC_URL' | 'PORT'>, transport?: Transporter) {
  if (!config.SMTP_URL && !transport) return { detach: () => {}, idle: async () => {} }
  const transporter = transport ?? nodemailer.createTransport(config.SMTP_URL)
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`
  const pending = new Set<Promise<unknown>>()

  /** An invitation, a postponement or a cancellation, each e-mail in its reader's language. */
  const send = (meetingId: number, userIds: number[], kind: 'invitation' | 'cancelled' | 'postponed') => {
    const meeting = getMeeting({ id: meetingId })
    if (!meeting || !userIds.length) return
    const recipients = contactsOf({ userIds })
    for (const r of recipients) {
      if (!r.email) continue
      const t = serverT(r.locale)
      const subject = `${t(`mail.${kind}`)}: ${meeting.title}`
      const lines = [
        t('mail.greeting', { name: r.fullName }),
        '',
        subject,
        t('mail.when', { when: `${formatDateTime(meeting.startsAt)} – ${formatDateTime(meeting.endsAt).slice(11)}` }),
        meeting.location ? t('mail.where', { place: meeting.location }) : null,
        meeting.joinUrl ? t('mail.online', { url: meeting.joinUrl }) : null,
        t('mail.chair', { name: meeting.chairName }),
        meeting.statusReason ? t('mail.reason', { reason: meeting.statusReason }) : null,
        '',
        t('mail.answer', { url: `${base}/meetings/${meeting.id}` }),
      ].filter((l) => l !== null)
      const job = transporter
        .sendMail({ from: config.SMTP_FROM, to: `"${r.fullName}" <${r.email}>`, subject, text: lines.join('\n') })
        .catch((error: unknown) => console.error(`Không gửi được e-mail tới ${r.email}:`, error instanceof Error ? error.message : error))
        .finally(() => pending.delete(job))
      pending.add(job)
    }
  }

  /** Reminders and escalations: the notification's own title and text, with a link to act on it. */
  const sendNotifications = (ids: number[]) => {
    for (const n of notificationsForEmail({ ids: ids })) {
      if (!n.email) continue
      const t = serverT(n.locale)
      const text = [t('mail.greeting', { name: n.fullName }), '', n.title, n.body ?? '', '', n.link ? t('mail.details', { url: `${base}${n.link}` }) : ''].filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n')
      const job = transporter
        .sendMail({ from: config.SMTP_FROM, to: `"${n.fullName}" <${n.email}>`, subject: n.title, text })
        .catch((error: unknown) => console.error(`Không gửi được e-mail tới ${n.email}:`, error instanceof Error ? error.message : error))
        .finally(() => pending.delete(job))
      pending.add(job)
    }
  }

  const detach = [
    events.on('notification.email', ({ notificationIds }) => sendNotifications(notificationIds)),
    events.on('meeting.invited', ({ meetingId, userIds }) => send(meetingId, userIds, 'invitation')),
    events.on('meeting.statusChanged', ({ meetingId, userIds }) => {
      const status = getMeeting({ id: meetingId })?.status
      send(meetingId, userIds, status === 'cancelled' ? 'cancelled' : 'postponed')
    }),
  ]
  return {
    detach: () => detach.forEach((off) => off()),
    /** Resolves when every e-mail queued so far has been handed to the server (tests, shutdown). */
    idle: async () => {
      await Promise.allSettled([...pending])
    },
  }
}
