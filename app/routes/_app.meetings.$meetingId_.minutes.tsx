import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { actorOf, requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView, useReloadWhenChanged } from '~/components/socket-provider'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { ErrorList } from '~/components/ui/field'
import { events } from '~/core/events.server'
import { MinutesEditor, type MinutesDoc as DocJSON, minutesIntentSchema } from '~/features/minutes'
import { listMinutesVersions, minutesRoomView, nextMinutesNumber, minutesFor, runMinutesIntent, takerCandidates } from '~/features/minutes/index.server'
import { parseForm, readForm } from '~/core/forms.server'
import { formatDateTime, formatDay } from '~/core/dates'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { rooms } from '~/core/rooms'
import { getMeeting } from '~/features/meetings/index.server'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, 'titles.minutesOf', { title: data?.meeting.title ?? '' }) }]

/**
 * The minutes of a meeting (issue 12): the minute-taker writes them during the meeting from the
 * skeleton the room fills in live; the chair approves (numbered, signatories recorded) or returns
 * them; the approved text is read here and downloaded as DOCX/PDF by those allowed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { meetingId, canEdit, canRead, canApprove, manages, state } = minutesFor(user, params.meetingId)
  const meeting = getMeeting({ id: meetingId })!
  const version = events.version()
  const open = canEdit ? state.open : null
  const approved = canRead ? state.approved : null
  return json({
    meeting: { id: meeting.id, title: meeting.title, status: meeting.status, chairName: meeting.chairName },
    version,
    canEdit,
    canApprove,
    manages,
    open: open && { id: open.id, status: open.status, content: open.content, revision: open.revision, takerUserId: open.takerUserId, returnComment: open.returnComment, submittedAt: open.submittedAt, supersedesId: open.supersedesId, correctionReason: open.correctionReason, updatedAt: open.updatedAt },
    approved: approved && { id: approved.id, numberFormatted: approved.numberFormatted, approvedOn: approved.approvedOn, version: approved.version, signatories: approved.signatories, html: approved.html, shared: approved.shared },
    history: canEdit ? state.history : [],
    live: canEdit ? minutesRoomView({ meetingId }) : null,
    candidates: manages ? takerCandidates({ meetingId }) : [],
    nextNumber: canApprove && open?.status === 'submitted' ? nextMinutesNumber({ meetingId }) : null,
    versions: open ? listMinutesVersions({ minutesId: open.id }).slice(0, 20) : [],
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { meetingId } = minutesFor(user, params.meetingId)
  const form = await readForm(request)
  const submission = parseForm(form, { schema: minutesIntentSchema })
  const intent = String(form.get('intent') ?? '').slice(0, 40)
  if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 })
  try {
    runMinutesIntent(user, meetingId, submission.value, actorOf(user, context))
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return json({ intent, result: submission.reply(error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] }) }, { status: HTTP_STATUS_OF[error.kind] })
  }
  const toast = { start: 'minutes.status.draft', assignTaker: 'live.saved', submit: 'minutes.status.submitted', return: 'minutes.status.draft', approve: 'minutes.status.approved', correct: 'minutes.status.draft', share: 'live.saved' }[submission.value.intent]
  return redirectWithToast(`/meetings/${meetingId}/minutes`, { key: toast })
}

function useErrors(intent: string) {
  const data = useActionData<typeof action>()
  const error = data?.intent === intent ? data.result.error : undefined
  return { form: error?.[''] ?? undefined, field: (name: string) => error?.[name] ?? undefined }
}

function IntentForm({ intent, label, variant = 'secondary', children, confirm }: { intent: string; label: string; variant?: 'primary' | 'secondary' | 'danger'; children?: React.ReactNode; confirm?: string }) {
  const navigation = useNavigation()
  const errors = useErrors(intent)
  return (
    <Form method="post" className="space-y-2" onSubmit={(e) => confirm && !window.confirm(confirm) && e.preventDefault()}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <FormErrors errors={errors.form} />
      <Button type="submit" variant={variant} disabled={navigation.state !== 'idle'}>
        {label}
      </Button>
    </Form>
  )
}

export default function MinutesPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const live = useLiveView(data.canEdit ? rooms.minutes(data.meeting.id) : null, data.version, data.live)
  // Submitted, returned, approved elsewhere (the chair's tab, the minute-taker's): this page follows.
  useReloadWhenChanged(`${live?.status}:${live?.openId}:${live?.takerUserId}`, `${data.live?.status}:${data.live?.openId}:${data.live?.takerUserId}`)
  const open = data.open
  const status = open?.status ?? (data.approved ? 'approved' : 'none')
  const takerErrors = useErrors('assignTaker')
  const returnErrors = useErrors('return')
  const correctErrors = useErrors('correct')
  const takerName = data.candidates.find((c) => c.id === (open?.takerUserId ?? live?.takerUserId))?.name
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm">
          <Link to={`/meetings/${data.meeting.id}`}>← {data.meeting.title}</Link>
        </p>
        <h1>{t('minutes.title')}</h1>
        <p className="mt-1 flex flex-wrap gap-3 text-sm">
          <span className="rounded bg-stone-200 px-2 py-0.5 font-medium" data-testid="minutes-status">
            {t(`minutes.status.${status}`)}
          </span>
          {data.canEdit ? (
            <span>
              {t('minutes.taker')}: {takerName ?? (open?.takerUserId || live?.takerUserId ? '✓' : t('minutes.takerNone'))}
            </span>
          ) : null}
          {data.canEdit ? (
            <Link to={`/meetings/${data.meeting.id}/live`} className="underline">
              {t('live.title')}
            </Link>
          ) : null}
        </p>
      </div>

      {data.approved ? (
        <Card title={t('minutes.approvedAs', { number: data.approved.numberFormatted, date: formatDay(data.approved.approvedOn!), version: data.approved.version })}>
          <div className="conclusion-html" data-testid="minutes-html" dangerouslySetInnerHTML={{ __html: data.approved.html ?? '' }} />
          <p className="mt-3 text-sm" data-testid="minutes-signatories">
            {t('minutes.signatories', { chair: data.approved.signatories?.chair.name ?? '', taker: data.approved.signatories?.taker?.name ?? '—' })}
          </p>
          <p className="mt-3 flex flex-wrap gap-3">
            <a href={`/meetings/${data.meeting.id}/minutes.docx`} download data-testid="minutes-docx">
              {t('minutes.download')} (DOCX)
            </a>
            <a href={`/meetings/${data.meeting.id}/minutes.pdf`} download>
              {t('minutes.download')} (PDF)
            </a>
          </p>
          {data.manages ? (
            <div className="mt-4 grid gap-4 sm:grid-cols-2">
              <IntentForm intent="share" label={data.approved.shared ? t('minutes.notShared') : t('minutes.share')}>
                <p className="text-sm">{data.approved.shared ? t('minutes.shared') : t('minutes.notShared')}</p>
                {data.approved.shared ? null : <input type="hidden" name="shared" value="on" />}
              </IntentForm>
              {!open ? (
                <IntentForm intent="correct" label={t('minutes.correct')}>
                  <label htmlFor="correction-reason" className="block text-sm font-medium">
                    {t('minutes.correctionReason')}
                  </label>
                  <input id="correction-reason" name="reason" maxLength={1000} className="block w-full rounded-md border border-stone-400 px-3 py-2" aria-invalid={correctErrors.field('reason') ? true : undefined} />
                  <ErrorList errors={correctErrors.field('reason')} />
                </IntentForm>
              ) : null}
            </div>
          ) : null}
        </Card>
      ) : null}

      {!open && !data.approved ? (
        <Card>
          {data.manages ? <IntentForm intent="start" label={t('minutes.start')} variant="primary" /> : <p>{data.canEdit ? t('minutes.status.none') : t('minutes.notYet')}</p>}
        </Card>
      ) : null}

      {open ? (
        <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
          <div className="space-y-3">
            {open.supersedesId ? <p className="rounded bg-amber-100 p-3">{t('minutes.correctionNote', { number: data.approved?.numberFormatted ?? '', reason: open.correctionReason ?? '' })}</p> : null}
            {open.returnComment && open.status === 'draft' ? (
              <p className="rounded bg-amber-100 p-3" data-testid="minutes-returned">
                {t('minutes.returned', { comment: open.returnComment })}
              </p>
            ) : null}
            {open.status === 'submitted' && open.submittedAt ? <p className="rounded bg-blue-50 p-3">{t('minutes.submittedNote', { time: formatDateTime(open.submittedAt) })}</p> : null}
            <MinutesEditor
              key={`${open.id}:${open.status}`}
              meetingId={data.meeting.id}
              initial={open.content as DocJSON}
              revision={open.revision}
              records={live?.records ?? null}
              savedAt={String(open.updatedAt)}
              readOnly={open.status === 'submitted' && !data.manages}
            />
            <p className="flex flex-wrap gap-3 text-sm">
              <a href={`/meetings/${data.meeting.id}/minutes.docx?draft`} download>
                {t('minutes.download')} (DOCX, {t('minutes.status.draft').toLowerCase()})
              </a>
            </p>
          </div>
          <aside className="space-y-4">
            {open.status === 'draft' ? (
              <Card title={t('minutes.submit')}>
                <IntentForm intent="submit" label={t('minutes.submit')} variant="primary" />
              </Card>
            ) : null}
            {open.status === 'submitted' && data.canApprove ? (
              <Card title={t('minutes.approve')}>
                <IntentForm intent="approve" label={t('minutes.approve')} variant="primary" confirm={t('minutes.approveConfirm', { number: data.nextNumber ?? '' })} />
                <div className="mt-4">
                  <IntentForm intent="return" label={t('minutes.return')}>
                    <label htmlFor="return-comment" className="block text-sm font-medium">
                      {t('minutes.returnComment')}
                    </label>
                    <textarea id="return-comment" name="comment" rows={3} maxLength={2000} className="block w-full rounded-md border border-stone-400 px-3 py-2" aria-invalid={returnErrors.field('comment') ? true : undefined} />
                    <ErrorList errors={returnErrors.field('comment')} />
                  </IntentForm>
                </div>
              </Card>
            ) : null}
            {data.manages ? (
              <Card title={t('minutes.assignTaker')}>
                <IntentForm intent="assignTaker" label={t('minutes.assignTaker')}>
                  <label htmlFor="taker" className="block text-sm font-medium">
                    {t('minutes.taker')}
                  </label>
                  <select id="taker" name="takerUserId" defaultValue={open.takerUserId ?? ''} className="block w-full rounded-md border border-stone-400 px-3 py-2" aria-invalid={takerErrors.field('takerUserId') ? true : undefined}>
                    <option value="">{t('minutes.takerNone')}</option>
                    {data.candidates.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                  <ErrorList errors={takerErrors.field('takerUserId')} />
                </IntentForm>
              </Card>
            ) : null}
            {data.versions.length ? (
              <Card title={t('minutes.versions')}>
                <ul className="text-sm">
                  {data.versions.map((v) => (
                    <li key={v.id}>
                      {formatDateTime(v.savedAt)} — {v.savedByName}
                    </li>
                  ))}
                </ul>
              </Card>
            ) : null}
          </aside>
        </div>
      ) : null}

      {data.history.length > 1 ? (
        <Card title={t('minutes.history')}>
          <ul className="text-sm">
            {data.history.map((h) => (
              <li key={h.id}>
                {h.numberFormatted} — {t(`minutes.status.${h.status}`)} {h.approvedOn ? formatDay(h.approvedOn) : ''} {h.correctionReason ? `(${h.correctionReason})` : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
