import type { vi } from './messages'

/** English, checked against the Vietnamese (loaded only for readers who chose English). */
export const en: typeof vi = {
  title: 'Participant groups',
  intro: 'The Office keeps the groups usually invited (Standing Committee members, the Standing Board, the Executive Committee…). Inviting a group invites exactly its people, not everyone with the same role.',
  new: 'Add a group',
  edit: 'Edit group',
  name: 'Group name',
  description: 'Note',
  members: 'Members of the group',
  memberCount: '{{count}} people',
  active: 'In use',
  inactive: 'No longer used',
  save: 'Save group',
  saved: 'Participant group saved.',
  none: 'No group yet.',
  nameTaken: 'A group with this name exists.',
  unknownPerson: 'Someone is not in the directory.',
  notFound: 'Group not found.',
  inMeeting: 'Invite by group',
  inType: 'Groups invited by default',
  back: '← All groups',
}
