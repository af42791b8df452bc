/**
 * The product's vocabulary (roles, unit kinds, statuses, modes, kinds …) with no drizzle in it:
 * the only part of db/schema the browser may import. The table definitions import it from here.
 */

// users
export const roles = ['admin', 'office', 'chair', 'delegate', 'unit_officer', 'supervisor'] as const
export type Role = (typeof roles)[number]
export const locales = ['vi', 'en'] as const
export type Locale = (typeof locales)[number]

// units
export const unitKinds = ['committee', 'party_board', 'office', 'party_committee', 'state_agency', 'commune', 'other'] as const
export type UnitKind = (typeof unitKinds)[number]

// meetings
/** Who lets a meeting's substitutes in (meeting types' rule). */
export const substituteRules = ['office', 'same_unit'] as const
export const programmePeriods = ['year', 'quarter', 'month'] as const
export const programmeItemStatuses = ['planned', 'scheduled', 'held', 'postponed', 'cancelled', 'moved'] as const
export type ProgrammeItemStatus = (typeof programmeItemStatuses)[number]
export const meetingModes = ['in_person', 'online', 'hybrid'] as const
/** `in_session`: the session (phiên họp) is open or suspended; closing it makes the meeting `held`. */
export const meetingStatuses = ['draft', 'invited', 'in_session', 'held', 'concluded', 'postponed', 'cancelled'] as const
export type MeetingStatus = (typeof meetingStatuses)[number]
export const participantRoles = ['chair', 'member', 'guest', 'preparing_unit', 'secretary'] as const
export const rsvpStates = ['pending', 'attending', 'declined', 'substituted'] as const
export type RsvpState = (typeof rsvpStates)[number]

// documents
export const documentKinds = ['to_trinh', 'bao_cao', 'du_thao', 'tham_khao', 'khac'] as const
export type DocumentKind = (typeof documentKinds)[number]

// conclusions
export const reportingCycles = ['month', 'quarter', 'half_year', 'year'] as const
export const taskEventKinds = [
  'progress',
  'obstacle',
  'contribution',
  'extension_requested',
  'extension_approved',
  'extension_rejected',
  'completion_declared',
  'completion_accepted',
  'completion_returned',
  'lead_reassigned',
  'corrected',
] as const
export const reminderKinds = ['before', 'due', 'escalated'] as const

// the meeting in session (live room)
export const sessionStates = ['open', 'suspended', 'closed'] as const
export type SessionState = (typeof sessionStates)[number]
/** Present in the hall, present online, or absent (with a reason). */
export const attendanceStates = ['present', 'online', 'absent'] as const
export type AttendanceState = (typeof attendanceStates)[number]
export const checkinMethods = ['code', 'link', 'office', 'api'] as const
/** Quorum of a meeting type: at least two thirds, or more than half, of the members convened. */
export const quorumRules = ['two_thirds', 'half'] as const
export type QuorumRule = (typeof quorumRules)[number]
/** What a vote must reach to pass: more than half of the members convened (default), more than half of those present, two thirds of the members convened. */
export const passRules = ['half_of_convened', 'half_of_present', 'two_thirds_of_convened'] as const
export type PassRule = (typeof passRules)[number]
/** A normal request to speak, or a debate: a direct reply to the current speaker (R4.6f), ahead of the queue. */
export const speechKinds = ['normal', 'debate'] as const
export type SpeechKind = (typeof speechKinds)[number]
export const speechStates = ['waiting', 'speaking', 'paused', 'done', 'withdrawn'] as const
export type SpeechState = (typeof speechStates)[number]
export const voteStates = ['open', 'closed'] as const
export const voteChoices = ['yes', 'no', 'abstain'] as const
export type VoteChoice = (typeof voteChoices)[number]

// minutes (biên bản)
/** draft → submitted (to the chair) → approved; a returned draft is a draft again; a corrected one is superseded. */
export const minutesStatuses = ['draft', 'submitted', 'approved', 'superseded'] as const
export type MinutesStatus = (typeof minutesStatuses)[number]

// confidence polls (96-QĐ/TW)
export const pollStates = ['draft', 'open', 'closed', 'published'] as const
export type PollState = (typeof pollStates)[number]
/** The three levels of Phụ lục 4: tín nhiệm cao / tín nhiệm / tín nhiệm thấp. */
export const trustLevels = ['high', 'normal', 'low'] as const
export type TrustLevel = (typeof trustLevels)[number]
