import { useTranslation } from 'react-i18next'
import { countdownMs, formatClock, speechClock, type SpeechTiming } from '../clock'
import { useServerNow } from './server-clock'

const phaseClass = { normal: 'text-stone-900', warning: 'text-amber-700', over: 'text-red-700' } as const
const bigPhaseClass = { normal: 'text-white', warning: 'text-yellow-300', over: 'text-red-400' } as const

/**
 * The speaker's countdown from the stored instants and the server's clock: yellow at 30 s left,
 * red at zero, then the overrun counted up in red. `onZero` fires once when it reaches zero.
 */
export function Countdown({ floor, size = 'normal' }: { floor: SpeechTiming; size?: 'normal' | 'big' }) {
  const { t } = useTranslation()
  const now = useServerNow(200)
  const clock = speechClock(floor, now)
  const colors = size === 'big' ? bigPhaseClass : phaseClass
  const label = clock.phase === 'over' ? t('live.speakers.overrun') : t('live.speakers.countdown')
  return (
    <div role="timer" aria-label={label} data-testid="countdown" data-phase={clock.phase} suppressHydrationWarning className={`font-mono font-bold tabular-nums ${colors[clock.phase]} ${size === 'big' ? 'text-[min(18vw,14rem)] leading-none' : 'text-5xl'}`}>
      {clock.phase === 'over' ? `+${formatClock(clock.overrunMs)}` : formatClock(countdownMs(clock.remainingMs))}
      {floor.state === 'paused' ? <span className={`ml-3 align-middle font-sans font-semibold ${size === 'big' ? 'text-4xl' : 'text-base'}`}>{t('live.speakers.paused')}</span> : null}
    </div>
  )
}

/** Time used by an agenda item against its planned minutes (a warning once over). */
export function ItemTime({ usedMs, runningSince, plannedMinutes }: { usedMs: number; runningSince: number | null; plannedMinutes: number | null }) {
  const { t } = useTranslation()
  const now = useServerNow(1000)
  const used = usedMs + (runningSince ? Math.max(0, now - runningSince) : 0)
  const over = plannedMinutes != null && used > plannedMinutes * 60_000
  return (
    <span className={over ? 'font-semibold text-red-800' : 'text-stone-700'} suppressHydrationWarning>
      {t('live.agenda.used', { used: formatClock(used) })}
      {plannedMinutes != null ? ` / ${t('live.agenda.planned', { minutes: plannedMinutes })}` : null}
      {over ? ` — ${t('live.agenda.over')}` : null}
    </span>
  )
}

/** The meeting's time (suspensions excluded) against the type's maximum length. */
export function SessionTime({ session, maxMinutes }: { session: { state: string; openedAt: number; closedAt: number | null; suspendedAt: number | null; suspendedMs: number }; maxMinutes: number | null }) {
  const { t } = useTranslation()
  const now = useServerNow(1000)
  const end = session.closedAt ?? (session.state === 'suspended' && session.suspendedAt ? session.suspendedAt : now)
  const elapsed = Math.max(0, end - session.openedAt - session.suspendedMs)
  const over = maxMinutes != null && elapsed > maxMinutes * 60_000
  return (
    <span className={over ? 'font-semibold text-red-800' : ''} suppressHydrationWarning>
      {t('live.session.elapsed')}: {formatClock(elapsed)}
      {maxMinutes != null ? ` (${t('live.session.maxDuration', { minutes: maxMinutes })})` : null}
      {over ? ` — ${t('live.session.overMax')}` : null}
    </span>
  )
}
