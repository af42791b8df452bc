import { z } from '~/core/zod'
import { checkPassword } from '../password-policy'
import { locales, roles } from '#db/schema/enums'
import { idSchema, optionalText, requiredText } from '~/core/schemas'

export const usernameSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, 'user.usernameFormat')

export const newPasswordSchema = z.string({ error: 'validation.required' }).min(1, 'validation.required')

/** Adds the password policy's verdict as an issue on `field`. */
export function refinePassword(password: string | undefined, username: string | undefined, ctx: z.RefinementCtx, field: string) {
  if (!password) return
  const problem = checkPassword(password, { username })
  if (problem) ctx.addIssue({ code: 'custom', path: [field], message: `password.${problem}` })
}

const userFields = {
  fullName: requiredText(120),
  username: usernameSchema,
  email: z.email('validation.email').trim().toLowerCase().optional().nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+ .()-]{6,20}$/, 'validation.phone')
    .optional()
    .nullable(),
  position: optionalText(200).nullable(),
  unitId: idSchema.optional().nullable(),
  roles: z.array(z.enum(roles), { error: 'user.rolesRequired' }).min(1, 'user.rolesRequired'),
  locale: z.enum(locales, { error: 'validation.required' }),
}
const localeWithDefault = z.enum(locales).default('vi')

export const createUserSchema = z
  .object({ ...userFields, locale: localeWithDefault, password: newPasswordSchema })
  .superRefine((v, ctx) => refinePassword(v.password, v.username, ctx, 'password'))
export type CreateUserInput = z.infer<typeof createUserSchema>

export const updateUserSchema = z.object(userFields)
export type UpdateUserInput = z.infer<typeof updateUserSchema>

export const createUserApiSchema = z
  .object({ ...userFields, locale: localeWithDefault, password: newPasswordSchema })
  .strict()
  .superRefine((v, ctx) => refinePassword(v.password, v.username, ctx, 'password'))
export const updateUserApiSchema = z
  .object({ ...userFields, active: z.boolean() })
  .partial()
  .strict()

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required'),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: 'validation.required' }),
  })
  .superRefine((v, ctx) => {
    refinePassword(v.newPassword, undefined, ctx, 'newPassword')
    if (v.newPassword !== v.confirmPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'password.mismatch' })
  })

export const resetPasswordSchema = z
  .object({ username: z.string().optional(), newPassword: newPasswordSchema })
  .superRefine((v, ctx) => refinePassword(v.newPassword, v.username, ctx, 'newPassword'))

/** What the API returns for a user; contact details only for admins and the user themself. */
export const publicUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  unitId: z.number().int().nullable(),
  active: z.boolean(),
})
export const userDetailSchema = publicUserSchema.extend({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(z.enum(roles)),
  locale: z.enum(locales),
})
