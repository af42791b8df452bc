import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, getUser, invariantResponse, listUnits, listUserOptions, requireUser } from '~/features/directory/index.server'
import { canEditConclusion, canIssueConclusion, canReadConclusion, getVersion, issueConclusion, issuedHistory, listVersions, nameLookup, nextNumberFor, renderConclusionHtml, findConclusion, startCorrection, TaskBlocksInvalid } from '~/features/conclusions/index.server'
import { correctionSchema, issueFormSchema, type TaskBlockProblem } from '~/features/conclusions'
import { minutesItemConclusions } from '~/features/minutes/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView, useReloadWhenChanged } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import { conclusionView } from '~/features/dashboard/index.server'
import { Card } from '~/components/ui/card'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime } from '~/core/dates'
import { vietnamDate } from '~/core/days'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { getMeeting } from '~/features/meetings/index.server'
import { listTasks } from '~/features/tasks/index.server'
import { parseId } from '~/core/schemas'
import { authorize } from '~/core/permissions.server'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'
import { DraftEditor } from './draft-editor'
import { IssuedNotice } from './issued-notice'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, 'titles.conclusionOf', { title: data?.meeting.title ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { meetingId, access, state, recipientUnitIds } = findConclusion(params.meetingId)
  authorize(user, canReadConclusion, access, recipientUnitIds)
  const canEdit = canEditConclusion(user, access)
  const canIssue = canIssueConclusion(user, access)
  const meeting = getMeeting({ id: meetingId })!
  const names = nameLookup()
  const draft = canEdit ? state.draft : null
  const versionId = parseId(new URL(request.url).searchParams.get('version') ?? undefined)
  const version = draft && versionId ? getVersion({ conclusionId: draft.id, versionId }) : null
  const meetingDay = vietnamDate(meeting.startsAt)
  const chair = getUser({ id: meeting.chairUserId })
  const issued = state.issued
  return json({
    liveVersion: events.version(),
    live: conclusionView(meeting.id),
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, chairName: meeting.chairName, chairPosition: meeting.chairPosition ?? null, typeName: meeting.typeName },
    deadline: getWorkingCalendar().addWorkingDays(meetingDay, meeting.conclusionDeadlineDays),
    deadlineDays: meeting.conclusionDeadlineDays,
    issued: issued
      ? {
          id: issued.id,
          numberFormatted: issued.numberFormatted,
          issuedOn: issued.issuedOn,
          onTime: issued.onTime,
          summary: issued.summary,
          html: issued.html ?? renderConclusionHtml(issued.content, names),
          signerTitle: issued.signerTitle,
          signerName: issued.signerName,
          recipients: [...issued.recipientUnitIds.map((id) => names.unitName(id) ?? ''), ...issued.otherRecipients],
          correctionReason: issued.correctionReason,
        }
      : null,
    draft: draft
      ? { id: draft.id, content: draft.content, summary: draft.summary, revision: draft.revision, updatedAt: draft.updatedAt, supersedesId: draft.supersedesId, correctionReason: draft.correctionReason }
      : null,
    versions: draft ? listVersions({ conclusionId: draft.id }) : [],
    version: version ? { id: version.id, savedAt: version.savedAt, savedByName: version.savedByName, html: renderConclusionHtml(version.content, names) } : null,
    history: issuedHistory({ meetingId }).filter((h) => h.status === 'superseded'),
    tasks: issued ? listTasks({ filter: { meetingId } }).map((t) => ({ id: t.id, content: t.content, leadUnitName: t.leadUnitName, deadline: t.deadline, status: t.status, progress: t.progress })) : [],
    canEdit,
    canIssue,
    // The number issuing now would take: the chair is asked to confirm it first.
    nextNumber: canIssue && draft ? nextNumberFor({ draft }) : null,
    units: canEdit ? listUnits().map((u) => ({ id: u.id, name: u.name })) : [],
    leaders: canEdit ? listUserOptions({ role: 'chair' }).map((u) => ({ id: u.id, name: u.fullName })) : [],
    // The chair's conclusion on each item, from the minutes (approved, else being written): the notice can start from them.
    fromMinutes: canEdit && (draft || !issued) ? minutesItemConclusions(meetingId) : [],
    agendaItems: meeting.agenda.map((a) => ({ id: a.id, name: `${a.position}. ${a.title}` })),
    issueDefaults: {
      signerTitle: draft?.signerTitle ?? chair?.position ?? '',
      signerName: draft?.signerName ?? meeting.chairName,
      recipientUnitIds: (draft?.recipientUnitIds ?? []).map(String),
      otherRecipients: (draft?.otherRecipients ?? []).join('\n'),
    },
  })
}

