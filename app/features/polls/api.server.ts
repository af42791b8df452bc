import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi'
import type { Router } from 'express'
import { z } from '~/core/zod'
import { pollStates } from '#db/schema/enums'
import { getCampaign, pollAccess, pollProgress, pollResults } from '~/features/polls/index.server'
import { DomainError } from '~/core/errors'
import { defineEndpoint } from '~/core/api/endpoint.server'

/** Confidence polls over the API: a campaign as its people see it (counts, never who), its results once published. */
const idParams = z.object({ id: z.coerce.number().int().positive() })

function seen(user: Parameters<typeof pollAccess>[0]['user'], id: number) {
  const access = pollAccess({ user, id })
  if (!access?.sees) throw new DomainError('polls.errors.notFound', 'not_found')
  return access
}

export function registerPollEndpoints(router: Router, registry: OpenAPIRegistry) {
  defineEndpoint(router, registry, {
    method: 'get',
    path: '/polls/:id',
    tag: 'Lấy phiếu tín nhiệm',
    summary: 'Đợt lấy phiếu: người được lấy phiếu, thời gian, trạng thái, số phiếu đã nhận và túc số (không bao giờ cho biết ai đã bỏ phiếu)',
    params: idParams,
    success: {
      status: 200,
      description: 'Đợt lấy phiếu',
      schema: z
        .object({
          id: z.number().int(),
          title: z.string(),
          legalBasis: z.string(),
          bodyName: z.string(),
          state: z.enum(pollStates),
          opensAt: z.string(),
          closesAt: z.string(),
          candidates: z.array(z.object({ id: z.number().int(), name: z.string(), post: z.string(), unitName: z.string().nullable() })),
          progress: z.object({ convened: z.number().int(), issued: z.number().int(), returned: z.number().int(), quorumNeeded: z.number().int() }),
        })
        .meta({ id: 'PollCampaign' }),
    },
    errors: [404],
    handler: ({ user, params }) => {
      seen(user, params.id)
      const c = getCampaign({ id: params.id })!
      const { state: _s, ...progress } = pollProgress({ id: params.id })!
      return { id: c.id, title: c.title, legalBasis: c.legalBasis, bodyName: c.bodyName, state: c.state, opensAt: c.opensAt.toISOString(), closesAt: c.closesAt.toISOString(), candidates: c.candidates.map(({ id, name, post, unitName }) => ({ id, name, post, unitName })), progress }
    },
  })

  defineEndpoint(router, registry, {
    method: 'get',
    path: '/polls/:id/results',
    tag: 'Lấy phiếu tín nhiệm',
    summary: 'Kết quả đã công bố: từng người — phiếu phát ra, thu về, hợp lệ, không hợp lệ, số và tỷ lệ (trên số phiếu thu về) mỗi mức, ngưỡng 1/2 và 2/3 tín nhiệm thấp',
    params: idParams,
    success: {
      status: 200,
      description: 'Kết quả',
      schema: z
        .object({
          convened: z.number().int(),
          returned: z.number().int(),
          quorumMet: z.boolean(),
          people: z.array(z.object({ name: z.string(), post: z.string(), issued: z.number().int(), returned: z.number().int(), valid: z.number().int(), invalid: z.number().int(), high: z.number().int(), normal: z.number().int(), low: z.number().int(), percent: z.object({ high: z.number(), normal: z.number(), low: z.number() }), threshold: z.enum(['none', 'over_half', 'two_thirds']) })),
        })
        .meta({ id: 'PollResults' }),
    },
    errors: [404],
    handler: ({ user, params }) => {
      const access = seen(user, params.id)
      if (access.state !== 'published') throw new DomainError('polls.errors.notClosed', 'not_found')
      const r = pollResults({ id: params.id })!
      return { convened: r.convened, returned: r.returned, quorumMet: r.quorumMet, people: r.people.map(({ name, post, issued, returned, valid, invalid, high, normal, low, percent, threshold }) => ({ name, post, issued, returned, valid, invalid, high, normal, low, percent, threshold })) }
    },
  })
}
