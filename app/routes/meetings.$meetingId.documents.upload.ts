import type { ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/features/directory/index.server'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { addVersion, createDocument, documentPresenters, findDocument } from '~/features/documents/index.server'
import { discardUnrecorded } from '~/core/files.server'
import { readUpload } from '~/core/uploads.server'
import { findMeeting } from '~/features/meetings/index.server'
import { authorize, can } from '~/core/permissions.server'
import { canAddDocumentVersion, canUploadDocuments } from '~/features/documents/index.server'
import { parseId } from '~/core/schemas'
import { documentUploadSchema, documentVersionSchema } from '~/features/documents'
import { parseForm } from '~/core/forms.server'

/**
 * Upload of a document or (with `documentId`) of its new version, sent by the page with
 * XMLHttpRequest so the browser can show progress. The uploader's rights are checked before the
 * body is read; the file is streamed to disk and checked; JSON answers say what went wrong beside
 * which field.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { id: meetingId } = findMeeting(params.meetingId)
  const presenters = documentPresenters({ meetingId })
  authorize(user, canUploadDocuments, presenters)
  const url = new URL(request.url)
  const versionOf = parseId(url.searchParams.get('documentId') ?? undefined)
  if (versionOf) authorize(user, canAddDocumentVersion, findDocument(versionOf, meetingId).access)
  const fail = (errors: Record<string, string[]>, status = 400) => Response.json({ ok: false, errors }, { status })
  let upload
  try {
    upload = await readUpload(request, { fileFields: ['file'], maxFiles: 1 })
  } catch (error) {
    if (error instanceof DomainError) return fail({ file: [error.message] })
    throw error
  }
  const file = upload.files[0]
  const ip = (context as { ip?: string }).ip
  try {
    if (versionOf) {
      const submission = parseForm(upload.fields, { schema: documentVersionSchema })
      if (submission.status !== 'success') return (await discardUnrecorded(upload.files), fail(submission.reply().error as Record<string, string[]>))
      if (!file) return fail({ file: ['document.fileRequired'] })
      const version = addVersion({ documentId: versionOf, who: { id: user.id, ip }, note: submission.value.note ?? null, file })
      return Response.json({ ok: true, documentId: versionOf, version })
    }
    const submission = parseForm(upload.fields, { schema: documentUploadSchema })
    if (submission.status !== 'success') return (await discardUnrecorded(upload.files), fail(submission.reply().error as Record<string, string[]>))
    if (!file) return fail({ file: ['document.fileRequired'] })
    const documentId = createDocument({ meetingId, who: { id: user.id, ip, office: can(user, 'meetings.manage') }, input: { ...submission.value, agendaItemId: submission.value.agendaItemId ?? null }, file })
    return Response.json({ ok: true, documentId, version: 1 })
  } catch (error) {
    await discardUnrecorded(upload.files)
    if (error instanceof DomainError) return fail({ [error.field ?? 'file']: [error.message] }, HTTP_STATUS_OF[error.kind])
    throw error
  }
}
