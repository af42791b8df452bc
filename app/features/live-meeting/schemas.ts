import { z } from '~/core/zod'
import { passRules, speechKinds, voteChoices } from '#db/schema/enums'
import { idSchema, optionalText, requiredText } from '~/core/schemas'

/**
 * What the room's forms and API send. Page forms name an `intent`; each is one change of the
 * model (hall.server.ts). Messages are i18n keys.
 */
const code = z.string({ error: 'live.errors.codeInvalid' }).trim().regex(/^\d{6}$/, 'live.errors.codeInvalid')
const acknowledged = z.boolean().default(false)

const checkinSchema = z.object({ code, rulesAcknowledged: acknowledged })
export const speakRequestSchema = z.object({ kind: z.enum(speechKinds).default('normal'), note: optionalText(250) })
const openVoteSchema = z.object({
  question: requiredText(500),
  secret: z.boolean().default(false),
  passRule: z.enum(passRules).optional(),
  closesInMinutes: z.number().int().min(1, 'validation.invalid').max(120, 'validation.invalid').optional(),
})
export const ballotSchema = z.object({ choice: z.enum(voteChoices, { error: 'live.errors.choiceRequired' }) })

export const hallIntentSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('session.open') }),
  z.object({ intent: z.literal('session.suspend') }),
  z.object({ intent: z.literal('session.resume') }),
  z.object({ intent: z.literal('session.close') }),
  z.object({ intent: z.literal('agenda.go'), itemId: idSchema }),
  z.object({ intent: z.literal('agenda.next') }),
  z.object({ intent: z.literal('agenda.previous') }),
  z.object({ intent: z.literal('checkin'), ...checkinSchema.shape }),
  z.object({ intent: z.literal('checkin.online'), rulesAcknowledged: acknowledged }),
  z.object({ intent: z.literal('leave'), reason: requiredText(500) }),
  z.object({ intent: z.literal('attendance.mark'), userId: idSchema, state: z.enum(['present', 'online', 'absent', 'left']), reason: optionalText(500) }),
  z.object({ intent: z.literal('speak.request'), ...speakRequestSchema.shape }),
  z.object({ intent: z.literal('speak.withdraw'), speechId: idSchema }),
  z.object({ intent: z.literal('speak.add'), userId: idSchema, kind: z.enum(speechKinds).default('normal') }),
  z.object({ intent: z.literal('speak.move'), speechId: idSchema, direction: z.enum(['up', 'down']) }),
  z.object({ intent: z.literal('floor.give'), speechId: idSchema.optional() }),
  z.object({ intent: z.literal('floor.pause') }),
  z.object({ intent: z.literal('floor.resume') }),
  z.object({ intent: z.literal('floor.end') }),
  z.object({ intent: z.literal('floor.addTime'), seconds: z.union([z.literal(30), z.literal(60)]) }),
  z.object({ intent: z.literal('list.close') }),
  z.object({ intent: z.literal('list.open') }),
  z.object({ intent: z.literal('item.limit'), minutes: z.number().int().min(1, 'validation.invalid').max(60, 'validation.invalid').optional() }),
  z.object({ intent: z.literal('vote.open'), ...openVoteSchema.shape }),
  z.object({ intent: z.literal('vote.cast'), voteId: idSchema, ...ballotSchema.shape }),
  z.object({ intent: z.literal('vote.close'), voteId: idSchema }),
  z.object({ intent: z.literal('notes.save'), text: z.string().max(20_000, 'validation.tooLong').default('') }),
  z.object({ intent: z.literal('display.create'), label: optionalText(100) }),
  z.object({ intent: z.literal('display.revoke'), displayId: z.string().regex(/^[a-z2-7]{16,64}$/, 'validation.invalid') }),
])
export type HallIntent = z.infer<typeof hallIntentSchema>

/** Intents a delegate may send about themself; every other one needs whoever runs the meeting. */
export const SELF_INTENTS = new Set<HallIntent['intent']>(['checkin', 'checkin.online', 'leave', 'speak.request', 'speak.withdraw', 'vote.cast', 'notes.save'])
