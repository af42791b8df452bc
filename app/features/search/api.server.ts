import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { SEARCH_LIMITS, searchEverything, searchKinds } from '~/features/search/index.server'
import { defineEndpoint } from '~/core/api/endpoint.server'

const hitSchema = z
  .object({ kind: z.enum(searchKinds), id: z.number().int(), title: z.string(), context: z.string().nullable(), href: z.string(), at: z.string().nullable() })
  .meta({ id: 'SearchHit' })

/** Global search over the API, by the page's rules: only what the caller may see. */
export function registerSearchEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/search',
    tag: 'Tìm kiếm',
    summary: 'Tìm cuộc họp, tài liệu, kết luận đã ban hành và nhiệm vụ người gọi được xem (không cần dấu: "duc" tìm thấy "Đức")',
    query: z.object({ q: z.string().max(SEARCH_LIMITS.queryChars), kind: z.enum(searchKinds).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }).strict(),
    success: { status: 200, description: 'Kết quả, tốt nhất trước', schema: z.object({ items: z.array(hitSchema), more: z.boolean() }) },
    errors: [400],
    handler: ({ user, query }) => {
      const { hits, more } = searchEverything({ user, q: query.q, limit: query.limit, kind: query.kind })
      return { items: hits, more }
    },
  })
}
