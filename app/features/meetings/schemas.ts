import { z } from '~/core/zod'
import { isValidDate } from '~/core/days'
import { meetingModes, passRules, programmePeriods, quorumRules, roles, substituteRules } from '#db/schema/enums'
import { idSchema, optionalText, requiredText } from '~/core/schemas'
import { cleanText } from '~/core/text'

/** The longest lists a meeting accepts (a 500-person conference fits with room to spare). */
export const LIMITS = { agendaItems: 100, people: 2000, units: 500, titleChars: 1000 } as const

export const dateSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .refine((v) => isValidDate(v), 'validation.date')
export const timeSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.time')

const days = (max: number) => z.number({ error: 'validation.required' }).int('validation.invalid').min(0, 'validation.invalid').max(max, 'validation.invalid')

export const meetingTypeInputSchema = z.object({
  name: requiredText(120),
  documentLeadDays: days(30),
  conclusionDeadlineDays: days(60),
  speakingLimitMinutes: z.number({ error: 'validation.required' }).int().min(1, 'validation.invalid').max(60, 'validation.invalid'),
  maxDurationMinutes: z.number().int().min(15, 'validation.invalid').max(24 * 60, 'validation.invalid').nullable().optional(),
  defaultRoles: z.array(z.enum(roles)).default([]),
  defaultUnitIds: z.array(idSchema).default([]),
  defaultGroupIds: z.array(idSchema).default([]),
  substituteRule: z.enum(substituteRules).default('office'),
  // The meeting in session (issue 11): lateness, quorum, votes, debate, the rules delegates acknowledge.
  graceMinutes: z.number().int().min(0, 'validation.invalid').max(120, 'validation.invalid').default(10),
  quorumRule: z.enum(quorumRules).default('two_thirds'),
  passRule: z.enum(passRules).default('half_of_convened'),
  debateLimitSeconds: z.number().int().min(15, 'validation.invalid').max(600, 'validation.invalid').default(60),
  substitutesVote: z.boolean().default(false),
  rulesText: z.string().overwrite(cleanText).trim().max(5000, 'validation.tooLong').optional().transform((v) => v || null),
  active: z.boolean().default(true),
})
export type MeetingTypeInput = z.infer<typeof meetingTypeInputSchema>

export const calendarOverrideSchema = z.object({
  date: dateSchema,
  kind: z.enum(['day_off', 'working_day'], { error: 'validation.required' }),
  note: requiredText(200),
})

export const programmeInputSchema = z
  .object({
    issuingUnitId: idSchema,
    year: z.number({ error: 'validation.required' }).int().min(2000, 'validation.invalid').max(2100, 'validation.invalid'),
    period: z.enum(programmePeriods),
    periodNumber: z.number().int().min(1).max(12).nullable().optional(),
    title: requiredText(200),
  })
  .superRefine((v, ctx) => {
    if (v.period === 'quarter' && !(v.periodNumber && v.periodNumber <= 4)) ctx.addIssue({ code: 'custom', path: ['periodNumber'], message: 'programme.quarterRequired' })
    if (v.period === 'month' && !v.periodNumber) ctx.addIssue({ code: 'custom', path: ['periodNumber'], message: 'programme.monthRequired' })
  })
export type ProgrammeInput = z.infer<typeof programmeInputSchema>

const itemFields = {
  content: requiredText(LIMITS.titleChars),
  meetingTypeId: idSchema.nullable().optional(),
  presidingUserId: idSchema.nullable().optional(),
  preparingUnitId: idSchema.nullable().optional(),
  plannedMonth: z.number({ error: 'validation.required' }).int().min(1, 'validation.month').max(12, 'validation.month'),
  plannedDate: dateSchema.nullable().optional(),
  notes: optionalText(2000).nullable(),
}
export const programmeItemInputSchema = z.object(itemFields).superRefine((v, ctx) => {
  if (v.plannedDate && Number(v.plannedDate.slice(5, 7)) !== v.plannedMonth)
    ctx.addIssue({ code: 'custom', path: ['plannedDate'], message: 'programme.dateOutsideMonth' })
})
export type ProgrammeItemInput = z.infer<typeof programmeItemInputSchema>
export const programmeItemApiSchema = z.object({ programmeId: idSchema, ...itemFields }).strict()

