import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyButton } from '~/components/ui/copy-button'
import { Button } from '~/components/ui/button'
import { ErrorList } from '~/components/ui/field'
import { formatClockTime, formatTime } from '~/core/dates'
import type { ConsoleView, HallView, ScreenView } from '../view.server'
import { formatClock } from '../clock'
import { HallForm } from './hall-form'
import { Countdown, ItemTime, SessionTime } from './timers'

/** Who is looking: their id, whether they are on the meeting's list, whether they run it. */
export type Me = { id: number; participant: boolean; runs: boolean }

const panel = 'rounded-lg border border-stone-200 bg-white p-4 shadow-sm'
const inputClass = 'block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700 min-h-10'

function Panel({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section className={panel} aria-labelledby={id ? `${id}-h` : undefined}>
      <h2 id={id ? `${id}-h` : undefined} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  )
}

function ActionButton({ intent, fields, id, label, variant = 'secondary', confirm }: { intent: string; fields?: Record<string, string | number>; id?: string | number; label: string; variant?: 'primary' | 'secondary' | 'danger'; confirm?: string }) {
  return (
    <HallForm intent={intent} fields={fields} id={id} className="inline-block">
      {({ busy }) => (
        <Button
          type="submit"
          variant={variant}
          disabled={busy}
          onClick={(e) => {
            if (confirm && !window.confirm(confirm)) e.preventDefault()
          }}
        >
          {label}
        </Button>
      )}
    </HallForm>
  )
}

export function SessionControls({ hall }: { hall: HallView }) {
  const { t } = useTranslation()
  const state = hall.session?.state ?? null
  return (
    <div className="flex flex-wrap gap-2" role="group" aria-label={t('live.console')}>
      {!state ? <ActionButton intent="session.open" label={t('live.session.open')} variant="primary" /> : null}
      {state === 'open' ? <ActionButton intent="session.suspend" label={t('live.session.suspend')} /> : null}
      {state === 'suspended' ? <ActionButton intent="session.resume" label={t('live.session.resume')} variant="primary" /> : null}
      {state === 'open' || state === 'suspended' ? <ActionButton intent="session.close" label={t('live.session.close')} variant="danger" confirm={t('live.session.confirmClose')} /> : null}
    </div>
  )
}

export function SessionHeader({ hall }: { hall: HallView }) {
  const { t } = useTranslation()
  const s = hall.session
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-700">
      <span data-testid="session-state" className="rounded bg-stone-800 px-2 py-0.5 font-semibold text-white">
        {t(`live.state.${s?.state ?? 'none'}`)}
      </span>
      {s ? <span>{t('live.session.openedAt', { time: formatTime(s.openedAt) })}</span> : null}
      {s?.closedAt ? <span>{t('live.session.closedAt', { time: formatTime(s.closedAt) })}</span> : null}
      {s ? <SessionTime session={s} maxMinutes={hall.meeting.maxDurationMinutes} /> : null}
    </p>
  )
}

