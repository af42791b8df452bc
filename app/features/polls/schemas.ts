import { z } from '~/core/zod'
import { roles } from '#db/schema/enums'
import { idSchema, requiredText } from '~/core/schemas'
import { dateSchema, timeSchema } from '~/features/meetings'

/** "Họ tên; Chức vụ; Đơn vị" per line → the people polled (at most 100). */
export function parseCandidates(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(';').map((part) => part.trim()))
    .filter((parts) => parts[0])
    .slice(0, 101)
    .map(([name, post, unitName]) => ({ name: name!.slice(0, 200), post: (post ?? '').slice(0, 300), unitName: unitName ? unitName.slice(0, 300) : null }))
}

export const campaignFormSchema = z
  .object({
    title: requiredText(500),
    legalBasis: requiredText(500),
    bodyName: requiredText(300),
    chairUserId: idSchema,
    opensDate: dateSchema,
    opensTime: timeSchema,
    closesDate: dateSchema,
    closesTime: timeSchema,
    allowSignature: z.boolean().default(false),
    candidates: requiredText(20_000),
    voterRoles: z.array(z.enum(roles)).max(6).default([]),
    voterUserIds: z.array(idSchema).max(2000, 'validation.tooMany').default([]),
    boardUserIds: z.array(idSchema).max(5, 'polls.errors.boardSize').default([]),
  })
  .superRefine((v, ctx) => {
    const people = parseCandidates(v.candidates)
    if (!people.length || people.some((p) => !p.post)) ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'polls.errors.noCandidates' })
    if (people.length > 100) ctx.addIssue({ code: 'custom', path: ['candidates'], message: 'validation.tooMany' })
  })
export type CampaignForm = z.infer<typeof campaignFormSchema>

const count = z.number({ error: 'validation.required' }).int().min(0, 'validation.invalid').max(100_000, 'validation.invalid')
export const pollIntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('open') }),
  z.object({ intent: z.literal('close') }),
  z.object({ intent: z.literal('publish') }),
  z.object({ intent: z.literal('paper'), rows: z.array(z.object({ candidateId: idSchema, issued: count, returned: count, high: count, normal: count, low: count, invalid: count })).min(1).max(100) }),
])
export type PollIntent = z.infer<typeof pollIntentSchema>

/** The cookie-less ballot: token and signature (base64), one mark or none per person polled. */
export const ballotBodySchema = z
  .object({
    token: z.string().max(200).regex(/^[A-Za-z0-9+/=]+$/),
    signature: z.string().max(800).regex(/^[A-Za-z0-9+/=]+$/),
    marks: z.record(z.string().regex(/^\d{1,12}$/), z.enum(['high', 'normal', 'low']).nullable()).refine((m) => Object.keys(m).length <= 100),
    signerName: z.string().max(200).nullable().optional(),
  })
  .strict()
export const tokenBodySchema = z.object({ blinded: z.string().max(800).regex(/^[A-Za-z0-9+/=]+$/) }).strict()