export const itemStatusChangeSchema = z.object({
  status: z.enum(['postponed', 'cancelled', 'planned', 'held']),
  reason: optionalText(1000),
}).superRefine((v, ctx) => {
  if ((v.status === 'postponed' || v.status === 'cancelled') && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'meeting.reasonRequired' })
})
export const itemMoveSchema = z.object({ targetYear: z.number().int().min(2000).max(2100), targetMonth: z.number().int().min(1).max(12), reason: requiredText(1000) })

const agendaItemSchema = z.object({
  title: requiredText(500),
  presenterUserId: idSchema.nullable().optional(),
  presenterUnitId: idSchema.nullable().optional(),
  plannedMinutes: z.number().int().min(1, 'validation.invalid').max(600, 'validation.invalid').nullable().optional(),
})

const meetingFields = z.object({
    // As long as a programme item's content (a meeting made from one takes it as its title).
    title: requiredText(LIMITS.titleChars),
    meetingTypeId: idSchema,
    programmeItemId: idSchema.nullable().optional(),
    offProgrammeReason: optionalText(1000).nullable(),
    urgent: z.boolean().default(false),
    chairUserId: idSchema,
    date: dateSchema,
    startTime: timeSchema,
    endTime: timeSchema,
    mode: z.enum(meetingModes, { error: 'validation.required' }),
    location: optionalText(300).nullable(),
    joinUrl: z.url({ protocol: /^https?$/, error: 'validation.url' }).optional().nullable(),
    preparingUnitId: idSchema.nullable().optional(),
    // Bounded lists: a meeting has at most 100 agenda items and 2,000 invitees by name.
    agenda: z.array(agendaItemSchema).max(LIMITS.agendaItems, 'validation.tooMany').default([]),
    memberUserIds: z.array(idSchema).max(LIMITS.people, 'validation.tooMany').default([]),
    memberRoles: z.array(z.enum(roles)).max(roles.length, 'validation.tooMany').default([]),
    memberGroupIds: z.array(idSchema).max(LIMITS.units, 'validation.tooMany').default([]),
    guestUnitIds: z.array(idSchema).max(LIMITS.units, 'validation.tooMany').default([]),
    guestUserIds: z.array(idSchema).max(LIMITS.people, 'validation.tooMany').default([]),
    secretaryUserId: idSchema.nullable().optional(),
    confirmConflicts: z.boolean().default(false),
})

function meetingRules(v: z.infer<typeof meetingFields>, ctx: z.RefinementCtx) {
  if (!v.programmeItemId && !v.offProgrammeReason)
    ctx.addIssue({ code: 'custom', path: ['offProgrammeReason'], message: 'meeting.offProgrammeReasonRequired' })
  if (v.endTime <= v.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'meeting.endBeforeStart' })
  if (v.mode !== 'in_person' && !v.joinUrl) ctx.addIssue({ code: 'custom', path: ['joinUrl'], message: 'meeting.joinUrlRequired' })
  if (v.mode !== 'online' && !v.location) ctx.addIssue({ code: 'custom', path: ['location'], message: 'meeting.locationRequired' })
}

/** What the meeting form sends; times are local (Asia/Ho_Chi_Minh). */
export const meetingFormSchema = meetingFields.superRefine(meetingRules)
export type MeetingFormInput = z.infer<typeof meetingFormSchema>
/** The same for the API, where unknown fields are refused. */
export const meetingApiSchema = meetingFields.strict().superRefine(meetingRules)

/** A local date and time in Vietnam (UTC+7, no daylight saving) as an instant. */
export function vietnamInstant(date: string, time: string) {
  return new Date(`${date}T${time}:00+07:00`)
}

export const rsvpSchema = z
  .object({
    response: z.enum(['attending', 'declined', 'substituted'], { error: 'validation.required' }),
    reason: optionalText(1000),
    substituteUserId: idSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.response === 'declined' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'meeting.declineReasonRequired' })
    if (v.response === 'substituted' && !v.substituteUserId) ctx.addIssue({ code: 'custom', path: ['substituteUserId'], message: 'meeting.substituteRequired' })
  })
export type RsvpInput = z.infer<typeof rsvpSchema>

export const meetingStatusSchema = z
  .object({ status: z.enum(['held', 'postponed', 'cancelled']), reason: optionalText(1000) })
  .superRefine((v, ctx) => {
    if (v.status !== 'held' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'meeting.reasonRequired' })
  })
