import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, getUser, invariantResponse, listUnits, listUserOptions, requireUser } from '~/features/directory/index.server'
import { canEditConclusion, canIssueConclusion, canReadConclusion, getVersion, issueConclusion, issuedHistory, listVersions, nameLookup, nextNumberFor, renderConclusionHtml, findConclusion, startCorrection, TaskBlocksInvalid } from '~/features/conclusions/index.server'
import type { Editor } from '@tiptap/react'
import { ConclusionEditor, correctionSchema, type DocJSON, issueFormSchema, openingSentence, type TaskBlockProblem } from '~/features/conclusions'
import { useDraftAutosave } from '~/components/use-draft-autosave'
import { minutesItemConclusions } from '~/features/minutes/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView, useReloadWhenChanged } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import { conclusionView } from '~/features/dashboard/index.server'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { ErrorList, Field } from '~/components/ui/field'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime, formatDay } from '~/core/dates'
import { vietnamDate } from '~/core/days'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { getMeeting } from '~/features/meetings/index.server'
import { listTasks } from '~/features/tasks/index.server'
import { parseId } from '~/core/schemas'
import { authorize } from '~/core/permissions.server'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, 'titles.conclusionOf', { title: data?.meeting.title ?? '' }) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { meetingId, access, state, recipientUnitIds } = findConclusion(params.meetingId)
  authorize(user, canReadConclusion, access, recipientUnitIds)
  const canEdit = canEditConclusion(user, access)
  const canIssue = canIssueConclusion(user, access)
  const meeting = getMeeting(meetingId)!
  const names = nameLookup()
  const draft = canEdit ? state.draft : null
  const versionId = parseId(new URL(request.url).searchParams.get('version') ?? undefined)
  const version = draft && versionId ? getVersion(draft.id, versionId) : null
  const meetingDay = vietnamDate(meeting.startsAt)
  const chair = getUser(meeting.chairUserId)
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
    versions: draft ? listVersions(draft.id) : [],
    version: version ? { id: version.id, savedAt: version.savedAt, savedByName: version.savedByName, html: renderConclusionHtml(version.content, names) } : null,
    history: issuedHistory(meetingId).filter((h) => h.status === 'superseded'),
    tasks: issued ? listTasks({ meetingId }).map((t) => ({ id: t.id, content: t.content, leadUnitName: t.leadUnitName, deadline: t.deadline, status: t.status, progress: t.progress })) : [],
    canEdit,
    canIssue,
    // The number issuing now would take: the chair is asked to confirm it first.
    nextNumber: canIssue && draft ? nextNumberFor(draft) : null,
    units: canEdit ? listUnits().map((u) => ({ id: u.id, name: u.name })) : [],
    leaders: canEdit ? listUserOptions('chair').map((u) => ({ id: u.id, name: u.fullName })) : [],
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
      startCorrection(meetingId, actorOf(user, context) as { id: number }, submission.value.reason)
    } catch (error) {
      return json({ intent: intent.data, result: replyWithDomainError(submission, error), problems: [] as TaskBlockProblem[] }, { status: statusOf(error) })
    }
    return redirectWithToast(`/meetings/${meetingId}/conclusion`, { key: 'conclusion.correctionStarted' })
  }
  const submission = parseForm(formData, { schema: issueFormSchema })
  if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), problems: [] as TaskBlockProblem[] }, { status: 400 })
  if (!state.draft?.summary.trim()) return json({ intent: intent.data, result: submission.reply({ fieldErrors: { summary: ['conclusion.summaryRequired'] } }), problems: [] as TaskBlockProblem[] }, { status: 400 })
  try {
    const issued = issueConclusion(meetingId, actorOf(user, context) as { id: number }, {
      ...submission.value,
      summary: state.draft.summary,
      otherRecipients: (submission.value.otherRecipients ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
      recipientUnitIds: submission.value.recipientUnitIds ?? [],
    })
    return redirectWithToast(`/meetings/${meetingId}/conclusion`, { key: 'conclusion.issuedToast', params: { number: issued.number } })
  } catch (error) {
    const problems = error instanceof TaskBlocksInvalid ? error.problems : []
    return json({ intent: intent.data, result: replyWithDomainError(submission, error), problems }, { status: statusOf(error) })
  }
}

