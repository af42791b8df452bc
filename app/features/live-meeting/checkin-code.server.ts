import { createHmac, randomBytes } from 'node:crypto'

/**
 * The check-in code on the big screen: six digits from an HMAC of the meeting and the current
 * 30-second window, under a key kept with the session. It changes every 30 s, so a code read out
 * over the phone to someone elsewhere is stale by the time it is typed; the one of the window
 * before is still accepted, so a delegate scanning at the turn of a window is not refused.
 */
export const CODE_WINDOW_MS = 30_000

export function newCheckinSecret() {
  return randomBytes(32).toString('hex')
}

export function codeWindow(at: Date | number) {
  return Math.floor(Number(at) / CODE_WINDOW_MS)
}

export function checkinCodeFor(secret: string, meetingId: number, window: number) {
  const mac = createHmac('sha256', secret).update(`${meetingId}:${window}`).digest()
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0')
}

/** The code to show now and the instant the next one replaces it. */
export function currentCheckinCode(secret: string, meetingId: number, now = new Date()) {
  const window = codeWindow(now)
  return { code: checkinCodeFor(secret, meetingId, window), validUntil: (window + 1) * CODE_WINDOW_MS }
}

/** Whether `code` is the current window's or the one before. */
export function checkinCodeMatches(secret: string, meetingId: number, code: string, now = new Date()) {
  const window = codeWindow(now)
  return [window, window - 1].some((w) => checkinCodeFor(secret, meetingId, w) === code)
}
