import { events } from '~/core/events.server'
import { vietnamDate } from '~/core/days'
import { closeExpiredVotes } from '~/features/live-meeting/index.server'
import { closeExpiredPolls } from '~/features/polls/index.server'
import { runReportReminders } from '~/features/reports/index.server'
import { runTaskReminders } from '~/features/tasks/index.server'
import { pruneIdempotencyKeys } from '~/core/idempotency.server'
import type { DB } from '#db/client'
import { getDb } from '#db/client'

/**
 * The clock of the app: at start and whenever the date changes in Asia/Ho_Chi_Minh, it runs the
 * task reminders and tells every open dashboard that the day changed (statuses that depend on
 * the date — overdue — are derived, so a refresh is all they need). Checks once a minute.
 */
export function startScheduler(options: { reminderDays: number; reportReminderDays?: number; db?: DB; now?: () => Date; intervalMs?: number; backup?: { hour: number; run: (at: Date) => Promise<unknown> } }) {
  const now = options.now ?? (() => new Date())
  let lastDay: string | null = null
  let lastBackupDay: string | null = null
  let backingUp = false
  const tick = () => {
    // The daily backup, once a day from its hour on (Asia/Ho_Chi_Minh).
    if (options.backup && !backingUp) {
      const at = now()
      const day = vietnamDate(at)
      const hour = new Date(at.getTime() + 7 * 3_600_000).getUTCHours()
      if (hour >= options.backup.hour && lastBackupDay !== day) {
        lastBackupDay = day
        backingUp = true
        options.backup
          .run(at)
          .catch((error) => console.error('Không sao lưu được:', error instanceof Error ? error.message : error))
          .finally(() => (backingUp = false))
      }
    }
    const today = vietnamDate(now())
    if (today === lastDay) return
    const firstRun = lastDay === null
    lastDay = today
    try {
      runTaskReminders({ reminderDays: options.reminderDays }, { db: options.db ?? getDb(), now: now() })
      runReportReminders({ days: options.reportReminderDays ?? 3 }, { db: options.db ?? getDb(), now: now() })
      pruneIdempotencyKeys(options.db ?? getDb(), now())
    } catch (error) {
      console.error('Không chạy được nhắc việc:', error instanceof Error ? error.message : error)
    }
    if (!firstRun) events.emit('tasks.dayChanged', { today })
  }
  tick()
  const timer = setInterval(tick, options.intervalMs ?? 60_000)
  timer.unref()
  // Votes in the room and confidence polls with a closing time close on the second (an indexed query or two a second).
  const votesTimer = setInterval(() => {
    try {
      closeExpiredVotes({ db: options.db ?? getDb(), now: now() })
      closeExpiredPolls({ db: options.db ?? getDb(), now: now() })
    } catch (error) {
      console.error('Không đóng được biểu quyết hết giờ:', error instanceof Error ? error.message : error)
    }
  }, 1000)
  votesTimer.unref()
  return {
    stop: () => {
      clearInterval(timer)
      clearInterval(votesTimer)
    },
    tick,
  }
}
