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
export const meetingStatuses = ['draft', 'invited', 'held', 'concluded', 'postponed', 'cancelled'] as const
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
