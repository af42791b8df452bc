import type { vi } from './messages'

/** English, checked against the Vietnamese (loaded only for readers who chose English). */
export const en: Widen<typeof vi> = {
  search: {
    title: 'Search',
    label: 'Search meetings, documents, conclusions, tasks',
    short: 'Search',
    hint: 'Diacritics are optional: “duc” finds “Đức”.',
    kind: 'Kind',
    kinds: { meeting: 'Meeting', document: 'Document', conclusion: 'Conclusion', task: 'Task' },
    results: 'Search results',
    count: '{{count}} results.',
    countMore: 'The first {{count}} results; narrow the words to see more.',
    none: 'Nothing you may see matches “{{q}}”.',
  },
}

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
