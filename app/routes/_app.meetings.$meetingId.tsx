import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useLazyValidation } from '~/components/ui/lazy-validation'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, invariantResponse, requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import { meetingView } from '~/features/dashboard/index.server'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { ErrorList, Field } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime, formatDay } from '~/core/dates'
import { decideSubstitute, findMeeting, participantShortfall, respondToInvitation, sendInvitations, setMeetingStatus } from '~/features/meetings/index.server'
import { authorize } from '~/core/permissions.server'
import { canListMeetingDocuments } from '~/features/documents/index.server'
import { canManageMeetings, canViewMeeting } from '~/features/meetings/index.server'
import { documentPresenters } from '~/features/documents/index.server'
import { idSchema } from '~/core/schemas'
import { meetingStatusSchema, rsvpSchema } from '~/features/meetings'
import { redirectWithToast } from '~/core/toast.server'
import { listGroups } from '~/features/groups/index.server'
import { useEffect, useRef, Suspense, useState } from 'react'
import { DomainError } from '~/core/errors'
import { pageTitle } from '~/i18n'
import { parseSource } from '~/features/meetings'

// The substitute's picker (react-aria, ~40 KB) comes only with the answer form, not with every meeting page.
import { PersonPicker } from '~/features/directory/lazy'

const intentSchema = z.enum(['invite', 'status', 'rsvp', 'substitute'])
const substituteDecisionSchema = z.object({ substituteUserId: idSchema, decision: z.enum(['confirm', 'refuse']) })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { id, access } = findMeeting(params.meetingId)
  authorize(user, canViewMeeting, access)
  const version = events.version()
  const live = meetingView(id)!
  return json({
    version,
    live,
    userId: user.id,
    documentsVisible: canListMeetingDocuments(user, access, documentPresenters({ meetingId: id })),
    canManage: canManageMeetings(user),
    // Names of the groups that brought people in (read only when some did).
    groupNames: live.meeting.participants.some((p) => parseSource(p.source).kind === 'group') ? Object.fromEntries(listGroups({ includeInactive: true }).map((g) => [String(g.id), g.name])) : {},
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { id, access } = findMeeting(params.meetingId)
  authorize(user, canViewMeeting, access)
  const formData = await readForm(request)
  const intent = intentSchema.safeParse(formData.get('intent'))
  invariantResponse(intent.success, 'errors.badRequest', 400)
  if (intent.data === 'rsvp') {
    const submission = parseForm(formData, { schema: rsvpSchema })
    if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
    try {
      respondToInvitation({ meetingId: id, userId: user.id, input: submission.value })
    } catch (error) {
      return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
    }
    return redirectWithToast(`/meetings/${id}`, { key: 'meetings.answered' })
  }
  authorize(user, 'meetings.manage')
  if (intent.data === 'substitute') {
    const submission = parseForm(formData, { schema: substituteDecisionSchema })
    if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
    try {
      decideSubstitute({ meetingId: id, substituteUserId: submission.value.substituteUserId, approve: submission.value.decision === 'confirm', actor: actorOf(user, context) })
    } catch (error) {
      return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
    }
    return redirectWithToast(`/meetings/${id}`, { key: 'meetings.substituteDecided' })
  }
  if (intent.data === 'invite') {
    const submission = parseForm(formData, { schema: z.object({ confirmFew: z.boolean().default(false) }) })
    try {
      const { userIds } = sendInvitations({ id, actor: actorOf(user, context), confirmFew: submission.status === 'success' && submission.value.confirmFew })
      return redirectWithToast(`/meetings/${id}`, { key: 'meetings.invitationsSent', params: { count: userIds.length } })
    } catch (error) {
      // Fewer people than usual: the page says how many, and asks to confirm.
      const few = error instanceof DomainError && error.message === 'meeting.fewParticipants' ? participantShortfall({ id }) : null
      return json({ intent: intent.data, result: few ? submission.reply() : replyWithDomainError(submission, error), few }, { status: statusOf(error) })
    }
  }
  const submission = parseForm(formData, { schema: meetingStatusSchema })
  if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
  try {
    setMeetingStatus({ id, input: submission.value, actor: actorOf(user, context) })
  } catch (error) {
    return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast(`/meetings/${id}`, { key: 'meetings.statusChanged' })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `${data.live.meeting.title} · Nghị sự` : pageTitle(matches, 'titles.meetings') }]

function sourceLabel(source: string, t: (k: string, o?: Record<string, unknown>) => string, units: Map<string, string>, groups: Record<string, string>) {
  const from = parseSource(source)
  if (from.kind === 'group') return groups[from.id] ?? null
  if (from.kind === 'role') return t(`roles.${from.role}`)
  if (from.kind === 'unit') return units.get(String(from.id)) ?? source
  if (from.kind === 'substitute') return t('rsvp.substituted')
  return null
}

/** Whom a participant stands in for, if anyone. */
function standsInFor(source: string) {
  const from = parseSource(source)
  return from.kind === 'substitute' ? from.forUserId : null
}

const ROLE_ORDER = ['chair', 'secretary', 'member', 'preparing_unit', 'guest']

export default function MeetingPage() {
  const loaded = useLoaderData<typeof loader>()
  const { userId, canManage, documentsVisible } = loaded
  // Answers, substitutes, status and timing: the meeting's read model, pushed to its room.
  const { meeting, timing, documentsTiming } = useLiveView(rooms.meeting(loaded.live.meeting.id), loaded.version, loaded.live, { reduce: (current, pushed: typeof loaded.live | null) => pushed ?? current })
  const mine = meeting.participants.find((p) => p.userId === userId)
  const me = mine && mine.invitedAt ? mine : null
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const { t } = useTranslation()

  // Which answer is chosen: the substitute's picker appears for "send someone".
  const [answer, setAnswer] = useState<string | undefined>(undefined)
  const rsvpFormCheck = useLazyValidation(() => import('~/features/meetings/schemas').then((m) => m.rsvpSchema), { shouldRevalidate: 'onInput' })
  const [rsvpForm, rsvpFields] = useForm({
    id: `rsvp-${meeting.id}`,
    lastResult: actionData?.intent === 'rsvp' ? actionData.result : undefined,
    // Nothing is chosen for someone who has not answered yet.
    defaultValue: { response: me?.rsvp === 'pending' ? undefined : me?.rsvp, reason: me?.rsvpReason ?? '' },
    ...rsvpFormCheck.options,
  })
  const statusFormCheck = useLazyValidation(() => import('~/features/meetings/schemas').then((m) => m.meetingStatusSchema), { shouldRevalidate: 'onInput' })
  const [statusForm, statusFields] = useForm({
    id: `status-${meeting.id}`,
    lastResult: actionData?.intent === 'status' ? actionData.result : undefined,
    ...statusFormCheck.options,
  })

  const unitNames = new Map<string, string>()
  for (const a of meeting.agenda) if (a.presenterUnitId && a.presenterUnitName) unitNames.set(String(a.presenterUnitId), a.presenterUnitName)
  for (const p of meeting.participants) {
    const from = parseSource(p.source)
    if (p.unitName && from.kind === 'unit') unitNames.set(String(from.id), p.unitName)
  }
  const groups = new Map<string, typeof meeting.participants>()
  const ordered = [...meeting.participants].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role))
  for (const p of ordered) {
    const from = p.role === 'chair' || p.role === 'secretary' || p.role === 'preparing_unit' ? null : sourceLabel(p.source, t, unitNames, loaded.groupNames)
    const label = from ? `${t(`participantRoles.${p.role}`)} · ${from}` : t(`participantRoles.${p.role}`)
    groups.set(label, [...(groups.get(label) ?? []), p])
  }
  const counts = {
    attending: meeting.participants.filter((p) => p.rsvp === 'attending').length,
    declined: meeting.participants.filter((p) => p.rsvp === 'declined' || p.rsvp === 'substituted').length,
    pending: meeting.participants.filter((p) => p.rsvp === 'pending').length,
  }
  const editable = ['draft', 'invited', 'postponed'].includes(meeting.status)
  const inviteErrors = actionData?.intent === 'invite' ? actionData.result.error?.[''] : undefined
  const few = actionData?.intent === 'invite' && 'few' in actionData ? actionData.few : null
  // The warning appears beside the button pressed, and takes the focus so it is heard.
  const fewRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (few) fewRef.current?.focus()
  }, [few])
  const nameOf = (userId: number | null) => meeting.participants.find((p) => p.userId === userId)?.fullName ?? ''

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm font-medium text-stone-600">{meeting.typeName}</p>
        <h1>{meeting.title}</h1>
        <p className="mt-2 flex flex-wrap gap-2 text-sm">
          <span className="rounded bg-stone-200 px-2 py-0.5 font-medium" data-testid="meeting-status">
            {t(`meetingStatus.${meeting.status}`)}
          </span>
          {!meeting.programmeItemId ? <span className="rounded bg-amber-100 px-2 py-0.5 text-amber-900">{t('meetings.offProgrammeBadge')}</span> : null}
          {meeting.urgent ? <span className="rounded bg-red-100 px-2 py-0.5 text-red-900">{t('meetings.urgentBadge')}</span> : null}
        </p>
        {meeting.statusReason ? <p className="mt-1 text-stone-700">{`${t('meetings.reason')}: ${meeting.statusReason}`}</p> : null}
      </div>

      <Card>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-stone-700">{t('meetings.chair')}</dt>
          <dd>{meeting.chairName}</dd>
          <dt className="font-medium text-stone-700">{t('schedule.time')}</dt>
          <dd>
            {formatDateTime(meeting.startsAt)} – {formatDateTime(meeting.endsAt).slice(11)}
          </dd>
          <dt className="font-medium text-stone-700">{t('meetings.mode')}</dt>
          <dd>
            {t(`modes.${meeting.mode}`)}
            {meeting.location ? ` · ${meeting.location}` : ''}
            {meeting.joinUrl ? (
              <>
                {' · '}
                <a href={meeting.joinUrl} rel="noreferrer noopener" target="_blank">
                  {t('meetings.join')}
                </a>
              </>
            ) : null}
          </dd>
          {meeting.preparingUnitName ? (
            <>
              <dt className="font-medium text-stone-700">{t('meetings.preparingUnit')}</dt>
              <dd>{meeting.preparingUnitName}</dd>
            </>
          ) : null}
          <dt className="font-medium text-stone-700">{t('meetings.programmeLink')}</dt>
          <dd>
            {meeting.programmeItemId ? (
              <Link to={`/programme/items/${meeting.programmeItemId}`}>{meeting.programmeItemContent}</Link>
            ) : (
              `${t('meetings.offProgramme')}: ${meeting.offProgrammeReason ?? ''}`
            )}
          </dd>
          {documentsVisible ? (
            <>
              <dt className="font-medium text-stone-700">{t('documents.link')}</dt>
              <dd>
                <Link to="documents" data-testid="documents-link" className="underline">
                  {t('documents.link')}
                </Link>{' '}
                <span className="text-sm text-stone-700" data-testid="documents-timing">
                  ·{' '}
                  {documentsTiming.firstAt
                    ? documentsTiming.lateBy
                      ? t('documents.distributedLate', { days: documentsTiming.lateBy, date: formatDateTime(documentsTiming.firstAt) })
                      : t('documents.distributedOnTime', { date: formatDateTime(documentsTiming.firstAt) })
                    : `${t('documents.notDistributed')} (${t('documents.deadlineShort', { date: formatDay(documentsTiming.deadline) })})`}
                </span>
              </dd>
            </>
          ) : null}
          {['invited', 'in_session', 'held', 'concluded'].includes(meeting.status) ? (
            <>
              <dt className="font-medium text-stone-700">{t('live.title')}</dt>
              <dd>
                <Link to="live" data-testid="hall-link" className={meeting.status === 'in_session' ? 'font-semibold' : ''}>
                  {meeting.status === 'in_session' ? `${t('live.enter')} — ${t('live.state.open')}` : t('live.enter')}
                </Link>
              </dd>
            </>
          ) : null}
          {['in_session', 'held', 'concluded'].includes(meeting.status) ? (
            <>
              <dt className="font-medium text-stone-700">{t('minutes.link')}</dt>
              <dd>
                <Link to="minutes" data-testid="minutes-link">
                  {t('minutes.title')}
                </Link>
              </dd>
            </>
          ) : null}
          <dt className="font-medium text-stone-700">{t('conclusion.link')}</dt>
          <dd>
            <Link to="conclusion" data-testid="conclusion-link">
              {meeting.conclusion ? `${meeting.conclusion}` : t('conclusion.notIssuedYet')}
            </Link>
          </dd>
          <dt className="font-medium text-stone-700">{t('meetings.invitationDeadline')}</dt>
          <dd data-testid="invitation-timing">
            {formatDay(timing.deadline)} ·{' '}
            {t(`meetings.timing_${timing.state}`, { days: timing.lateByWorkingDays, date: timing.sentAt ? formatDateTime(timing.sentAt) : '' })}
          </dd>
        </dl>
      </Card>

      {canManage ? (
        <Card title={t('common.actions')}>
          <FormErrors errors={inviteErrors ?? undefined} />
          <div className="flex flex-wrap gap-3">
            {editable ? (
              <Link to="edit" className={buttonClass('secondary')}>
                {t('meetings.edit')}
              </Link>
            ) : null}
            {editable ? (
              <Form method="post" className="space-y-2">
                {few ? (
                  <div ref={fewRef} tabIndex={-1} role="alert" data-testid="few-participants" className="rounded-md border border-amber-500 bg-amber-50 p-3 text-amber-950">
                    <p>{t('meetings.fewParticipants', { count: few.count, expected: few.expected, type: few.typeName })}</p>
                    <label className="mt-2 flex items-center gap-2 font-medium">
                      <input type="checkbox" name="confirmFew" value="on" className="h-5 w-5" />
                      {t('meetings.confirmFew')}
                    </label>
                  </div>
                ) : null}
                <Button type="submit" name="intent" value="invite" disabled={busy}>
                  {t('meetings.sendInvitations')}
                </Button>
              </Form>
            ) : null}
          </div>
          {meeting.status !== 'cancelled' && meeting.status !== 'in_session' && meeting.status !== 'concluded' && meeting.status !== 'held' ? (
            <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-[1fr_auto]" {...getFormProps(statusForm)} onFocus={statusFormCheck.start}>
              <input type="hidden" name="intent" value="status" />
              <Field label={t('meetings.reason')} inputProps={getInputProps(statusFields.reason, { type: 'text' })} errors={statusFields.reason.errors} />
              <div className="flex flex-wrap items-end gap-2">
                <Button type="submit" name="status" value="held" variant="secondary" disabled={busy}>
                  {t('meetings.markHeld')}
                </Button>
                {meeting.status !== 'postponed' ? (
                  <Button type="submit" name="status" value="postponed" variant="secondary" disabled={busy}>
                    {t('meetings.postpone')}
                  </Button>
                ) : null}
                <Button type="submit" name="status" value="cancelled" variant="danger" disabled={busy}>
                  {t('meetings.cancelMeeting')}
                </Button>
              </div>
              <div className="sm:col-span-2">
                <FormErrors id={statusForm.errorId} errors={statusForm.errors} />
              </div>
            </Form>
          ) : null}
        </Card>
      ) : null}

      {me && editable ? (
        <Card title={t('meetings.yourAnswer')}>
          <p className="mb-3" data-testid="my-answer">
            {me.rsvp === 'pending' || !me.respondedAt
              ? t('meetings.answerNone')
              : t('meetings.answerGiven', { answer: t(`rsvp.${me.rsvp}`), time: formatDateTime(me.respondedAt) })}
            {me.rsvp === 'substituted' && me.substituteName ? ` (${t('meetings.substitutedBy', { name: me.substituteName })})` : ''}
          </p>
          <Form method="post" className="space-y-4" {...getFormProps(rsvpForm)} onFocus={rsvpFormCheck.start}>
            <input type="hidden" name="intent" value="rsvp" />
            <FormErrors id={rsvpForm.errorId} errors={rsvpForm.errors} />
            <fieldset>
              <legend className="sr-only">{t('meetings.yourAnswer')}</legend>
              <div className="flex flex-wrap gap-4">
                {(['attending', 'declined', 'substituted'] as const).map((value) => (
                  <label key={value} className="flex min-h-10 items-center gap-2">
                    <input type="radio" name={rsvpFields.response.name} value={value} defaultChecked={rsvpFields.response.initialValue === value} onChange={() => setAnswer(value)} className="h-5 w-5 accent-brand-600" />
                    {t(value === 'attending' ? 'meetings.attend' : value === 'declined' ? 'meetings.decline' : 'meetings.sendSubstitute')}
                  </label>
                ))}
              </div>
              <ErrorList errors={rsvpFields.response.errors} />
            </fieldset>
            <Field label={t('meetings.rsvpReason')} inputProps={getInputProps(rsvpFields.reason, { type: 'text' })} errors={rsvpFields.reason.errors} />
            {/* Asked for only when sending someone: the whole directory is never sent, the substitute is found by the people search. */}
            {(answer ?? rsvpFields.response.initialValue) === 'substituted' || rsvpFields.substituteUserId.errors ? (
              <Suspense fallback={<Field label={t('meetings.substitute')} inputProps={{ id: rsvpFields.substituteUserId.id, disabled: true, placeholder: t('people.searching') }} />}>
                <PersonPicker id={rsvpFields.substituteUserId.id} label={t('meetings.substitute')} name={rsvpFields.substituteUserId.name} defaultValue={null} errors={rsvpFields.substituteUserId.errors} />
              </Suspense>
            ) : null}
            <Button type="submit" disabled={busy}>
              {t('meetings.answer')}
            </Button>
          </Form>
        </Card>
      ) : null}

      <Card title={t('meetings.agenda')}>
        {meeting.agenda.length ? (
          <ol className="list-decimal space-y-2 pl-6">
            {meeting.agenda.map((a) => (
              <li key={a.id}>
                <span className="font-medium">{a.title}</span>
                <span className="block text-sm text-stone-600">
                  {[a.presenterName, a.presenterUnitName, a.plannedMinutes ? `${a.plannedMinutes} phút` : null].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-stone-600">{t('common.noResults')}</p>
        )}
      </Card>

      <Card title={t('meetings.participants')}>
        <p className="mb-3 text-sm text-stone-700" data-testid="rsvp-summary">
          {t('meetings.summary', counts)}
        </p>
        <div className="space-y-4" data-testid="participants">
          {[...groups].map(([label, list]) => (
            <section key={label}>
              <h3 className="mb-1 text-base font-semibold">{label}</h3>
              <ul className="divide-y divide-stone-100">
                {list.map((p) => (
                  <li key={p.userId} className="flex flex-wrap justify-between gap-2 py-1.5" data-testid={`participant-${p.userId}`}>
                    <span>
                      {p.fullName}
                      <span className="text-sm text-stone-600">
                        {p.position ? ` · ${p.position}` : ''}
                        {standsInFor(p.source) ? ` · ${t('meetings.substituteFor', { name: nameOf(standsInFor(p.source)!) })}` : ''}
                      </span>
                    </span>
                    <span className="text-sm">
                      {p.pendingSubstitute ? (
                        <>
                          <span data-testid="substitute-pending">{t('meetings.substitutePending')}</span>
                          {canManage ? (
                            <Form method="post" className="ml-2 inline-flex gap-2">
                              <input type="hidden" name="intent" value="substitute" />
                              <input type="hidden" name="substituteUserId" value={p.userId} />
                              <Button type="submit" name="decision" value="confirm" variant="secondary" disabled={busy}>
                                {t('meetings.confirmSubstitute')}
                              </Button>
                              <Button type="submit" name="decision" value="refuse" variant="danger" disabled={busy}>
                                {t('meetings.refuseSubstitute')}
                              </Button>
                            </Form>
                          ) : null}
                        </>
                      ) : p.invitedAt ? (
                        t(`rsvp.${p.rsvp}`)
                      ) : (
                        t('meetings.notInvitedYet')
                      )}
                      {p.rsvp === 'substituted' && p.substituteName ? ` (${t('meetings.substitutedBy', { name: p.substituteName })})` : ''}
                      {p.rsvpReason ? ` — ${p.rsvpReason}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
