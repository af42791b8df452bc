import { OpenAPIRegistry, type ResponseConfig } from '@asteasolutions/zod-to-openapi'
import type { Request, Response, Router } from 'express'
import { z } from '~/core/zod'
import type { SessionUser } from '~/features/directory/index.server'
import { currentUser } from './user.server'
import { apiErrorSchema, handle } from './errors.server'

type AnyObject = z.ZodObject<z.ZodRawShape>

export type EndpointContext<P, Q, B> = { req: Request; res: Response; user: SessionUser; params: P; query: Q; body: B }

export type Endpoint<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> = {
  method: 'get' | 'post' | 'patch' | 'delete'
  /** Express style, e.g. `/units/:id`. */
  path: string
  summary: string
  tag: string
  params?: P
  query?: Q
  body?: B
  /** A multipart/form-data body, described here and read by the handler itself (streamed). */
  multipart?: z.ZodType
  /** The handler writes the response itself (a file): `success.schema` is not used. */
  raw?: { contentType: string }
  /** Status and schema of the success response. */
  success: { status: 200 | 201 | 204; description: string; schema?: z.ZodType }
  /** Error statuses this endpoint can answer with (401 and 429 are added for all). */
  errors?: (400 | 403 | 404 | 409 | 413)[]
  handler: (ctx: EndpointContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => unknown
}

const errorDescriptions: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ (fields: thông báo theo từng trường)',
  401: 'Chưa xác thực',
  403: 'Không có quyền',
  404: 'Không tìm thấy',
  409: 'Xung đột với dữ liệu đã có',
  413: 'Dữ liệu gửi lên quá lớn',
  422: 'Khóa Idempotency-Key đã dùng cho một yêu cầu khác',
  429: 'Quá nhiều yêu cầu',
}

/** Every write may carry a key that makes a retry safe (server/api/v1/idempotency.ts). */
const idempotencyHeader = z.object({
  'Idempotency-Key': z.string().min(1).max(255).optional().meta({ description: 'Khóa tùy chọn (ví dụ một UUID) để gửi lại yêu cầu an toàn: cùng khóa, cùng yêu cầu thì nhận lại kết quả lần đầu, không ghi thêm; giữ 24 giờ.' }),
})

/**
 * Mounts an endpoint on the router *and* describes it in the OpenAPI registry from the same zod
 * schemas, so the document cannot drift from what the server validates.
 */
export function defineEndpoint<P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  router: Router,
  registry: OpenAPIRegistry,
  endpoint: Endpoint<P, Q, B>,
) {
  const responses: Record<string, ResponseConfig> = {
    [endpoint.success.status]: endpoint.success.schema
      ? { description: endpoint.success.description, content: { 'application/json': { schema: endpoint.success.schema } } }
      : { description: endpoint.success.description },
  }
  const writes = endpoint.method !== 'get'
  for (const status of [...(endpoint.errors ?? []), 401, 429, ...(writes ? [422] : [])]) {
    responses[status] = { description: errorDescriptions[status]!, content: { 'application/json': { schema: apiErrorSchema } } }
  }
  registry.registerPath({
    method: endpoint.method,
    path: endpoint.path.replace(/:(\w+)/g, '{$1}'),
    summary: endpoint.summary,
    tags: [endpoint.tag],
    security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    request: {
      ...(writes ? { headers: idempotencyHeader } : {}),
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { query: endpoint.query } : {}),
      ...(endpoint.body ? { body: { required: true, content: { 'application/json': { schema: endpoint.body } } } } : {}),
      ...(endpoint.multipart ? { body: { required: true, content: { 'multipart/form-data': { schema: endpoint.multipart } } } } : {}),
    },
    responses: endpoint.raw
      ? { ...responses, [endpoint.success.status]: { description: endpoint.success.description, content: { [endpoint.raw.contentType]: { schema: z.string().meta({ format: 'binary' }) } } } }
      : responses,
  })
  router[endpoint.method](
    endpoint.path,
    handle(async (req, res) => {
      const user = currentUser(req)
      const params = (endpoint.params ? endpoint.params.parse(req.params) : {}) as z.infer<P>
      const query = (endpoint.query ? endpoint.query.parse(req.query) : {}) as z.infer<Q>
      const body = (endpoint.body ? endpoint.body.parse(req.body ?? {}) : undefined) as z.infer<B>
      const result = await endpoint.handler({ req, res, user, params, query, body })
      if (endpoint.raw) return
      if (endpoint.success.status === 204) res.status(204).end()
      else res.status(endpoint.success.status).json(result)
    }),
  )
}
