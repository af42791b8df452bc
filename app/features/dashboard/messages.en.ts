import type { vi } from './messages'

/** English, checked against the Vietnamese (loaded only for readers who chose English). */
export const en: Widen<typeof vi> = {
  dashboard: {
    title: 'Task follow-up',
    scopeBody: 'Every task assigned in conclusion notices.',
    scope_meeting: 'Tasks of the meeting: {{name}}',
    scope_leader: 'Tasks followed by {{name}}',
    scope_unit: 'Tasks of {{name}} (lead or coordinating)',
    wholeBody: 'See all',
    total: '{{count}} tasks in all',
    byUnit: 'By lead unit',
    tasks: 'Tasks',
    pages: 'Pages',
    previous: '← Previous',
    next: 'Next →',
  },
}

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
