/** The meetings feature's public surface for routes, the API, the realtime server and other features. */
export { formDefaults, meetingFormData, submitMeetingForm, toSaveInput } from './meeting-form.server'
export { meetingListOptions, searchMeetings } from './meeting-list.server'
export { listMeetingTypes, saveMeetingType, type MeetingType } from './meeting-types.server'
export { createMeeting, decideSubstitute, findConflicts, findMeeting, getMeeting, invitationTiming, listMeetings, meetingAccess, meetingFormValues, participantNames, participantShortfall, respondToInvitation, saveMeeting, scheduleConflicts, sendInvitations, setMeetingStatus, upcomingInvitations, updateMeeting } from './meetings.server'
export { dateSchema, meetingApiSchema, programmeItemApiSchema, programmeItemInputSchema, rsvpSchema, vietnamInstant, type MeetingFormInput, type ProgrammeInput, type ProgrammeItemInput } from './schemas'
export { canManageMeetings, canViewMeeting, isMeetingMember, type MeetingAccess } from './permissions.server'
export { meetingRooms, meetingViewers } from './rooms.server'
