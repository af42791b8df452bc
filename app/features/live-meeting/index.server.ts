/** The meeting room's public surface for routes, the API and the realtime server. */
export { hallAccess, runHallIntent } from './actions.server'

export { validateDisplayToken, createDisplayLink, revokeDisplayLink } from './displays.server'
export { getMyNotes } from './notes.server'
export { checkIn, requestToSpeak, castBallot, closeExpiredVotes, markAttendance } from './hall.server'
export { consoleView, hallView, myAttendance, screenView, type ConsoleView, type HallView, type ScreenView } from './view.server'
export { ballotSchema, hallIntentSchema, speakRequestSchema } from './schemas'
export { hallRooms } from './rooms.server'
export type { HallEvents } from './events'
export { hallLive } from './realtime.server'
