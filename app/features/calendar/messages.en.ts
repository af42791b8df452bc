import type { vi } from './messages'

/** English, checked against the Vietnamese (loaded only for readers who chose English). */
export const en: Widen<typeof vi> = {
  calendar: {
    title: 'Working-day calendar',
    intro: 'Working days are Monday to Friday except public holidays, Tết (Vietnamese lunar calendar) and compensatory days off. The Office can add days off and worked Saturdays as announced each year; its overrides win.',
    holidays: 'Public holidays {{year}}',
    overrides: 'Office overrides {{year}}',
    addOverride: 'Add override',
    date: 'Date',
    kind: 'Kind',
    note: 'Basis, note',
    day_off: 'Day off',
    working_day: 'Working day (swap)',
    remove: 'Remove',
    added: 'Override added.',
    removed: 'Override removed.',
    dateTaken: 'This date already has an override.',
    notFound: 'Override not found.',
    compensatory: 'compensatory',
    year: 'Year',
  },
  feed: {
    copyUrl: 'Copy the calendar link',
    title: 'Meetings in your phone, Outlook or Google Calendar',
    hint: 'Your own iCalendar link: add it to a calendar app to see the meetings you are invited to. Anyone with the link can read your schedule; if it leaks, revoke it and create a new one.',
    create: 'Create calendar link',
    revoke: 'Revoke link',
    created: 'Calendar link (shown once):',
    active: 'You have a calendar link, created {{date}}.',
    revoked: 'Calendar link revoked.',
  },
}

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
