import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { actorOf, requireUser } from '~/features/directory/index.server'
import { distributeSchema, UploadForm } from '~/features/documents'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import { documentsView, readinessView } from '~/features/dashboard/index.server'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { ErrorList } from '~/components/ui/field'
import { config } from '~/core/config.server'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime, formatDay } from '~/core/dates'
import { deleteDocument, distributeDocuments, documentPresenters, findDocument } from '~/features/documents/index.server'
import { redirectWithToast } from '~/core/toast.server'
import { ACCEPT_ATTRIBUTE } from '~/core/files.server'
import { findMeeting, getMeeting } from '~/features/meetings/index.server'
import { authorize } from '~/core/permissions.server'
import { canListMeetingDocuments, canSeeReadiness, canUploadDocuments } from '~/features/documents/index.server'
import { canManageMeetings } from '~/features/meetings/index.server'
import { documentKinds } from '#db/schema/enums'
import { pageTitle } from '~/i18n'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { id: meetingId, access } = findMeeting(params.meetingId)
  const presenters = documentPresenters({ meetingId })
  authorize(user, canListMeetingDocuments, access, presenters)
  const meeting = getMeeting({ id: meetingId })!
  const version = events.version()
  // The same list the documents room pushes to this person when something changes.
  const live = documentsView(meetingId)(user)
  const canManage = canManageMeetings(user)
  const canUpload = canUploadDocuments(user, presenters)
  return json({
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt, leadDays: meeting.leadDays },
    live,
    canManage,
    canUpload,
    version,
    readiness: canSeeReadiness(user, access) ? readinessView(meetingId) : null,
    agenda: meeting.agenda.map((a) => ({ id: a.id, title: a.title })),
    participants: meeting.participants.map((p) => ({ id: p.userId, name: p.fullName })),
    accept: ACCEPT_ATTRIBUTE,
    maxMb: config().MAX_UPLOAD_MB,
  })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, 'titles.documentsOf', { title: data?.meeting.title ?? '' }) }]

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { id: meetingId, access } = findMeeting(params.meetingId)
  authorize(user, canListMeetingDocuments, access, documentPresenters({ meetingId }))
  authorize(user, 'meetings.manage')
  const formData = await readForm(request)
  if (formData.get('intent') === 'delete') {
    const { id: documentId } = findDocument(String(formData.get('documentId') ?? ''), meetingId)
    deleteDocument({ documentId, who: actorOf(user, context) as { id: number } })
    return redirectWithToast(`/meetings/${meetingId}/documents`, { key: 'documents.deleted' })
  }
  const submission = parseForm(formData, { schema: distributeSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    const count = distributeDocuments({ meetingId, who: actorOf(user, context) as { id: number }, reason: submission.value.reason ?? null })
    return json({ result: submission.reply({ resetForm: true }), distributed: count })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error), distributed: 0 }, { status: statusOf(error) })
  }
}