const intentSchema = z.enum(['issue', 'correct'])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { meetingId, access, state } = findConclusion(params.meetingId)
  authorize(user, canIssueConclusion, access)
  const formData = await readForm(request)
  const intent = intentSchema.safeParse(formData.get('intent'))
  invariantResponse(intent.success, 'errors.badRequest', 400)
  if (intent.data === 'correct') {
    const submission = parseForm(formData, { schema: correctionSchema })
    if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), problems: [] as TaskBlockProblem[] }, { status: 400 })
    try {
      startCorrection({ meetingId, who: actorOf(user, context) as { id: number }, reason: submission.value.reason })
    } catch (error) {
      return json({ intent: intent.data, result: replyWithDomainError(submission, error), problems: [] as TaskBlockProblem[] }, { status: statusOf(error) })
    }
    return redirectWithToast(`/meetings/${meetingId}/conclusion`, { key: 'conclusion.correctionStarted' })
  }
  const submission = parseForm(formData, { schema: issueFormSchema })
  if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), problems: [] as TaskBlockProblem[] }, { status: 400 })
  if (!state.draft?.summary.trim()) return json({ intent: intent.data, result: submission.reply({ fieldErrors: { summary: ['conclusion.summaryRequired'] } }), problems: [] as TaskBlockProblem[] }, { status: 400 })
  try {
    const issued = issueConclusion({ meetingId, who: actorOf(user, context) as { id: number }, input: {
      ...submission.value,
      summary: state.draft.summary,
      otherRecipients: (submission.value.otherRecipients ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
      recipientUnitIds: submission.value.recipientUnitIds ?? [],
    } })
    return redirectWithToast(`/meetings/${meetingId}/conclusion`, { key: 'conclusion.issuedToast', params: { number: issued.number } })
  } catch (error) {
    const problems = error instanceof TaskBlocksInvalid ? error.problems : []
    return json({ intent: intent.data, result: replyWithDomainError(submission, error), problems }, { status: statusOf(error) })
  }
}

export default function ConclusionPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  // Issued elsewhere, a new draft, the meeting's status: pushed to the conclusion room; the page reads itself again.
  const live = useLiveView(rooms.conclusion(data.meeting.id), data.liveVersion, data.live)
  useReloadWhenChanged(JSON.stringify(live), JSON.stringify(data.live))
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-stone-600">
          <Link to={`/meetings/${data.meeting.id}`}>{data.meeting.title}</Link> · {formatDateTime(data.meeting.startsAt)}
        </p>
        <h1>{t('conclusion.title')}</h1>
      </div>
      {data.version ? (
        <Card title={t('conclusion.versionOf', { time: formatDateTime(data.version.savedAt), name: data.version.savedByName })}>
          <div className="conclusion-html" data-testid="version-view" dangerouslySetInnerHTML={{ __html: data.version.html }} />
          <Link to="." className="mt-3 inline-block">
            {t('conclusion.backToDraft')}
          </Link>
        </Card>
      ) : null}
      {data.issued ? <IssuedNotice /> : null}
      {data.canEdit && (data.draft || !data.issued) ? (
        <section aria-labelledby="draft-title" className="space-y-3">
          <h2 id="draft-title">{data.issued ? t('conclusion.correctionTitle') : t('conclusion.draftTitle')}</h2>
          <DraftEditor key={data.draft?.supersedesId ?? 'draft'} />
        </section>
      ) : null}
      {!data.issued && !data.canEdit ? <p>{t('conclusion.notIssuedYet')}</p> : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
