import { QRCodeSVG } from 'qrcode.react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatClockTime } from '~/core/dates'
import { speechClock } from '../clock'
import type { ScreenView } from '../view.server'
import { useServerNow } from './server-clock'
import { Countdown } from './timers'
import { VoteResult } from './hall'

/**
 * The room's big screen (1920×1080 or a projector's 1024×768, read from the back of the hall):
 * title, current item, the speaker with the countdown in large type, the next speakers, the vote's
 * progress and its result once closed, the check-in code (QR and digits), a clock. Nothing to press
 * once opened; the sound at zero is the one optional switch (browsers need a click for sound).
 */
export function Screen({ view }: { view: ScreenView }) {
  const { t } = useTranslation()
  const [sound, setSound] = useState(false)
  return (
    <div className="flex min-h-screen flex-col bg-black p-[2vw] text-white" data-testid="screen">
      <header className="flex items-start justify-between gap-[2vw] border-b border-stone-600 pb-[1vw]">
        <div>
          <h1 className="text-[max(2.6vw,1.6rem)] font-bold leading-tight text-white">{view.meeting.title}</h1>
          {view.current ? (
            <p className="text-[max(2vw,1.25rem)] text-yellow-200" data-testid="screen-item">
              {view.current.position}. {view.current.title}
            </p>
          ) : null}
        </div>
        <WallClock />
      </header>
      {!view.session ? (
        <p className="m-auto text-[4vw] font-semibold">{t('live.display.waiting')}</p>
      ) : (
        <div className="grid flex-1 grid-cols-3 gap-[2vw] pt-[2vw]">
          <main className="col-span-2 flex flex-col gap-[2vw]">
            {view.session.state !== 'open' ? <p className="text-[3vw] font-bold text-yellow-300">{t(`live.state.${view.session.state}`)}</p> : null}
            {view.floor ? (
              <section aria-label={t('live.speakers.floor')}>
                <p className="text-[max(3.4vw,2rem)] font-bold" data-testid="screen-speaker">
                  {view.floor.name}
                  {view.floor.kind === 'debate' ? <span className="ml-[1vw] rounded bg-yellow-300 px-[0.6vw] text-[2vw] text-black">{t('live.speakers.debate')}</span> : null}
                </p>
                <Countdown floor={view.floor} size="big" />
                {sound ? <ZeroBell floor={view.floor} /> : null}
              </section>
            ) : null}
            {view.vote ? (
              <section className="rounded-lg border-4 border-yellow-300 p-[1.5vw]" data-testid="screen-vote">
                <p className="text-[2.6vw] font-bold">{view.vote.question}</p>
                <p className="text-[4vw] font-bold tabular-nums" aria-live="polite">
                  {t('live.votes.progress', { cast: view.vote.cast, entitled: view.vote.entitled })}
                </p>
              </section>
            ) : view.result?.results ? (
              <section className="rounded-lg border-4 border-stone-500 p-[1.5vw]" data-testid="screen-result">
                <p className="text-[2.4vw] font-bold">{view.result.question}</p>
                <VoteResult vote={view.result} big />
              </section>
            ) : null}
          </main>
          <aside className="flex flex-col gap-[2vw]">
            {view.next.length ? (
              <section>
                <h2 className="text-[2vw] font-semibold text-stone-300">{t('live.display.next')}</h2>
                <ol className="text-[max(1.9vw,1.1rem)]" data-testid="screen-next">
                  {view.next.map((s) => (
                    <li key={s.id}>
                      {s.name}
                      {s.kind === 'debate' ? ` — ${t('live.speakers.debate')}` : ''}
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
            {view.checkin ? <CheckinCode meetingId={view.meeting.id} checkin={view.checkin} /> : null}
            <p className={`text-[max(1.6vw,1rem)] ${view.attendance.quorumMet ? 'text-green-300' : 'text-red-300'}`}>
              {t('live.attendance.quorum', { present: view.attendance.presentMembers, convened: view.attendance.convened, needed: view.attendance.quorumNeeded })}
            </p>
          </aside>
        </div>
      )}
      <footer className="mt-[1vw] flex justify-end">
        <label className="flex items-center gap-2 text-sm text-stone-400">
          <input type="checkbox" checked={sound} onChange={(e) => setSound(e.target.checked)} />
          {t('live.speakers.sound')}
        </label>
      </footer>
    </div>
  )
}

function WallClock() {
  const { t } = useTranslation()
  const now = useServerNow(1000)
  return (
    <p className="font-mono text-[max(3vw,1.8rem)] font-bold tabular-nums" aria-label={t('live.display.clock')} suppressHydrationWarning>
      {formatClockTime(now)}
    </p>
  )
}

function CheckinCode({ meetingId, checkin }: { meetingId: number; checkin: { code: string; validUntil: number } }) {
  const { t } = useTranslation()
  const now = useServerNow(1000)
  const origin = typeof window === 'undefined' ? '' : window.location.origin
  const seconds = Math.max(0, Math.ceil((checkin.validUntil - now) / 1000))
  return (
    <section className="rounded-lg bg-white p-[1vw] text-black" data-testid="screen-checkin">
      <h2 className="text-[1.6vw] font-semibold">{t('live.checkin.screenCode')}</h2>
      <QRCodeSVG value={`${origin}/meetings/${meetingId}/live?code=${checkin.code}`} className="h-auto w-full max-w-[18vw]" marginSize={2} title={t('live.checkin.screenCode')} />
      <p className="font-mono text-[max(3.6vw,2rem)] font-bold tracking-[0.2em]" data-testid="screen-code">
        {checkin.code}
      </p>
      <p className="text-[1.2vw]" suppressHydrationWarning>
        {t('live.checkin.validFor', { seconds })}
      </p>
    </section>
  )
}

/** A short tone when the countdown reaches zero (once per speech). */
function ZeroBell({ floor }: { floor: ScreenView['floor'] & object }) {
  const now = useServerNow(250)
  const rung = useRef<number | null>(null)
  const over = speechClock(floor, now).phase === 'over'
  useEffect(() => {
    if (!over || rung.current === floor.id || floor.state !== 'speaking') return
    rung.current = floor.id
    try {
      const audio = new AudioContext()
      const tone = audio.createOscillator()
      tone.frequency.value = 880
      tone.connect(audio.destination)
      tone.start()
      tone.stop(audio.currentTime + 0.6)
    } catch {
      // No sound device: the red countdown says it anyway.
    }
  }, [over, floor.id, floor.state])
  return null
}
