/** The minutes' public surface for the browser side of routes. */
export { MinutesEditor } from './components/minutes-editor'
export { minutesDraftSchema, minutesIntentSchema } from './schemas'
export type { DocJSON as MinutesDoc } from './doc'
