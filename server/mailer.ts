import nodemailer, { type Transporter } from 'nodemailer'
import type { Config } from '~/config.server'
import { events } from '~/events.server'
import { formatDateTime } from '~/lib/dates'
import { getMeeting } from '~/models/meetings.server'
import { notificationsForEmail } from '~/models/notifications.server'
import { contactsOf } from '~/models/users.server'

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

  const send = (meetingId: number, userIds: number[], subjectPrefix: string) => {
    const meeting = getMeeting(meetingId)
    if (!meeting || !userIds.length) return
    const recipients = contactsOf(userIds)
    for (const r of recipients) {
      if (!r.email) continue
      const lines = [
        `Kính gửi đồng chí ${r.fullName},`,
        '',
        `${subjectPrefix}: ${meeting.title}`,
        `Thời gian: ${formatDateTime(meeting.startsAt)} – ${formatDateTime(meeting.endsAt).slice(11)}`,
        meeting.location ? `Địa điểm: ${meeting.location}` : null,
        meeting.joinUrl ? `Họp trực tuyến: ${meeting.joinUrl}` : null,
        `Chủ trì: ${meeting.chairName}`,
        meeting.statusReason ? `Lý do: ${meeting.statusReason}` : null,
        '',
        `Chi tiết và xác nhận tham dự: ${base}/meetings/${meeting.id}`,
      ].filter((l) => l !== null)
      const job = transporter
        .sendMail({ from: config.SMTP_FROM, to: `"${r.fullName}" <${r.email}>`, subject: `${subjectPrefix}: ${meeting.title}`, text: lines.join('\n') })
        .catch((error: unknown) => console.error(`Không gửi được e-mail tới ${r.email}:`, error instanceof Error ? error.message : error))
        .finally(() => pending.delete(job))
      pending.add(job)
    }
  }

  /** Reminders and escalations: the notification's own title and text, with a link to act on it. */
  const sendNotifications = (ids: number[]) => {
    for (const n of notificationsForEmail(ids)) {
      if (!n.email) continue
      const text = [`Kính gửi đồng chí ${n.fullName},`, '', n.title, n.body ?? '', '', n.link ? `Chi tiết: ${base}${n.link}` : ''].filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n')
      const job = transporter
        .sendMail({ from: config.SMTP_FROM, to: `"${n.fullName}" <${n.email}>`, subject: n.title, text })
        .catch((error: unknown) => console.error(`Không gửi được e-mail tới ${n.email}:`, error instanceof Error ? error.message : error))
        .finally(() => pending.delete(job))
      pending.add(job)
    }
  }

  const detach = [
    events.on('notification.email', ({ notificationIds }) => sendNotifications(notificationIds)),
    events.on('meeting.invited', ({ meetingId, userIds }) => send(meetingId, userIds, 'Giấy mời họp')),
    events.on('meeting.statusChanged', ({ meetingId, userIds }) => {
      const status = getMeeting(meetingId)?.status
      send(meetingId, userIds, status === 'cancelled' ? 'Thông báo hủy cuộc họp' : 'Thông báo hoãn cuộc họp')
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