type Backup = { content: DocJSON; summary: string }

const template = (opening: string): DocJSON => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: opening }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Đánh giá chung' }] },
    { type: 'paragraph' },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '2. Nhiệm vụ thời gian tới' }] },
    { type: 'paragraph' },
  ],
})

/** The draft: editor with autosave (kept on this device until the server has it), versions, and the issue form. */
function DraftEditor() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const meetingId = data.meeting.id
  const initial = (data.draft?.content as DocJSON | undefined) ?? template(openingSentence({ title: data.meeting.title, day: vietnamDate(new Date(data.meeting.startsAt)), typeName: data.meeting.typeName, chairName: data.meeting.chairName, chairPosition: data.meeting.chairPosition }))
  const content = useRef<DocJSON>(initial)
  const [summary, setSummary] = useState(data.draft?.summary ?? '')
  const summaryRef = useRef(summary)
  const [restored, setRestored] = useState(false)
  const editorRef = useRef<Editor | null>(null)
  const { state, savedAt, revision: shownRevision, changed, kept } = useDraftAutosave({
    url: `/meetings/${meetingId}/conclusion-draft`,
    storageKey: `nghisu:conclusion-draft:${meetingId}`,
    revision: data.draft?.revision ?? 0,
    savedAt: data.draft ? String(data.draft.updatedAt) : null,
    fields: () => ({ content: JSON.stringify(content.current), summary: summaryRef.current }),
    snapshot: (): Backup => ({ content: content.current, summary: summaryRef.current }),
  })

  const onReady = useCallback(
    (editor: Editor) => {
      editorRef.current = editor
      const backup = kept()
      if (!backup || JSON.stringify(backup.content) === JSON.stringify(content.current)) return
      editor.commands.setContent(backup.content)
      content.current = backup.content
      summaryRef.current = backup.summary
      setSummary(backup.summary)
      setRestored(true)
      changed()
    },
    [kept, changed],
  )

  const problems = actionData?.intent === 'issue' ? actionData.problems : []
  const [issueForm, issueFields] = useForm({
    id: 'issue',
    lastResult: actionData?.intent === 'issue' ? actionData.result : undefined,
    defaultValue: data.issueDefaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueFormSchema }),
    shouldRevalidate: 'onBlur',
  })
  const summaryErrors = actionData?.intent === 'issue' ? actionData.result.error?.summary : undefined
  // Problems of the text itself (task blocks, links) belong to the whole form.
  const contentErrors = actionData?.intent === 'issue' ? actionData.result.error?.content : undefined
  const busy = navigation.state !== 'idle'
  const statusText = {
    saved: savedAt ? t('conclusion.savedAt', { time: formatDateTime(savedAt) }) : t('conclusion.notSavedYet'),
    dirty: t('conclusion.unsaved'),
    saving: t('conclusion.saving'),
    offline: t('conclusion.offline'),
    conflict: t('conclusion.conflictNotice'),
    error: t('conclusion.saveError'),
  }[state]

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-4">
        {data.draft?.supersedesId ? <p className="rounded bg-amber-100 p-3 text-amber-950">{t('conclusion.correctionDraft', { reason: data.draft.correctionReason ?? '' })}</p> : null}
        {restored ? (
          <p role="status" className="rounded bg-sky-100 p-3 text-sky-950">
            {t('conclusion.restored')}
          </p>
        ) : null}
        <div>
          <label htmlFor="conclusion-summary" className="mb-1 block text-sm font-medium">
            {t('conclusion.summary')} <span aria-hidden="true" className="text-red-800">*</span>
          </label>
          <input
            id="conclusion-summary"
            className="block min-h-10 w-full rounded-md border border-stone-400 px-3 py-2"
            value={summary}
            aria-describedby="conclusion-summary-hint"
            aria-invalid={summaryErrors ? true : undefined}
            onChange={(e) => {
              setSummary(e.target.value)
              summaryRef.current = e.target.value
              changed()
            }}
          />
          <p id="conclusion-summary-hint" className="mt-1 text-sm text-stone-600">
            {t('conclusion.summaryHint')}
          </p>
          <ErrorList errors={summaryErrors ?? undefined} />
        </div>
        <h2 id="conclusion-body-label" className="text-lg">
          {t('conclusion.body')}
        </h2>
        {data.fromMinutes.length ? (
          <Button
            data-testid="from-minutes"
            onClick={() => {
              const editor = editorRef.current
              if (!editor) return
              const items = data.fromMinutes.flatMap((item) => [
                { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: item.title }] },
                ...item.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
                { type: 'taskBlock', attrs: { id: crypto.randomUUID(), agendaItemId: item.itemId } },
              ])
              editor.chain().focus().insertContentAt(editor.state.doc.content.size, items).run()
            }}
          >
            {t('conclusion.fromMinutes', { count: data.fromMinutes.length })}
          </Button>
        ) : null}
        <ConclusionEditor
          items={data.agendaItems}
          initialContent={initial}
          units={data.units}
          leaders={data.leaders}
          problems={problems}
          labelledBy="conclusion-body-label"
          onReady={onReady}
          onChange={(doc) => {
            content.current = doc
            changed()
          }}
        />
        <p role="status" aria-live="polite" data-testid="save-state" data-state={state} data-revision={shownRevision} className={`text-sm ${state === 'conflict' || state === 'error' ? 'text-red-800' : 'text-stone-700'}`}>
          {statusText}
          {state === 'conflict' ? (
            <>
              {' '}
              <a href={`/meetings/${meetingId}/conclusion`}>{t('conclusion.reload')}</a>
            </>
          ) : null}
        </p>
      </div>

      <div className="space-y-4">
        <Card title={t('conclusion.preview')}>
          <div className="flex flex-wrap gap-2">
            <a className={buttonClass('secondary')} href={`/meetings/${meetingId}/conclusion.docx?draft`}>
              {t('conclusion.downloadDocx')}
            </a>
            <a className={buttonClass('secondary')} href={`/meetings/${meetingId}/conclusion.pdf?draft`}>
              {t('conclusion.downloadPdf')}
            </a>
          </div>
          <p className="mt-2 text-sm text-stone-600">{t('conclusion.previewHint')}</p>
        </Card>
        {data.canIssue ? (
          <Card title={t('conclusion.issueTitle')}>
            <p className="mb-3 text-sm text-stone-700">{t('conclusion.deadlineInfo', { date: formatDay(data.deadline), days: data.deadlineDays })}</p>
            <Form method="post" {...getFormProps(issueForm)} className="space-y-3">
              <FormErrors errors={[...(issueForm.errors ?? []), ...(contentErrors ?? [])]} />
              <input type="hidden" name="baseRevision" value={shownRevision} />
              <Field label={t('conclusion.signerTitle')} required inputProps={getInputProps(issueFields.signerTitle, { type: 'text' })} errors={issueFields.signerTitle.errors} />
              <Field label={t('conclusion.signerName')} required inputProps={getInputProps(issueFields.signerName, { type: 'text' })} errors={issueFields.signerName.errors} />
              <div>
                <label htmlFor={issueFields.recipientUnitIds.id} className="mb-1 block text-sm font-medium">
                  {t('conclusion.otherRecipientUnits')}
                </label>
                <select {...getSelectProps(issueFields.recipientUnitIds)} multiple size={5} className="block w-full rounded-md border border-stone-400 px-2 py-1" aria-describedby="recipients-hint">
                  {data.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
                <p id="recipients-hint" className="mt-1 text-sm text-stone-600">
                  {t('conclusion.recipientsHint')}
                </p>
              </div>
              <div>
                <label htmlFor={issueFields.otherRecipients.id} className="mb-1 block text-sm font-medium">
                  {t('conclusion.otherRecipients')}
                </label>
                <textarea {...getTextareaProps(issueFields.otherRecipients)} rows={3} className="block w-full rounded-md border border-stone-400 px-3 py-2" />
              </div>
              <Button
                type="submit"
                name="intent"
                value="issue"
                disabled={busy || state !== 'saved'}
                onClick={(event) => {
                  if (!window.confirm(t('conclusion.confirmIssue', { number: data.nextNumber ?? '' }))) event.preventDefault()
                }}
              >
                {t('conclusion.issue')}
              </Button>
              {state !== 'saved' ? <p className="text-sm text-stone-600">{t('conclusion.issueWaitsForSave')}</p> : null}
            </Form>
          </Card>
        ) : null}
        <Card title={t('conclusion.versions')}>
          {data.versions.length ? (
            <ul className="space-y-1 text-sm" data-testid="versions">
              {data.versions.map((v) => (
                <li key={v.id}>
                  <Link to={`?version=${v.id}`} className="underline">
                    {formatDateTime(v.savedAt)}
                  </Link> · {v.savedByName}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-stone-600">{t('conclusion.noVersions')}</p>
          )}
        </Card>
      </div>
    </div>
  )
}

function IssuedNotice() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const issued = data.issued!
  const [form, fields] = useForm({
    id: 'correct',
    lastResult: actionData?.intent === 'correct' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: correctionSchema }),
    shouldRevalidate: 'onBlur',
  })
  return (
    <div className="space-y-6">
      <Card>
        <p className="flex flex-wrap items-center gap-2">
          <strong data-testid="notice-number">{issued.numberFormatted}</strong>
          <span>· {t('conclusion.issuedOn', { date: formatDay(issued.issuedOn!) })}</span>
          <span className={`rounded px-2 py-0.5 text-sm ${issued.onTime ? 'bg-emerald-100 text-emerald-900' : 'bg-red-100 text-red-900'}`} data-testid="notice-timing">
            {issued.onTime ? t('conclusion.onTime') : t('conclusion.late')}
          </span>
        </p>
        {issued.correctionReason ? <p className="mt-1 text-sm text-stone-700">{t('conclusion.correctionOf', { reason: issued.correctionReason })}</p> : null}
        <div className="mt-3 flex flex-wrap gap-2">
          <a className={buttonClass('secondary')} href={`/meetings/${data.meeting.id}/conclusion.docx`} data-testid="download-docx">
            {t('conclusion.downloadDocx')}
          </a>
          <a className={buttonClass('secondary')} href={`/meetings/${data.meeting.id}/conclusion.pdf`}>
            {t('conclusion.downloadPdf')}
          </a>
        </div>
      </Card>
      <article className="conclusion-html rounded-md border border-stone-300 bg-white p-6" data-testid="notice">
        <p className="text-center text-lg font-bold">THÔNG BÁO KẾT LUẬN</p>
        <p className="text-center font-bold">{issued.summary}</p>
        <div dangerouslySetInnerHTML={{ __html: issued.html }} />
        <div className="mt-6 grid gap-4 sm:grid-cols-2">
          <div>
            <p className="font-bold italic underline">Nơi nhận:</p>
            <ul data-testid="recipients" className="list-none pl-0">
              {issued.recipients.map((r) => (
                <li key={r}>- {r}</li>
              ))}
            </ul>
          </div>
          <div className="text-center font-bold">
            <p>T/M BAN THƯỜNG VỤ</p>
            <p>{issued.signerTitle?.toUpperCase()}</p>
            <p className="mt-10">{issued.signerName}</p>
          </div>
        </div>
      </article>
      <Card title={t('conclusion.tasks')}>
        <ul className="divide-y divide-stone-200" data-testid="conclusion-tasks">
          {data.tasks.map((task) => (
            <li key={task.id} className="flex flex-wrap justify-between gap-2 py-2">
              <Link to={`/tasks/${task.id}`}>{task.content}</Link>
              <span className="text-sm">
                {task.leadUnitName} · {task.deadline ? formatDay(task.deadline) : t('conclusion.standingShort')} · {t(`taskStatus.${task.status}`)} · {task.progress}%
              </span>
            </li>
          ))}
        </ul>
        <Link className="mt-3 inline-block" to={`/dashboard?meeting=${data.meeting.id}`}>
          {t('conclusion.followTasks')}
        </Link>
      </Card>
      {data.canIssue && !data.draft ? (
        <Card title={t('conclusion.correct')}>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors errors={form.errors} />
            <Field label={t('conclusion.correctionReason')} required inputProps={getInputProps(fields.reason, { type: 'text' })} errors={fields.reason.errors} />
            <Button type="submit" name="intent" value="correct" variant="secondary" disabled={navigation.state !== 'idle'}>
              {t('conclusion.startCorrection')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {data.history.length ? (
        <Card title={t('conclusion.superseded')}>
          <ul className="text-sm">
            {data.history.map((h) => (
              <li key={h.id}>
                {h.numberFormatted} · {h.issuedOn ? formatDay(h.issuedOn) : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  )
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
