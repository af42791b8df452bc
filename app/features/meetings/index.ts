/** The meetings feature's public surface for the browser side of routes and other features. */
export { MeetingFormPage } from './components/meeting-form'
export { LIMITS, calendarOverrideSchema, dateSchema, itemMoveSchema, itemStatusChangeSchema, meetingStatusSchema, meetingTypeInputSchema, programmeInputSchema, programmeItemInputSchema, rsvpSchema, timeSchema, vietnamInstant } from './schemas'
export { parseSource, type ParticipantSource } from './participant-source'