function sizeLabel(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

export default function MeetingDocuments() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  // Uploads, versions, distribution and this person's own read marks: pushed to the documents room.
  const { timing, documents } = useLiveView(rooms.documents(data.meeting.id), data.version, data.live)
  const pending = documents.filter((d) => !d.distributedAt).length
  // Who has read what: pushed to the readiness room (the Office and the chair) on every opening.
  const readiness = useLiveView(data.readiness ? rooms.readiness(data.meeting.id) : null, data.version, data.readiness)?.documents ?? null
  const [form, fields] = useForm({ id: 'distribute', lastResult: actionData?.result, onValidate: ({ formData }) => parseWithZod(formData, { schema: distributeSchema }), shouldRevalidate: 'onBlur' })
  const id = useId()
  const timingText = timing.firstAt
    ? timing.lateBy
      ? t('documents.distributedLate', { days: timing.lateBy, date: formatDateTime(timing.firstAt) })
      : t('documents.distributedOnTime', { date: formatDateTime(timing.firstAt) })
    : t('documents.notDistributed')
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-stone-600">
          <Link to={`/meetings/${data.meeting.id}`}>{data.meeting.title}</Link> · {formatDateTime(data.meeting.startsAt)}
        </p>
        <h1>{t('documents.title')}</h1>
        <p className="mt-1 text-stone-700" data-testid="distribution-timing">
          {t('documents.deadline', { date: formatDay(timing.deadline), days: data.meeting.leadDays })} · {timingText}
          {timing.reason ? ` (${timing.reason})` : ''}
        </p>
      </div>

      <Card title={t('documents.list')}>
        {documents.length ? (
          <ul className="divide-y divide-stone-200" data-testid="documents">
            {documents.map((d) => (
              <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2" data-testid={`document-${d.id}`}>
                <span className="min-w-0 flex-1">
                  <Link to={`/documents/${d.id}`} className="font-medium">
                    {d.title}
                  </Link>
                  {d.restricted ? <span className="ml-2 rounded bg-red-100 px-1.5 text-sm font-semibold text-red-900">{t('documents.restricted')}</span> : null}
                  <span className="block text-sm text-stone-600">
                    {t(`documentKinds.${d.kind}`)}
                    {d.agendaTitle ? ` · ${d.agendaTitle}` : ''} · {t('documents.versionN', { n: d.version })} · {sizeLabel(d.size)}
                    {d.distributedAt ? '' : ` · ${t('documents.notYetDistributed')}`}
                  </span>
                </span>
                <span className="flex items-center gap-3 text-sm">
                  <span data-testid="read-state">{t(`documents.read_${d.readState}`)}</span>
                  {data.canManage ? (
                    <Form method="post" onSubmit={(e) => !confirm(t('documents.confirmDelete', { title: d.title })) && e.preventDefault()}>
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="documentId" value={d.id} />
                      <Button type="submit" variant="link" aria-label={t('documents.deleteNamed', { title: d.title })}>
                        {t('documents.delete')}
                      </Button>
                    </Form>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-600">{t('documents.none')}</p>
        )}
      </Card>

      {readiness ? (
        <Card title={t('documents.readiness')}>
          {readiness.length ? (
            <ul className="space-y-3" data-testid="readiness">
              {readiness.map((r) => (
                <li key={r.id}>
                  <p className="font-medium">
                    {r.title} · <span data-testid={`readiness-${r.id}`}>{t('documents.readCount', { read: r.read, total: r.total })}</span>
                  </p>
                  <p className="text-sm text-stone-700">
                    {t('documents.notReadBy')}: {r.people.filter((p) => !p.read).map((p) => p.name).join(', ') || '—'}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-stone-600">{t('documents.noneDistributed')}</p>
          )}
        </Card>
      ) : null}

      {data.canManage ? (
        <Card title={t('documents.distribute')}>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors errors={form.errors} />
            {actionData && 'distributed' in actionData && actionData.distributed ? (
              <p role="status" className="text-emerald-800">
                {t('documents.distributedCount', { count: actionData.distributed })}
              </p>
            ) : null}
            <p className="text-sm text-stone-700">{t('documents.pending', { count: pending })}</p>
            <div>
              <label htmlFor={fields.reason.id} className="mb-1 block text-sm font-medium">
                {t('documents.lateReason')}
                {timing.lateByIfNow > 0 && !timing.urgent ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
              </label>
              <textarea {...getTextareaProps(fields.reason)} rows={2} className="block w-full rounded-md border border-stone-400 px-3 py-2" aria-describedby={`${id}-late-hint`} />
              <p id={`${id}-late-hint`} className="mt-1 text-sm text-stone-600">
                {timing.lateByIfNow > 0 && !timing.urgent ? t('documents.lateNow', { days: timing.lateByIfNow }) : t('documents.lateReasonHint')}
              </p>
              <ErrorList errors={fields.reason.errors} />
            </div>
            <Button type="submit" disabled={navigation.state !== 'idle' || pending === 0}>
              {t('documents.distributeButton')}
            </Button>
          </Form>
        </Card>
      ) : null}

      {data.canUpload ? (
        <Card title={t('documents.upload')}>
          <UploadForm action={`/meetings/${data.meeting.id}/documents/upload`} submit={t('documents.uploadButton')} accept={data.accept} maxMb={data.maxMb}>
            {(errors) => (
              <>
                <div>
                  <label htmlFor={`${id}-title`} className="mb-1 block text-sm font-medium">
                    {t('documents.docTitle')} <span aria-hidden="true" className="text-red-800">*</span>
                  </label>
                  <input id={`${id}-title`} name="title" className="block min-h-10 w-full rounded-md border border-stone-400 px-3 py-2" aria-invalid={errors.title ? true : undefined} />
                  <ErrorList errors={errors.title} />
                </div>
                <div className="grid gap-3 sm:grid-cols-2">
                  <div>
                    <label htmlFor={`${id}-kind`} className="mb-1 block text-sm font-medium">
                      {t('documents.kind')}
                    </label>
                    <select id={`${id}-kind`} name="kind" className="block min-h-10 w-full rounded-md border border-stone-400 px-3 py-2">
                      {documentKinds.map((k) => (
                        <option key={k} value={k}>
                          {t(`documentKinds.${k}`)}
                        </option>
                      ))}
                    </select>
                    <ErrorList errors={errors.kind} />
                  </div>
                  <div>
                    <label htmlFor={`${id}-agenda`} className="mb-1 block text-sm font-medium">
                      {t('documents.agendaItem')}
                    </label>
                    <select id={`${id}-agenda`} name="agendaItemId" className="block min-h-10 w-full rounded-md border border-stone-400 px-3 py-2">
                      <option value="">{t('documents.wholeMeeting')}</option>
                      {data.agenda.map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.title}
                        </option>
                      ))}
                    </select>
                    <ErrorList errors={errors.agendaItemId} />
                  </div>
                </div>
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="restricted" value="on" className="h-5 w-5 accent-brand-600" />
                  {t('documents.restrictedLabel')}
                </label>
                <div>
                  <label htmlFor={`${id}-readers`} className="mb-1 block text-sm font-medium">
                    {t('documents.readers')}
                  </label>
                  <select id={`${id}-readers`} name="readerIds" multiple size={5} className="block w-full rounded-md border border-stone-400 px-2 py-1" aria-invalid={errors.readerIds ? true : undefined}>
                    {data.participants.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                  <ErrorList errors={errors.readerIds} />
                </div>
              </>
            )}
          </UploadForm>
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
