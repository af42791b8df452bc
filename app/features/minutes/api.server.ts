import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { minutesAccess, minutesFile, minutesForExport } from '~/features/minutes/index.server'
import { DomainError } from '~/core/errors'
import { sendWebResponse } from '~/core/api/web.server'
import { defineEndpoint } from '~/core/api/endpoint.server'

/** Approved minutes over the API, by the page's rules (those who write them, and everyone who may view the meeting once shared). */
const idParams = z.object({ id: z.coerce.number().int().positive() })

function approvedFor(user: Parameters<typeof minutesAccess>[0]['user'], meetingId: number) {
  const access = minutesAccess({ user, meetingId })
  if (!access.canRead || !access.state.approved) throw new DomainError('minutes.errors.notApproved', 'not_found')
  return access.state.approved
}

export function registerMinutesEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/minutes',
    tag: 'Biên bản',
    summary: 'Biên bản đã duyệt của cuộc họp: số, ngày duyệt, người ký, nội dung (JSON Tiptap và HTML)',
    params: idParams,
    success: {
      status: 200,
      description: 'Biên bản đã duyệt',
      schema: z
        .object({
          numberFormatted: z.string(),
          approvedOn: z.string(),
          version: z.number().int(),
          signatories: z.object({ chair: z.object({ name: z.string(), post: z.string().nullable() }), taker: z.object({ name: z.string(), post: z.string().nullable() }).nullable() }),
          content: z.record(z.string(), z.unknown()),
          html: z.string(),
        })
        .meta({ id: 'Minutes' }),
    },
    errors: [404],
    handler: ({ user, params }) => {
      const m = approvedFor(user, params.id)
      return { numberFormatted: m.numberFormatted!, approvedOn: m.approvedOn!, version: m.version, signatories: m.signatories!, content: m.content, html: m.html ?? '' }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/meetings/:id/minutes/file',
    tag: 'Biên bản',
    summary: 'Tệp biên bản đã duyệt (DOCX hoặc PDF, thể thức văn bản của Đảng)',
    params: idParams,
    query: z.object({ format: z.enum(['docx', 'pdf']).default('docx') }).strict(),
    raw: { contentType: 'application/octet-stream' },
    success: { status: 200, description: 'Tệp biên bản' },
    errors: [404],
    handler: async ({ res, user, params, query }) => {
      approvedFor(user, params.id)
      await sendWebResponse(res, await minutesFile(minutesForExport({ meetingId: params.id, which: 'approved' })!, query.format))
    },
  })
}