export function CheckinPanel({ hall, me, initialCode }: { hall: HallView; me: Me; initialCode: string }) {
  const { t } = useTranslation()
  const open = hall.session && hall.session.state !== 'closed'
  if (!open || !me.participant || hall.attendance.hereIds.includes(me.id)) return null
  const inHall = hall.meeting.mode !== 'online'
  const online = hall.meeting.mode !== 'in_person'
  const rules = hall.meeting.rulesText || t('live.rules.default')
  return (
    <Panel title={t('live.checkin.heading')} id="checkin">
      <details open className="mb-3 rounded-md bg-stone-50 p-3">
        <summary className="cursor-pointer font-medium">{t('live.checkin.rulesHeading')}</summary>
        <p className="mt-2 whitespace-pre-line text-sm" data-testid="rules-text">
          {rules}
        </p>
      </details>
      {inHall ? (
        <HallForm intent="checkin" className="space-y-3">
          {({ busy, fieldErrors }) => (
            <>
              <div>
                <label htmlFor="checkin-code" className="mb-1 block text-sm font-medium">
                  {t('live.checkin.codeLabel')}
                </label>
                <input
                  id="checkin-code"
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9]*"
                  maxLength={6}
                  defaultValue={initialCode}
                  className={`${inputClass} max-w-48 font-mono text-2xl tracking-widest`}
                  aria-invalid={fieldErrors.code ? true : undefined}
                  aria-describedby={fieldErrors.code ? 'checkin-code-error checkin-code-hint' : 'checkin-code-hint'}
                />
                <p id="checkin-code-hint" className="mt-1 text-sm text-stone-600">
                  {t('live.checkin.codeHint')}
                </p>
                <ErrorList id="checkin-code-error" errors={fieldErrors.code} />
              </div>
              <RulesCheckbox id="ack-code" errors={fieldErrors.rulesAcknowledged} />
              <Button type="submit" variant="primary" disabled={busy}>
                {t('live.checkin.submit')}
              </Button>
            </>
          )}
        </HallForm>
      ) : null}
      {online ? (
        <HallForm intent="checkin.online" className="mt-4 space-y-3">
          {({ busy, fieldErrors }) => (
            <>
              <RulesCheckbox id="ack-online" errors={fieldErrors.rulesAcknowledged} />
              <Button type="submit" variant={inHall ? 'secondary' : 'primary'} disabled={busy}>
                {t('live.checkin.online')}
              </Button>
            </>
          )}
        </HallForm>
      ) : null}
    </Panel>
  )
}

