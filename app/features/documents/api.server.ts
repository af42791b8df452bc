import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Request as ExpressRequest, Router } from 'express'
import { z } from '~/core/zod'
import { addVersion, createDocument, distributeDocuments, distributeSchema, documentPresenters, documentUploadSchema, documentVersionSchema, findDocument, listMeetingDocuments, meetingReadiness, serveDocumentFile } from '~/features/documents/index.server'
import { DomainError } from '~/core/errors'
import { discardUnrecorded, type StoredFile } from '~/core/files.server'
import { readUpload } from '~/core/uploads.server'
import { findMeeting } from '~/features/meetings/index.server'
import { authorize, can } from '~/core/permissions.server'
import { canAddDocumentVersion, canListMeetingDocuments, canSeeReadiness, canUploadDocuments } from '~/features/documents/index.server'
import { documentKinds } from '#db/schema/documents'
import { defineEndpoint } from '~/core/api/endpoint.server'
import { sendWebResponse, webRequest } from '~/core/api/web.server'

const idParams = z.object({ id: z.coerce.number().int().positive() })

const documentSchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    kind: z.enum(documentKinds),
    restricted: z.boolean(),
    distributedAt: z.string().nullable(),
    version: z.number().int(),
    name: z.string(),
    size: z.number().int(),
    mime: z.string(),
    agendaTitle: z.string().nullable(),
    readState: z.enum(['read', 'unread', 'changed']),
  })
  .meta({ id: 'Document' })



/**
 * One file and its fields from a multipart request: the fields are checked, then `store` runs; if
 * anything fails, stored content that no row refers to is removed.
 */
async function withUploadedFile<F, T>(req: ExpressRequest, parse: (fields: FormData) => F, store: (fields: F, file: StoredFile) => T) {
  const upload = await readUpload(webRequest(req), { fileFields: ['file'], maxFiles: 1 })
  try {
    const fields = parse(upload.fields)
    if (!upload.files[0]) throw new DomainError('document.fileRequired', 'invalid', 'file')
    return store(fields, upload.files[0])
  } catch (error) {
    await discardUnrecorded(upload.files)
    throw error
  }
}

function uploadFields(fields: FormData) {
  return { ...Object.fromEntries(fields), restricted: fields.get('restricted') === 'true' || fields.get('restricted') === 'on', readerIds: fields.getAll('readerIds').map(Number), agendaItemId: fields.get('agendaItemId') ? Number(fields.get('agendaItemId')) : undefined }
}

export function registerDocumentEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/documents',
    tag: 'Tài liệu',
    summary: 'Tài liệu của cuộc họp mà người gọi được xem, với trạng thái đã đọc của họ',
    params: idParams,
    success: { status: 200, description: 'Các tài liệu', schema: z.object({ items: z.array(documentSchema) }) },
    errors: [403, 404],
    handler: ({ params, user }) => {
      const { access } = findMeeting(params.id)
      authorize(user, canListMeetingDocuments, access, documentPresenters({ meetingId: params.id }))
      return { items: listMeetingDocuments({ meetingId: params.id, user }).map((d) => ({ ...d, distributedAt: d.distributedAt?.toISOString() ?? null })) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/documents',
    tag: 'Tài liệu',
    summary: 'Tải lên tài liệu (multipart: file và các trường; Văn phòng hoặc người trình bày). Loại tệp xác định theo nội dung',
    params: idParams,
    multipart: z.object({ file: z.string().meta({ format: 'binary' }), title: z.string(), kind: z.enum(documentKinds), agendaItemId: z.number().int().optional(), restricted: z.boolean().optional(), readerIds: z.array(z.number().int()).optional() }),
    success: { status: 201, description: 'Tài liệu đã tạo', schema: z.object({ id: z.number().int(), version: z.number().int() }) },
    errors: [400, 403, 404, 413],
    handler: async ({ req, params, user }) => {
      findMeeting(params.id)
      authorize(user, canUploadDocuments, documentPresenters({ meetingId: params.id }))
      return withUploadedFile(
        req,
        (fields) => documentUploadSchema.parse(uploadFields(fields)),
        (fields, file) => ({ id: createDocument({ meetingId: params.id, who: { id: user.id, ip: req.ip, office: can(user, 'meetings.manage') }, input: fields, file }), version: 1 }),
      )
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/documents/:id/versions',
    tag: 'Tài liệu',
    summary: 'Tải lên phiên bản mới (multipart: file, note); người đã đọc bản trước được báo và trạng thái đọc bắt đầu lại',
    params: idParams,
    multipart: z.object({ file: z.string().meta({ format: 'binary' }), note: z.string().optional() }),
    success: { status: 201, description: 'Phiên bản mới', schema: z.object({ id: z.number().int(), version: z.number().int() }) },
    errors: [400, 403, 404, 413],
    handler: async ({ req, params, user }) => {
      authorize(user, canAddDocumentVersion, findDocument(params.id).access)
      return withUploadedFile(
        req,
        (fields) => documentVersionSchema.parse(Object.fromEntries(fields)),
        (fields, file) => ({ id: params.id, version: addVersion({ documentId: params.id, who: { id: user.id, ip: req.ip }, note: fields.note ?? null, file }) }),
      )
    },
  })

  defineEndpoint(router, registry, {
    method: 'post',
    path: '/meetings/:id/documents/distribution',
    tag: 'Tài liệu',
    summary: 'Phát hành các tài liệu chưa phát hành (Văn phòng); quá hạn thì phải có lý do',
    params: idParams,
    body: distributeSchema.strict(),
    success: { status: 200, description: 'Số tài liệu đã phát hành', schema: z.object({ distributed: z.number().int() }) },
    errors: [400, 403, 404, 409],
    handler: ({ req, params, body, user }) => {
      findMeeting(params.id)
      authorize(user, 'meetings.manage')
      return { distributed: distributeDocuments({ meetingId: params.id, who: { id: user.id, ip: req.ip }, reason: body.reason ?? null }) }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/documents/:id/file',
    tag: 'Tài liệu',
    summary: 'Tải tệp tài liệu (ghi nhận đã đọc; hỗ trợ Range; tài liệu Mật dạng PDF có dấu chìm tên người xem)',
    params: idParams,
    query: z.object({ version: z.coerce.number().int().positive().optional() }).strict(),
    raw: { contentType: 'application/octet-stream' },
    success: { status: 200, description: 'Nội dung tệp' },
    errors: [403, 404],
    handler: async ({ req, res, params, query, user }) => {
      await sendWebResponse(res, await serveDocumentFile(webRequest(req), user, params.id, { version: query.version, ip: req.ip }))
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/readiness',
    tag: 'Tài liệu',
    summary: 'Ai đã đọc, ai chưa đọc từng tài liệu đã phát hành (Văn phòng, người chủ trì)',
    params: idParams,
    success: {
      status: 200,
      description: 'Tình hình đọc tài liệu',
      schema: z.object({ items: z.array(z.object({ id: z.number().int(), title: z.string(), version: z.number().int(), read: z.number().int(), total: z.number().int(), people: z.array(z.object({ id: z.number().int(), name: z.string(), read: z.boolean() })) })) }),
    },
    errors: [403, 404],
    handler: ({ params, user }) => {
      const { access } = findMeeting(params.id)
      authorize(user, canSeeReadiness, access)
      return { items: meetingReadiness({ meetingId: params.id }) }
    },
  })
}
