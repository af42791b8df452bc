import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from '@conform-to/react'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useLazyValidation } from '~/components/ui/lazy-validation'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { invariantResponse, listUnits, requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView, useReloadWhenChanged } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import { taskView } from '~/features/dashboard/index.server'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { ErrorList, Field, SelectField, TextareaField } from '~/components/ui/field'
import { parseForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime, formatDay } from '~/core/dates'
import { config } from '~/core/config.server'
import { DomainError } from '~/core/errors'
import { ACCEPT_ATTRIBUTE, discardUnrecorded, type StoredFile } from '~/core/files.server'
import { readUpload } from '~/core/uploads.server'
import { authorize } from '~/core/permissions.server'
import { canAttachToTask, canContributeToTask, canDecideOnTask, canReassignTask, canReportOnTask, canViewTask } from '~/features/tasks/index.server'
import { addContribution, decideCompletion, decideExtension, declareCompletion, postProgress, reassignLead, requestExtension, findTask } from '~/features/tasks/index.server'
import { taskFormSchemas } from '~/features/tasks'
import { redirectWithToast } from '~/core/toast.server'
import { DateField } from '~/components/ui/date-field'
import { pageTitle } from '~/i18n'

type Intent = keyof typeof taskFormSchemas
const intentSchema = z.enum(Object.keys(taskFormSchemas) as [Intent, ...Intent[]])

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { id, access } = findTask(params.taskId)
  authorize(user, canViewTask, access)
  const version = events.version()
  return json({
    version,
    task: taskView(id)!,
    may: { report: canReportOnTask(user, access), contribute: canContributeToTask(user, access), decide: canDecideOnTask(user, access), reassign: canReassignTask(user, access) },
    units: canReassignTask(user, access) ? listUnits().map((u) => ({ value: String(u.id), label: u.name })) : [],
    accept: ACCEPT_ATTRIBUTE,
    maxMb: config().MAX_UPLOAD_MB,
  })
}