function RulesCheckbox({ id, errors }: { id: string; errors?: string[] }) {
  const { t } = useTranslation()
  return (
    <div>
      <label className="flex items-start gap-2 text-sm font-medium">
        <input id={id} type="checkbox" name="rulesAcknowledged" className="mt-1 size-5" aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-error` : undefined} />
        <span>{t('live.checkin.acknowledge')}</span>
      </label>
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  )
}

/** The delegate's own state: checked in (how, when), the join link, leaving early. */
export function MyAttendance({ hall, me, mine }: { hall: HallView; me: Me; mine: { state: string; arrivedAt: number | null; late: boolean } | null }) {
  const { t } = useTranslation()
  const [leaving, setLeaving] = useState(false)
  if (!mine || !hall.attendance.hereIds.includes(me.id)) return null
  const open = hall.session && hall.session.state !== 'closed'
  return (
    <div className="rounded-md border border-green-300 bg-green-50 p-3 text-sm" data-testid="my-attendance">
      <p>
        {t('live.checkin.done', { state: t(`live.attendance.states.${mine.state}`), time: mine.arrivedAt ? formatTime(mine.arrivedAt) : '' })}
        {mine.late ? ` ${t('live.checkin.late', { minutes: hall.meeting.graceMinutes })}` : null}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        {hall.meeting.joinUrl && hall.meeting.mode !== 'in_person' ? (
          <a href={hall.meeting.joinUrl} target="_blank" rel="noreferrer noopener" className="font-medium text-blue-800 underline">
            {t('live.checkin.joinOnline')}
          </a>
        ) : null}
        {open && !leaving ? (
          <Button variant="link" onClick={() => setLeaving(true)}>
            {t('live.checkin.leave')}
          </Button>
        ) : null}
      </div>
      {open && leaving ? (
        <HallForm intent="leave" className="mt-2 flex flex-wrap items-end gap-2">
          {({ busy, fieldErrors }) => (
            <>
              <div className="min-w-56 flex-1">
                <label htmlFor="leave-reason" className="mb-1 block font-medium">
                  {t('live.checkin.leaveReason')}
                </label>
                <input id="leave-reason" name="reason" className={inputClass} maxLength={500} aria-invalid={fieldErrors.reason ? true : undefined} aria-describedby={fieldErrors.reason ? 'leave-reason-error' : undefined} />
                <ErrorList id="leave-reason-error" errors={fieldErrors.reason} />
              </div>
              <Button type="submit" variant="danger" disabled={busy}>
                {t('live.checkin.leave')}
              </Button>
            </>
          )}
        </HallForm>
      ) : null}
    </div>
  )
}

export function AgendaPanel({ hall, me, meetingId }: { hall: HallView; me: Me; meetingId: number }) {
  const { t } = useTranslation()
  const current = hall.session?.currentItemId ?? null
  const live = hall.session && hall.session.state !== 'closed'
  if (!hall.agenda.length) return <Panel title={t('live.agenda.heading')}>{t('live.agenda.none')}</Panel>
  return (
    <Panel title={t('live.agenda.heading')} id="agenda">
      <ol className="space-y-2">
        {hall.agenda.map((item) => (
          <li key={item.id} aria-current={item.id === current ? 'step' : undefined} className={`rounded-md border p-2 ${item.id === current ? 'border-brand-600 bg-brand-50' : 'border-stone-200'}`}>
            <p className="font-medium">
              {item.position}. {item.title}
              {item.id === current ? <span className="ml-2 rounded bg-brand-700 px-1.5 py-0.5 text-xs text-white">{t('live.agenda.current')}</span> : null}
            </p>
            {item.presenterName || item.presenterUnitName ? <p className="text-sm text-stone-600">{t('live.agenda.presenter', { name: item.presenterName ?? item.presenterUnitName })}</p> : null}
            <p className="text-sm">
              <ItemTime usedMs={item.usedMs} runningSince={item.runningSince} plannedMinutes={item.plannedMinutes} />
            </p>
            {me.runs && live && item.id !== current ? <ActionButton intent="agenda.go" fields={{ itemId: item.id }} id={item.id} label={t('live.agenda.start')} /> : null}
          </li>
        ))}
      </ol>
      {me.runs && live ? (
        <div className="mt-3 flex flex-wrap gap-2">
          <ActionButton intent="agenda.previous" label={t('live.agenda.previous')} />
          <ActionButton intent="agenda.next" label={t('live.agenda.next')} variant="primary" />
        </div>
      ) : null}
      <p className="mt-3 text-sm">
        <a href={`/meetings/${meetingId}/documents`} className="text-blue-800 underline">
          {t('documents.link')}
        </a>
      </p>
    </Panel>
  )
}

export function FloorPanel({ hall, me }: { hall: HallView; me: Me }) {
  const { t } = useTranslation()
  const floor = hall.floor
  return (
    <Panel title={t('live.speakers.floor')} id="floor">
      {floor ? (
        <div data-testid="floor">
          <p className="text-xl font-semibold" data-testid="floor-speaker">
            {floor.name}
            {floor.kind === 'debate' ? <span className="ml-2 rounded bg-amber-200 px-1.5 py-0.5 text-sm text-amber-900">{t('live.speakers.debate')}</span> : null}
          </p>
          {floor.note ? <p className="text-sm text-stone-700">{floor.note}</p> : null}
          <Countdown floor={floor} />
          {me.runs ? (
            <div className="mt-3 flex flex-wrap gap-2" role="group" aria-label={t('live.speakers.floor')}>
              {floor.state === 'speaking' ? <ActionButton intent="floor.pause" label={t('live.speakers.pause')} /> : <ActionButton intent="floor.resume" label={t('live.speakers.resume')} variant="primary" />}
              <ActionButton intent="floor.addTime" fields={{ seconds: 30 }} id={30} label={t('live.speakers.add30')} />
              <ActionButton intent="floor.addTime" fields={{ seconds: 60 }} id={60} label={t('live.speakers.add60')} />
              <ActionButton intent="floor.end" label={t('live.speakers.end')} variant="danger" />
            </div>
          ) : null}
        </div>
      ) : (
        <p className="text-stone-700">{t('live.speakers.nobody')}</p>
      )}
    </Panel>
  )
}

export function QueuePanel({ hall, me, people }: { hall: HallView; me: Me; people: { userId: number; name: string }[] }) {
  const { t } = useTranslation()
  const live = hall.session && hall.session.state !== 'closed'
  const current = hall.agenda.find((a) => a.id === hall.session?.currentItemId)
  const mineAt = hall.queue.findIndex((q) => q.userId === me.id)
  const here = hall.attendance.hereIds.includes(me.id)
  return (
    <Panel title={t('live.speakers.queue')} id="queue">
      {current?.speakersClosed ? <p className="mb-2 text-sm font-medium text-amber-800">{t('live.speakers.listClosed')}</p> : null}
      {hall.queue.length ? (
        <ol className="space-y-2" data-testid="queue">
          {hall.queue.map((q, i) => (
            <li key={q.id} className="flex flex-wrap items-center gap-2 rounded-md border border-stone-200 p-2">
              <span className="font-mono text-sm text-stone-600">{i + 1}.</span>
              <span className="font-medium">{q.name}</span>
              {q.kind === 'debate' ? <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs text-amber-900">{t('live.speakers.debate')}</span> : null}
              {q.note ? <span className="w-full text-sm text-stone-600">{q.note}</span> : null}
              {me.runs && live ? (
                <span className="ml-auto flex flex-wrap gap-1">
                  <ActionButton intent="floor.give" fields={{ speechId: q.id }} id={q.id} label={t('live.speakers.give')} variant="primary" />
                  {q.kind === 'normal' ? <ActionButton intent="speak.move" fields={{ speechId: q.id, direction: 'up' }} id={`${q.id}u`} label={t('live.speakers.up')} /> : null}
                  {q.kind === 'normal' ? <ActionButton intent="speak.move" fields={{ speechId: q.id, direction: 'down' }} id={`${q.id}d`} label={t('live.speakers.down')} /> : null}
                </span>
              ) : null}
              {(me.runs || q.userId === me.id) && live ? <ActionButton intent="speak.withdraw" fields={{ speechId: q.id }} id={q.id} label={t('live.speakers.withdraw')} variant="danger" /> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-stone-700">{t('live.speakers.queueEmpty')}</p>
      )}
      {me.runs && live && hall.queue.length ? (
        <div className="mt-3">
          <ActionButton intent="floor.give" label={t('live.speakers.giveNext')} variant="primary" />
        </div>
      ) : null}
      {live && me.participant && here ? (
        mineAt >= 0 ? (
          <p className="mt-3 rounded-md bg-blue-50 p-2 text-sm" data-testid="my-request">
            {t('live.speakers.myRequest', { position: mineAt + 1 })}
          </p>
        ) : (
          <HallForm intent="speak.request" className="mt-3 space-y-2">
            {({ busy, fieldErrors }) => (
              <>
                <label htmlFor="speak-note" className="block text-sm font-medium">
                  {t('live.speakers.note')}
                </label>
                <input id="speak-note" name="note" maxLength={250} className={inputClass} aria-invalid={fieldErrors.note ? true : undefined} />
                <ErrorList errors={fieldErrors.note} />
                <div className="flex flex-wrap gap-2">
                  <Button type="submit" name="kind" value="normal" variant="primary" disabled={busy}>
                    {t('live.speakers.request')}
                  </Button>
                  {hall.floor && hall.floor.userId !== me.id ? (
                    <Button type="submit" name="kind" value="debate" disabled={busy}>
                      {t('live.speakers.requestDebate')}
                    </Button>
                  ) : null}
                </div>
              </>
            )}
          </HallForm>
        )
      ) : null}
      {me.runs && live ? (
        <div className="mt-4 space-y-3 border-t border-stone-200 pt-3">
          <HallForm intent="speak.add" className="flex flex-wrap items-end gap-2">
            {({ busy, fieldErrors }) => (
              <>
                <div className="min-w-56 flex-1">
                  <label htmlFor="add-speaker" className="mb-1 block text-sm font-medium">
                    {t('live.speakers.addWho')}
                  </label>
                  <select id="add-speaker" name="userId" className={inputClass} aria-invalid={fieldErrors.userId ? true : undefined}>
                    {people.map((p) => (
                      <option key={p.userId} value={p.userId}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </div>
                <Button type="submit" disabled={busy}>
                  {t('live.speakers.add')}
                </Button>
              </>
            )}
          </HallForm>
          <div className="flex flex-wrap items-end gap-2">
            {current?.speakersClosed ? <ActionButton intent="list.open" label={t('live.speakers.openList')} /> : <ActionButton intent="list.close" label={t('live.speakers.closeList')} />}
            <HallForm intent="item.limit" className="flex items-end gap-2">
              {({ busy, fieldErrors }) => (
                <>
                  <div>
                    <label htmlFor="item-limit" className="mb-1 block text-sm font-medium">
                      {t('live.agenda.limit')}
                    </label>
                    <input id="item-limit" name="minutes" type="number" min={1} max={60} defaultValue={current?.speakingLimitMinutes ?? ''} className={`${inputClass} w-24`} aria-invalid={fieldErrors.minutes ? true : undefined} aria-describedby={fieldErrors.minutes ? 'item-limit-error' : undefined} />
                    <ErrorList id="item-limit-error" errors={fieldErrors.minutes} />
                  </div>
                  <Button type="submit" disabled={busy}>
                    {t('live.agenda.setLimit')}
                  </Button>
                </>
              )}
            </HallForm>
          </div>
        </div>
      ) : null}
      {hall.spoken.length ? (
        <div className="mt-4">
          <h3 className="text-sm font-semibold">{t('live.speakers.spoken')}</h3>
          <ul className="text-sm">
            {hall.spoken.map((s) => (
              <li key={s.id}>
                {s.name} — {formatClock(s.spokenMs)}
                {s.kind === 'debate' ? ` (${t('live.speakers.debate')})` : ''}
              </li>
            ))}
          </ul>
          {current ? <p className="mt-1 text-sm text-stone-700">{t('live.speakers.itemTotal', { time: formatClock(current.spokenMs), count: current.speeches })}</p> : null}
        </div>
      ) : null}
    </Panel>
  )
}

export function VotesPanel({ hall, me }: { hall: HallView; me: Me }) {
  const { t } = useTranslation()
  const live = hall.session && hall.session.state === 'open'
  const open = hall.votes.find((v) => v.state === 'open') ?? null
  const entitled = hall.attendance.voterIds.includes(me.id)
  const closed = [...hall.votes].filter((v) => v.state === 'closed').reverse()
  return (
    <Panel title={t('live.votes.heading')} id="votes">
      {open ? (
        <div className="rounded-md border border-brand-600 p-3" data-testid="open-vote">
          <p className="text-lg font-semibold">{open.question}</p>
          <p className="text-sm text-stone-700">
            {open.secret ? t('live.votes.kindSecret') : t('live.votes.kindNamed')} · {t(`live.votes.passRules.${open.passRule}`)}
            {open.closesAt ? ` · ${t('live.votes.closesAt', { time: formatClockTime(open.closesAt) })}` : null}
          </p>
          <p className="mt-1 font-medium" data-testid="vote-progress" aria-live="polite">
            {t('live.votes.progress', { cast: open.cast, entitled: open.entitled })}
          </p>
          {open.votedIds.includes(me.id) ? (
            <p className="mt-2 rounded bg-green-50 p-2 text-sm" data-testid="my-ballot">
              {t('live.votes.youVoted')}
            </p>
          ) : entitled ? (
            <HallForm intent="vote.cast" fields={{ voteId: open.id }} id={open.id} className="mt-2">
              {({ busy }) => (
                <fieldset className="flex flex-wrap gap-2" disabled={busy}>
                  <legend className="sr-only">{open.question}</legend>
                  {(['yes', 'no', 'abstain'] as const).map((c) => (
                    <Button key={c} type="submit" name="choice" value={c} variant={c === 'yes' ? 'primary' : 'secondary'} className="min-h-12 flex-1 text-base">
                      {t(`live.votes.choices.${c}`)}
                    </Button>
                  ))}
                </fieldset>
              )}
            </HallForm>
          ) : me.participant ? (
            <p className="mt-2 text-sm text-stone-700">{t('live.votes.notEntitled')}</p>
          ) : null}
          {me.runs ? (
            <div className="mt-3">
              <ActionButton intent="vote.close" fields={{ voteId: open.id }} id={open.id} label={t('live.votes.close')} variant="danger" />
            </div>
          ) : null}
        </div>
      ) : me.runs && live ? (
        <HallForm intent="vote.open" className="space-y-3">
          {({ busy, fieldErrors }) => (
            <>
              <div>
                <label htmlFor="vote-question" className="mb-1 block text-sm font-medium">
                  {t('live.votes.question')}
                </label>
                <input id="vote-question" name="question" maxLength={500} className={inputClass} aria-invalid={fieldErrors.question ? true : undefined} aria-describedby={fieldErrors.question ? 'vote-question-error' : undefined} />
                <ErrorList id="vote-question-error" errors={fieldErrors.question} />
              </div>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="secret" className="mt-1 size-5" />
                <span>{t('live.votes.secret')}</span>
              </label>
              <div className="flex flex-wrap gap-3">
                <div>
                  <label htmlFor="vote-rule" className="mb-1 block text-sm font-medium">
                    {t('live.votes.passRule')}
                  </label>
                  <select id="vote-rule" name="passRule" className={inputClass}>
                    {(['half_of_convened', 'half_of_present', 'two_thirds_of_convened'] as const).map((r) => (
                      <option key={r} value={r}>
                        {t(`live.votes.passRules.${r}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="vote-closes" className="mb-1 block text-sm font-medium">
                    {t('live.votes.closesIn')}
                  </label>
                  <input id="vote-closes" name="closesInMinutes" type="number" min={1} max={120} className={`${inputClass} w-28`} aria-invalid={fieldErrors.closesInMinutes ? true : undefined} aria-describedby={fieldErrors.closesInMinutes ? 'vote-closes-error' : undefined} />
                  <ErrorList id="vote-closes-error" errors={fieldErrors.closesInMinutes} />
                </div>
              </div>
              <Button type="submit" variant="primary" disabled={busy}>
                {t('live.votes.open')}
              </Button>
            </>
          )}
        </HallForm>
      ) : null}
      {closed.length ? (
        <ul className="mt-4 space-y-3">
          {closed.map((v) => (
            <li key={v.id} className="rounded-md border border-stone-200 p-3" data-testid="vote-result">
              <p className="font-medium">{v.question}</p>
              {v.results ? <VoteResult vote={v as VoteWithResults} /> : null}
              {v.ballots?.length ? (
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer">{t('live.votes.who')}</summary>
                  <ul>
                    {v.ballots.map((b) => (
                      <li key={b.userId}>
                        {b.name}: {t(`live.votes.choices.${b.choice}`)}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ul>
      ) : !open ? (
        <p className="text-stone-700">{t('live.votes.none')}</p>
      ) : null}
    </Panel>
  )
}

type VoteWithResults = HallView['votes'][number] & { results: NonNullable<HallView['votes'][number]['results']> }

export function VoteResult({ vote, big }: { vote: VoteWithResults | (ScreenView['result'] & object); big?: boolean }) {
  const { t } = useTranslation()
  const r = vote.results!
  return (
    <div>
      <p className={`${big ? 'text-6xl' : 'text-lg'} font-bold ${r.passed ? (big ? 'text-green-300' : 'text-green-800') : big ? 'text-red-300' : 'text-red-800'}`} data-testid="vote-outcome">
        {r.passed ? t('live.votes.passed') : t('live.votes.failed')}
      </p>
      <p className={big ? 'text-4xl' : ''}>{t('live.votes.result', { yes: r.yes, no: r.no, abstain: r.abstain })}</p>
      <p className={big ? 'text-2xl' : 'text-sm text-stone-700'}>
        {t('live.votes.quorumAt', { present: r.presentAtClose, convened: r.convened, needed: r.quorumNeeded, state: r.quorumMet ? t('live.attendance.quorumMet') : t('live.attendance.quorumNotMet') })}
      </p>
    </div>
  )
}

export function AttendanceSummary({ hall }: { hall: HallView }) {
  const { t } = useTranslation()
  const a = hall.attendance
  return (
    <div className="text-sm" data-testid="quorum">
      <p className={`font-semibold ${a.quorumMet ? 'text-green-800' : 'text-red-800'}`}>
        {t('live.attendance.quorum', { present: a.presentMembers, convened: a.convened, needed: a.quorumNeeded })} — {a.quorumMet ? t('live.attendance.quorumMet') : t('live.attendance.quorumNotMet')}
      </p>
      <p className="text-stone-700">
        {t('live.attendance.inPerson', { count: a.inPerson })} · {t('live.attendance.online', { count: a.online })} · {t('live.attendance.late', { count: a.late })} · {t('live.attendance.left', { count: a.left })}
      </p>
    </div>
  )
}

export function AttendancePanel({ hall, console: desk }: { hall: HallView; console: ConsoleView | null }) {
  const { t } = useTranslation()
  const live = hall.session && hall.session.state !== 'closed'
  return (
    <Panel title={t('live.attendance.heading')} id="attendance">
      <AttendanceSummary hall={hall} />
      {desk ? (
        <ul className="mt-3 divide-y divide-stone-200" data-testid="attendance-list">
          {desk.people.map((p) => {
            const a = p.attendance
            const state = !a ? (p.rsvp === 'substituted' ? 'represented' : 'notYet') : a.leftAt ? 'left' : a.state
            return (
              <li key={p.userId} className="py-2">
                <p>
                  <span className="font-medium">{p.name}</span>
                  {p.substituteFor ? <span className="text-sm text-stone-600"> ({t('live.attendance.substituteFor', { name: p.substituteFor })})</span> : null}
                  <span className="ml-2 rounded bg-stone-100 px-1.5 py-0.5 text-xs">{t(`live.attendance.states.${state}`)}</span>
                </p>
                <p className="text-xs text-stone-600">
                  {a?.arrivedAt ? (a.late ? t('live.attendance.lateAt', { time: formatTime(a.arrivedAt) }) : t('live.attendance.arrivedAt', { time: formatTime(a.arrivedAt) })) : null}
                  {a?.leftAt ? ` · ${t('live.attendance.leftAt', { time: formatTime(a.leftAt), reason: a.leftReason ?? '' })}` : null}
                  {a?.absentReason ? ` · ${a.absentReason}` : !a && p.rsvpReason ? p.rsvpReason : null}
                  {a?.rulesAcknowledgedAt ? ` · ${t('live.attendance.rulesAcknowledged')}` : null}
                </p>
                {live ? (
                  <HallForm intent="attendance.mark" fields={{ userId: p.userId }} id={p.userId} className="mt-1 flex flex-wrap items-end gap-2">
                    {({ busy, fieldErrors }) => (
                      <>
                        <label className="text-xs">
                          <span className="sr-only">{t('live.attendance.markAs', { name: p.name })}</span>
                          <select name="state" className="rounded border border-stone-400 px-2 py-1 text-sm" defaultValue={a && !a.leftAt ? a.state : 'present'}>
                            {(['present', 'online', 'absent', 'left'] as const).map((s) => (
                              <option key={s} value={s}>
                                {t(`live.attendance.states.${s}`)}
                              </option>
                            ))}
                          </select>
                        </label>
                        <label className="text-xs">
                          <span className="sr-only">
                            {t('live.attendance.reason')} — {p.name}
                          </span>
                          <input name="reason" placeholder={t('live.attendance.reason')} maxLength={500} className="rounded border border-stone-400 px-2 py-1 text-sm" aria-invalid={fieldErrors.reason ? true : undefined} />
                        </label>
                        <Button type="submit" disabled={busy} className="min-h-8 px-2 py-1">
                          {t('live.attendance.mark')}
                        </Button>
                        <ErrorList errors={fieldErrors.reason} />
                      </>
                    )}
                  </HallForm>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : null}
    </Panel>
  )
}

export function TotalsPanel({ hall }: { hall: HallView }) {
  const { t } = useTranslation()
  if (!hall.totals.length) return null
  return (
    <Panel title={t('live.speakers.totals')} id="totals">
      <table className="w-full text-sm" data-testid="speaking-totals">
        <thead>
          <tr className="text-left">
            <th scope="col">{t('live.speakers.person')}</th>
            <th scope="col">{t('live.speakers.count')}</th>
            <th scope="col">{t('live.speakers.time')}</th>
          </tr>
        </thead>
        <tbody>
          {hall.totals.map((p) => (
            <tr key={p.userId}>
              <td>{p.name}</td>
              <td>{p.speeches}</td>
              <td className="font-mono">{formatClock(p.spokenMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  )
}

export function NotesPanel({ notes }: { notes: string }) {
  const { t } = useTranslation()
  return (
    <Panel title={t('live.notes.heading')} id="notes">
      <HallForm intent="notes.save" className="space-y-2">
        {({ busy, data, fieldErrors }) => (
          <>
            <label htmlFor="my-notes" className="block text-sm font-medium">
              {t('live.notes.label')}
            </label>
            <textarea id="my-notes" name="text" rows={5} maxLength={20_000} defaultValue={notes} className={inputClass} aria-invalid={fieldErrors.text ? true : undefined} />
            <ErrorList errors={fieldErrors.text} />
            <div className="flex items-center gap-3">
              <Button type="submit" disabled={busy}>
                {t('live.notes.save')}
              </Button>
              {data?.ok ? (
                <span role="status" className="text-sm text-green-800">
                  {t('live.notes.saved')}
                </span>
              ) : null}
            </div>
          </>
        )}
      </HallForm>
    </Panel>
  )
}

export function DisplayPanel({ meetingId, desk, screen }: { meetingId: number; desk: ConsoleView; screen: ScreenView | null }) {
  const { t } = useTranslation()
  return (
    <Panel title={t('live.display.heading')} id="display">
      {screen?.checkin ? (
        <p className="mb-3">
          {t('live.checkin.screenCode')}:{' '}
          <span className="font-mono text-2xl font-bold tracking-widest" data-testid="console-code">
            {screen.checkin.code}
          </span>
        </p>
      ) : null}
      <p className="mb-3">
        <a href={`/meetings/${meetingId}/screen`} target="_blank" rel="noreferrer" className="text-blue-800 underline">
          {t('live.display.openHere')}
        </a>
      </p>
      <HallForm intent="display.create" className="space-y-2">
        {({ busy, data, fieldErrors }) => (
          <>
            <label htmlFor="display-label" className="block text-sm font-medium">
              {t('live.display.label')}
            </label>
            <div className="flex flex-wrap gap-2">
              <input id="display-label" name="label" maxLength={100} className={`${inputClass} max-w-xs`} aria-invalid={fieldErrors.label ? true : undefined} />
              <Button type="submit" disabled={busy}>
                {t('live.display.create')}
              </Button>
            </div>
            {data?.ok && data.token ? <CreatedLink meetingId={meetingId} token={data.token} /> : null}
          </>
        )}
      </HallForm>
      {desk.displays.length ? (
        <ul className="mt-3 space-y-1 text-sm">
          {desk.displays.map((d) => (
            <li key={d.id} className="flex items-center gap-2">
              <span>{d.label ?? d.id.slice(0, 6)}</span>
              <ActionButton intent="display.revoke" fields={{ displayId: d.id }} id={d.id} label={t('live.display.revoke')} variant="danger" />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-stone-600">{t('live.display.none')}</p>
      )}
    </Panel>
  )
}

function CreatedLink({ meetingId, token }: { meetingId: number; token: string }) {
  const { t } = useTranslation()
  const url = `${typeof window === 'undefined' ? '' : window.location.origin}/meetings/${meetingId}/screen?key=${token}`
  return (
    <div className="rounded-md bg-stone-50 p-2 text-sm">
      <p>{t('live.display.created')}</p>
      <p className="break-all font-mono" data-testid="display-link">
        {url}
      </p>
      <CopyButton text={url} label={t('live.display.create')} />
    </div>
  )
}

/** The documents of the item under discussion (and those of the whole meeting), as this person may open them. */
export function ItemDocuments({ hall, documents }: { hall: HallView; documents: { id: number; title: string; agendaItemId: number | null; readState: string }[] }) {
  const { t } = useTranslation()
  const current = hall.session?.currentItemId ?? null
  const shown = documents.filter((d) => d.agendaItemId === current || d.agendaItemId === null)
  if (!shown.length) return null
  return (
    <Panel title={t('live.agenda.documents')} id="item-documents">
      <ul className="space-y-1 text-sm" data-testid="item-documents">
        {shown.map((d) => (
          <li key={d.id}>
            <a href={`/documents/${d.id}`} className="text-blue-800 underline">
              {d.title}
            </a>
            {d.readState !== 'read' ? <span className="ml-2 text-xs text-amber-800">{t(`live.agenda.docState.${d.readState}`)}</span> : null}
          </li>
        ))}
      </ul>
    </Panel>
  )
}
