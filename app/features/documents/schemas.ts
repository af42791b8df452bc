import { z } from '~/core/zod'
import { documentKinds } from '#db/schema/enums'
import { idSchema, optionalText, requiredText } from '~/core/schemas'

/** The upload form's fields (the file itself is checked by the file store). */
export const documentUploadSchema = z
  .object({
    title: requiredText(300),
    kind: z.enum(documentKinds, { error: 'validation.required' }),
    agendaItemId: idSchema.optional(),
    restricted: z.boolean().default(false),
    readerIds: z.array(idSchema).max(500).default([]),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.restricted && !v.readerIds.length) ctx.addIssue({ code: 'custom', path: ['readerIds'], message: 'document.readersRequired' })
  })

export const documentVersionSchema = z.object({ note: optionalText(1000) })
export const distributeSchema = z.object({ reason: optionalText(1000) })
export const noteSchema = z.object({ text: z.string().trim().max(20_000, 'validation.tooLong') })
export const opinionSchema = z.object({ text: requiredText(10_000) })
