/** The directory feature's public surface for the browser side of routes and other features. */
export { UnitFormFields } from './components/unit-form'
export { UserFormFields, unitOptions, type UnitOption } from './components/user-form'
export { createTokenSchema, loginSchema } from './schemas/auth'
export { unitInputSchema } from './schemas/units'
export { changePasswordSchema, createUserSchema, newPasswordSchema, refinePassword, resetPasswordSchema, updateUserSchema, usernameSchema } from './schemas/users'
export { TOKEN_LIFETIMES_DAYS } from './token-lifetimes'
export { PeoplePicker, PersonPicker, type PersonChoice } from './components/people-picker'
