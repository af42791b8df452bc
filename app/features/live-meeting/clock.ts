/**
 * The speaker's countdown, computed from stored instants and the server's clock (the client adds
 * the offset it measured on connect), so every screen shows the same second (LIVE-MEETING.md,
 * "Timers"). Never a ticking value: while running the speech stores when it reaches zero, while
 * paused how much is left.
 */
export type SpeechTiming = {
  state: 'speaking' | 'paused' | string
  limitMs: number | null
  endsAt: number | null
  remainingMs: number | null
  spokenMs: number
  segmentStartedAt: number | null
}

const WARNING_MS = 30_000

export function speechClock(speech: SpeechTiming, serverNow: number) {
  const running = speech.state === 'speaking' && speech.endsAt != null
  const remainingMs = running ? speech.endsAt! - serverNow : (speech.remainingMs ?? 0)
  const spokenMs = speech.spokenMs + (running && speech.segmentStartedAt != null ? Math.max(0, serverNow - speech.segmentStartedAt) : 0)
  const phase: 'normal' | 'warning' | 'over' = remainingMs <= 0 ? 'over' : remainingMs <= WARNING_MS ? 'warning' : 'normal'
  return { running, remainingMs, overrunMs: Math.max(0, -remainingMs), spokenMs, phase }
}

/** `m:ss` (a minus sign is never shown: the overrun is counted up in red instead). */
export function formatClock(ms: number) {
  const total = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** Seconds left for display: while there is time left the countdown shows the started second (ceil). */
export function countdownMs(remainingMs: number) {
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) * 1000 : remainingMs
}
