/** The meeting room's public surface for the browser side of routes: components, form schemas, shared pure code. */
export { AgendaPanel, AttendancePanel, CheckinPanel, DisplayPanel, FloorPanel, ItemDocuments, MyAttendance, NotesPanel, QueuePanel, SessionControls, SessionHeader, TotalsPanel, VotesPanel } from './components/hall'
export { Screen } from './components/screen'
export { ServerClockProvider } from './components/server-clock'
export { hallIntentSchema, type HallIntent } from './schemas'
export { speechClock } from './clock'
export type { ConsoleView, HallView, ScreenView } from './view.server'
