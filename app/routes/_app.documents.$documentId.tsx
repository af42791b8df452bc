import { getFormProps, getTextareaProps, useForm } from '@conform-to/react'
import { type ActionFunctionArgs, json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useLazyValidation } from '~/components/ui/lazy-validation'
import pdfViewerCss from 'pdfjs-dist/web/pdf_viewer.css?url'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { actorOf, invariantResponse, requireUser } from '~/features/directory/index.server'
import { noteSchema, opinionSchema, PdfViewer, UploadForm } from '~/features/documents'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView, useReloadWhenChanged } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import type { DocumentsView } from '~/features/dashboard/index.server'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { ErrorList } from '~/components/ui/field'
import { config } from '~/core/config.server'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime } from '~/core/dates'
import { addOpinion, canConvertToPdf, findDocument, getDocument, getNote, listOpinions, saveNote } from '~/features/documents/index.server'
import { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES } from '~/core/files.server'
import { getMeeting } from '~/features/meetings/index.server'
import { authorize } from '~/core/permissions.server'
import { canAddDocumentVersion, canGiveOpinion, canOpenDocument, canReadOpinions } from '~/features/documents/index.server'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: pdfViewerCss }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { id, access } = findDocument(params.documentId)
  authorize(user, canOpenDocument, access)
  const doc = getDocument({ documentId: id })!
  const meeting = getMeeting({ id: access.meetingId })!
  const mayReadOpinions = canReadOpinions(user, access)
  return json({
    version: events.version(),
    doc: { id: doc.id, title: doc.title, kind: doc.kind, restricted: doc.restricted, currentVersion: doc.currentVersion, versions: doc.versions.map(({ sha256: _, ...v }) => v) },
    meeting: { id: meeting.id, title: meeting.title, startsAt: meeting.startsAt },
    note: getNote({ documentId: id, userId: user.id }),
    opinions: mayReadOpinions ? listOpinions({ documentId: id }) : listOpinions({ documentId: id }).filter((o) => o.userId === user.id),
    mayReadOpinions,
    mayOpine: canGiveOpinion(user, access) && new Date() < meeting.startsAt,
    mayUpload: canAddDocumentVersion(user, access),
    viewAsPdf: doc.versions[0]!.mime !== 'application/pdf' && canConvertToPdf(Object.entries(ACCEPTED_TYPES).find(([, m]) => m === doc.versions[0]!.mime)?.[0] ?? ''),
    accept: ACCEPT_ATTRIBUTE,
    maxMb: config().MAX_UPLOAD_MB,
  })
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.doc.title} · Nghị sự` : 'Nghị sự' }]

const intentSchema = z.enum(['note', 'opinion'])

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { id, access } = findDocument(params.documentId)
  authorize(user, canOpenDocument, access)
  const formData = await readForm(request)
  const intent = intentSchema.safeParse(formData.get('intent'))
  invariantResponse(intent.success, 'errors.badRequest', 400)
  if (intent.data === 'note') {
    const submission = parseForm(formData, { schema: noteSchema })
    if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), saved: false }, { status: 400 })
    saveNote({ documentId: id, userId: user.id, text: submission.value.text })
    return json({ intent: intent.data, result: submission.reply(), saved: true })
  }
  authorize(user, canGiveOpinion, access)
  const submission = parseForm(formData, { schema: opinionSchema })
  if (submission.status !== 'success') return json({ intent: intent.data, result: submission.reply(), saved: false }, { status: 400 })
  try {
    addOpinion({ documentId: id, who: actorOf(user, context) as { id: number }, text: submission.value.text })
  } catch (error) {
    return json({ intent: intent.data, result: replyWithDomainError(submission, error), saved: false }, { status: statusOf(error) })
  }
  return json({ intent: intent.data, result: submission.reply({ resetForm: true }), saved: true })
}

export default function DocumentPage() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  // A new version (or the document's removal) arrives in the meeting's documents room: read the page again for the new file.
  const liveVersion = useLiveView(rooms.documents(data.meeting.id), data.version, data.doc.currentVersion, {
    reduce: (current, pushed: DocumentsView) => pushed.documents.find((d) => d.id === data.doc.id)?.version ?? 0,
  })
  useReloadWhenChanged(String(liveVersion), String(data.doc.currentVersion))
  const current = data.doc.versions[0]!
  const noteCheck = useLazyValidation(() => import('~/features/documents/schemas').then((m) => m.noteSchema))
  const [noteForm, noteFields] = useForm({ id: 'note', lastResult: actionData?.intent === 'note' ? actionData.result : undefined, defaultValue: { text: data.note }, ...noteCheck.options })
  const opinionCheck = useLazyValidation(() => import('~/features/documents/schemas').then((m) => m.opinionSchema), { shouldRevalidate: 'onBlur' })
  const [opinionForm, opinionFields] = useForm({ id: 'opinion', lastResult: actionData?.intent === 'opinion' ? actionData.result : undefined, ...opinionCheck.options })
  const fileUrl = `/documents/${data.doc.id}/file`
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-stone-600">
          <Link to={`/meetings/${data.meeting.id}/documents`}>{data.meeting.title}</Link> · {formatDateTime(data.meeting.startsAt)}
        </p>
        <h1>
          {data.doc.title}
          {data.doc.restricted ? <span className="ml-2 rounded bg-red-100 px-1.5 align-middle text-base font-semibold text-red-900">{t('documents.restricted')}</span> : null}
        </h1>
        <p className="text-stone-700">
          {t(`documentKinds.${data.doc.kind}`)} · {t('documents.versionN', { n: data.doc.currentVersion })} · {current.name}
        </p>
        <a className={buttonClass('secondary', 'mt-2')} href={fileUrl}>
          {t('documents.download')}
        </a>
      </div>

      {current.mime === 'application/pdf' ? (
        <PdfViewer url={`${fileUrl}?inline`} />
      ) : data.viewAsPdf ? (
        <PdfViewer url={`${fileUrl}?inline&as=pdf`} />
      ) : (
        <p>{t('documents.noViewer')}</p>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t('documents.myNote')}>
          <Form method="post" {...getFormProps(noteForm)} className="space-y-2">
            <input type="hidden" name="intent" value="note" />
            <label htmlFor={noteFields.text.id} className="sr-only">
              {t('documents.myNote')}
            </label>
            <textarea {...getTextareaProps(noteFields.text)} rows={5} className="block w-full rounded-md border border-stone-400 px-3 py-2" data-testid="private-note" />
            <ErrorList errors={noteFields.text.errors} />
            {actionData?.intent === 'note' && actionData.saved ? (
              <p role="status" className="text-sm text-emerald-800">
                {t('documents.noteSaved')}
              </p>
            ) : null}
            <Button type="submit" variant="secondary" disabled={navigation.state !== 'idle'}>
              {t('documents.saveNote')}
            </Button>
          </Form>
        </Card>

        <Card title={t('documents.opinions')}>
          {data.opinions.length ? (
            <ul className="mb-3 space-y-2" data-testid="opinions">
              {data.opinions.map((o) => (
                <li key={o.id}>
                  <p className="text-sm font-medium">
                    {o.name} · {formatDateTime(o.createdAt)}
                  </p>
                  <p className="whitespace-pre-line">{o.text}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-3 text-stone-600">{t('documents.noOpinions')}</p>
          )}
          {data.mayOpine ? (
            <Form method="post" {...getFormProps(opinionForm)} className="space-y-2">
              <input type="hidden" name="intent" value="opinion" />
              <FormErrors errors={opinionForm.errors} />
              <label htmlFor={opinionFields.text.id} className="block text-sm font-medium">
                {t('documents.opinion')}
              </label>
              <textarea {...getTextareaProps(opinionFields.text)} rows={3} className="block w-full rounded-md border border-stone-400 px-3 py-2" />
              <ErrorList errors={opinionFields.text.errors} />
              <Button type="submit" disabled={navigation.state !== 'idle'}>
                {t('documents.sendOpinion')}
              </Button>
            </Form>
          ) : null}
        </Card>
      </div>

      <Card title={t('documents.versions')}>
        <ul className="space-y-1 text-sm" data-testid="versions">
          {data.doc.versions.map((v) => (
            <li key={v.version}>
              <a href={`${fileUrl}?version=${v.version}`} className="underline">{t('documents.versionN', { n: v.version })}</a> · {v.name} · {formatDateTime(v.uploadedAt)} · {v.uploadedByName}
              {v.note ? ` — ${v.note}` : ''}
            </li>
          ))}
        </ul>
        {data.mayUpload ? (
          <div className="mt-4">
            <h3 className="mb-2 font-semibold">{t('documents.newVersion')}</h3>
            <UploadForm action={`/meetings/${data.meeting.id}/documents/upload?documentId=${data.doc.id}`} submit={t('documents.uploadButton')} accept={data.accept} maxMb={data.maxMb}>
              {(errors) => (
                <div>
                  <label htmlFor="version-note" className="mb-1 block text-sm font-medium">
                    {t('documents.versionNote')}
                  </label>
                  <input id="version-note" name="note" className="block min-h-10 w-full rounded-md border border-stone-400 px-3 py-2" />
                  <ErrorList errors={errors.note} />
                </div>
              )}
            </UploadForm>
          </div>
        ) : null}
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