/** Forms that may carry files (progress reports, completion evidence, contributions). */
const withFiles: Intent[] = ['progress', 'completion', 'contribution']

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { id, access } = findTask(params.taskId)
  authorize(user, canViewTask, access)
  // Nobody who may not report or contribute gets to send a file: refused before the body is read.
  const multipart = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data')
  if (multipart) authorize(user, canAttachToTask, access)
  let formData: FormData
  let attachments: StoredFile[] = []
  try {
    ;({ fields: formData, files: attachments } = await readUpload(request, { fileFields: ['files'] }))
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const intentName = intentSchema.safeParse(new URL(request.url).searchParams.get('intent'))
    return json({ intent: intentName.success ? intentName.data : ('progress' as Intent), result: { status: 'error' as const, error: { files: [error.message] } } as SubmissionResult<string[]> }, { status: 400 })
  }
  const intent = intentSchema.safeParse(formData.get('intent'))
  if (!intent.success || (attachments.length && !withFiles.includes(intent.data))) {
    await discardUnrecorded(attachments)
    invariantResponse(false, 'errors.badRequest', 400)
  }
  // Who may send each form, and what it does (server only).
  const server = {
    progress: { rule: canReportOnTask, run: postProgress },
    contribution: { rule: canContributeToTask, run: addContribution },
    extension: { rule: canReportOnTask, run: requestExtension },
    completion: { rule: canReportOnTask, run: declareCompletion },
    extensionDecision: { rule: canDecideOnTask, run: decideExtension },
    completionDecision: { rule: canDecideOnTask, run: decideCompletion },
    reassign: { rule: canReassignTask, run: reassignLead },
  }[intent.data]
  const schema = taskFormSchemas[intent.data]
  const { rule, run } = server
  try {
    authorize(user, rule, access)
  } catch (error) {
    await discardUnrecorded(attachments)
    throw error
  }
  const submission = parseForm(formData, { schema })
  if (submission.status !== 'success') {
    await discardUnrecorded(attachments)
    return json({ intent: intent.data, result: submission.reply() }, { status: 400 })
  }
  try {
    ;(run as (options: { taskId: number; who: typeof user & { ip?: string }; input: unknown; attachments: StoredFile[] }) => void)({ taskId: id, who: { ...user, ip: context.ip }, input: submission.value, attachments })
  } catch (error) {
    await discardUnrecorded(attachments)
    return json({ intent: intent.data, result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast(`/tasks/${id}`, { key: 'tasks.saved' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.tasks') }]

/** One small form per intent, each keeping its own input and errors. */
function IntentForm({ intent, title, lastResult, children, submit, extraButtons }: { intent: Intent; title: string; lastResult?: SubmissionResult<string[]>; children: (fields: Record<string, { id: string; name: string; errors?: string[]; initialValue?: unknown }>) => ReactNode; submit: string; extraButtons?: ReactNode }) {
  const navigation = useNavigation()
  const { t } = useTranslation()
  const { accept, maxMb } = useLoaderData<typeof loader>()
  const check = useLazyValidation(() => import('~/features/tasks/schemas').then((m) => m.taskFormSchemas[intent]), { shouldRevalidate: 'onInput' })
  const [form, fields] = useForm({ id: `task-${intent}`, lastResult, ...check.options })
  const files = withFiles.includes(intent)
  const fileErrors = (lastResult?.error as Record<string, string[] | null> | undefined)?.files ?? undefined
  return (
    <Card title={title}>
      <Form method="post" resetOnSuccess action={files ? `?intent=${intent}` : undefined} encType={files ? 'multipart/form-data' : undefined} className="space-y-3" {...getFormProps(form)} onFocus={check.start}>
        <input type="hidden" name="intent" value={intent} />
        <FormErrors id={form.errorId} errors={form.errors} />
        {children(fields as never)}
        {files ? (
          <div>
            <label htmlFor={`task-${intent}-files`} className="mb-1 block text-sm font-medium text-stone-800">
              {t('tasks.attachments')}
            </label>
            <input
              id={`task-${intent}-files`}
              name="files"
              type="file"
              multiple
              accept={accept}
              aria-describedby={`task-${intent}-files-hint${fileErrors ? ` task-${intent}-files-error` : ''}`}
              aria-invalid={fileErrors ? true : undefined}
              className="block w-full text-sm"
            />
            <p id={`task-${intent}-files-hint`} className="mt-1 text-sm text-stone-600">
              {t('tasks.attachmentsHint', { mb: maxMb })}
            </p>
            <ErrorList id={`task-${intent}-files-error`} errors={fileErrors} />
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name={extraButtons ? 'approve' : undefined} value={extraButtons ? 'on' : undefined} disabled={navigation.state === 'submitting'}>
            {submit}
          </Button>
          {extraButtons}
        </div>
      </Form>
    </Card>
  )
}

export default function TaskPage() {
  const { task: loaded, version, may, units } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  // Reports, decisions and the status arrive pushed; a new lead unit changes who may do what.
  const task = useLiveView(rooms.task(loaded.id), version, loaded, { reduce: (current, pushed: typeof loaded | null) => pushed ?? current })
  useReloadWhenChanged(`${task.leadUnitId}:${task.coordinatingUnitIds.join(',')}`, `${loaded.leadUnitId}:${loaded.coordinatingUnitIds.join(',')}`)
  const last = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined)
  const open = !task.completedOn
  // Completion declared, not yet accepted: the unit waits for the decision; nothing else to report.
  const awaitingAcceptance = open && Boolean(task.completionDeclaredOn)
  const input = (f: { id: string; name: string; errors?: string[]; initialValue?: unknown }, type: string) => getInputProps(f as never, { type: type as 'text' })
  const area = (f: { id: string; name: string; errors?: string[]; initialValue?: unknown }) => getTextareaProps(f as never)
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-stone-600">
          {task.numberFormatted ?? t('tasks.notice')} · <Link to={`/meetings/${task.meetingId}`}>{task.meetingTitle}</Link>
        </p>
        <h1>{task.content}</h1>
        <p className="mt-1 flex flex-wrap gap-2">
          <span className="rounded bg-stone-200 px-2 py-0.5 text-sm font-medium" data-testid="task-status">
            {awaitingAcceptance ? t('tasks.awaitingAcceptance', { date: formatDay(task.completionDeclaredOn!) }) : t(`taskStatus.${task.status}`)}
          </span>
          {task.status === 'overdue' || task.status === 'done_late' ? <span className="text-sm text-red-900">{t('tasks.daysOverdue', { count: task.daysOverdue })}</span> : null}
        </p>
      </div>
      <Card>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-stone-700">{t('tasks.deadline')}</dt>
          <dd>
            {task.deadline ? formatDay(task.deadline) : t('tasks.standing', { cycle: t(`cycles.${task.standingCycle}`) })}
            {task.originalDeadline ? ` (${t('tasks.originally', { date: formatDay(task.originalDeadline) })})` : ''}
          </dd>
          <dt className="font-medium text-stone-700">{t('tasks.lead')}</dt>
          <dd>{task.leadUnitName}</dd>
          <dt className="font-medium text-stone-700">{t('tasks.coordinating')}</dt>
          <dd data-testid="task-coordinating">{task.coordinatingUnits.length ? task.coordinatingUnits.join('; ') : t('tasks.noCoordinating')}</dd>
          <dt className="font-medium text-stone-700">{t('tasks.followingLeader')}</dt>
          <dd data-testid="task-leader">{task.followingLeaderName ?? t('tasks.noFollowingLeader')}</dd>
          <dt className="font-medium text-stone-700">{t('tasks.progress')}</dt>
          <dd data-testid="task-progress">{task.progress}%</dd>
        </dl>
        <figure className="mt-4 border-l-4 border-stone-300 pl-3">
          <figcaption className="text-sm font-medium text-stone-700">{t('tasks.noticeSentence')}</figcaption>
          <blockquote className="mt-1 text-stone-900" data-testid="task-sentence">
            {task.sentence}
          </blockquote>
        </figure>
      </Card>
      {may.report && open && !awaitingAcceptance ? (
        <>
          <IntentForm intent="progress" title={t('tasks.reportProgress')} lastResult={last('progress')} submit={t('tasks.reportProgress')}>
            {(f) => (
              <>
                <Field label={t('tasks.percent')} inputProps={{ ...input(f.percent!, 'number'), min: 0, max: 100 }} errors={f.percent!.errors} />
                <TextareaField label={t('tasks.text')} textareaProps={area(f.text!)} errors={f.text!.errors} />
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="obstacle" value="on" className="h-5 w-5 accent-brand-600" />
                  {t('tasks.obstacle')}
                </label>
              </>
            )}
          </IntentForm>
          {task.deadline && !task.pendingDeadline ? (
            <IntentForm intent="extension" title={t('tasks.requestExtension')} lastResult={last('extension')} submit={t('tasks.requestExtension')}>
              {(f) => (
                <>
                  <DateField id={f.newDeadline!.id} label={t('tasks.newDeadline')} name={f.newDeadline!.name} defaultValue={f.newDeadline!.initialValue} errors={f.newDeadline!.errors} />
                  <TextareaField label={t('tasks.reason')} textareaProps={{ ...area(f.reason!), rows: 2 }} errors={f.reason!.errors} />
                </>
              )}
            </IntentForm>
          ) : null}
          {!task.completionDeclaredOn ? (
            <IntentForm intent="completion" title={t('tasks.declareCompletion')} lastResult={last('completion')} submit={t('tasks.declareCompletion')}>
              {(f) => (
                <>
                  <DateField id={f.completedOn!.id} label={t('tasks.completedOn')} name={f.completedOn!.name} defaultValue={f.completedOn!.initialValue} errors={f.completedOn!.errors} />
                  <TextareaField label={t('tasks.text')} textareaProps={area(f.text!)} errors={f.text!.errors} />
                </>
              )}
            </IntentForm>
          ) : null}
        </>
      ) : null}
      {may.contribute ? (
        <IntentForm intent="contribution" title={t('tasks.contribute')} lastResult={last('contribution')} submit={t('tasks.contribute')}>
          {(f) => <TextareaField label={t('tasks.text')} textareaProps={area(f.text!)} errors={f.text!.errors} />}
        </IntentForm>
      ) : null}
      {may.decide && task.pendingDeadline ? (
        <IntentForm intent="extensionDecision" title={t('tasks.decideExtension', { date: formatDay(task.pendingDeadline) })} lastResult={last('extensionDecision')} submit={t('tasks.approve')} extraButtons={<Button type="submit" variant="danger">{t('tasks.reject')}</Button>}>
          {(f) => <TextareaField label={t('tasks.reason')} textareaProps={{ ...area(f.reason!), rows: 2 }} errors={f.reason!.errors} />}
        </IntentForm>
      ) : null}
      {may.decide && task.completionDeclaredOn && open ? (
        <IntentForm intent="completionDecision" title={t('tasks.decideCompletion', { date: formatDay(task.completionDeclaredOn) })} lastResult={last('completionDecision')} submit={t('tasks.approve')} extraButtons={<Button type="submit" variant="danger">{t('tasks.reject')}</Button>}>
          {(f) => <TextareaField label={t('tasks.reason')} textareaProps={{ ...area(f.reason!), rows: 2 }} errors={f.reason!.errors} />}
        </IntentForm>
      ) : null}
      {may.reassign && open ? (
        <IntentForm intent="reassign" title={t('tasks.reassign')} lastResult={last('reassign')} submit={t('tasks.reassign')}>
          {(f) => (
            <>
              <SelectField label={t('tasks.newLead')} selectProps={getSelectProps(f.leadUnitId as never)} options={units.filter((u) => u.value !== String(task.leadUnitId))} placeholder={t('conclusion.choose')} errors={f.leadUnitId!.errors} />
              <TextareaField label={t('tasks.reason')} textareaProps={{ ...area(f.reason!), rows: 2 }} errors={f.reason!.errors} />
            </>
          )}
        </IntentForm>
      ) : null}
      <Card title={t('tasks.history')}>
        <ol className="space-y-2" data-testid="task-history">
          {task.history.map((e) => (
            <li key={e.id}>
              <span className="font-medium">{t(`taskEvents.${e.kind}`)}</span> · {formatDateTime(e.at)}
              {e.actorName ? <span data-testid="task-event-actor"> · {e.unitName ? t('tasks.actedFor', { name: e.actorName, unit: e.unitName }) : e.actorName}</span> : null}
              {e.percent != null ? ` · ${e.percent}%` : ''}
              {e.fromValue && e.toValue && e.kind.startsWith('extension') ? ` · ${formatDay(e.fromValue)} → ${formatDay(e.toValue)}` : ''}
              {e.text ? <span className="block whitespace-pre-line text-stone-700">{e.text}</span> : null}
              {e.files.length ? (
                <ul className="mt-1 text-sm">
                  {e.files.map((f) => (
                    <li key={f.id}>
                      <a href={`/tasks/${task.id}/files/${f.id}`} download className="underline">
                        {f.name}
                      </a>{' '}
                      <span className="text-stone-600">({Math.max(1, Math.round(f.size / 1024))} KB)</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
