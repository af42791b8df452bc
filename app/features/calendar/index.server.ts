/** The calendar feature's public surface for routes, the API, the realtime server and other features. */
export { activeCalendarFeed, calendarFeedIcs, calendarFeedUser, createCalendarFeed, revokeCalendarFeed } from './calendar-feed.server'
export { addOverride, getWorkingCalendar, removeOverride, yearCalendar } from './calendar.server'
export type { WorkingCalendar } from './working-days'
