import type { Role } from '#db/schema'
import type { SessionUser } from './users.server'

/**
 * Who may do what. The one place such decisions are made: loaders, actions, the API and socket
 * room joins all ask here. Later issues add resource rules (a meeting's documents, a unit's tasks).
 */
export type Permission =
  | 'users.manage' // create, edit, deactivate users; reset passwords
  | 'units.manage' // create, edit, deactivate units
  | 'directory.read' // see units and the people in them (names, positions)
  | 'audit.read' // read the audit log
  | 'meetings.manage' // create and edit meetings, send invitations, change their status
  | 'programme.manage' // keep the work programme
  | 'calendar.manage' // the working-day calendar's overrides, and meeting types' rules
  | 'meetings.overview' // see every meeting of the body (not only one's own)

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['users.manage', 'units.manage', 'directory.read', 'audit.read', 'calendar.manage', 'meetings.overview'],
  office: ['directory.read', 'meetings.manage', 'programme.manage', 'calendar.manage', 'meetings.overview'],
  chair: ['directory.read', 'meetings.overview'],
  delegate: ['directory.read'],
  unit_officer: ['directory.read'],
  supervisor: ['directory.read', 'audit.read', 'meetings.overview'],
}

type Subject = Pick<SessionUser, 'id' | 'roles' | 'unitId'>

export function hasRole(user: Subject, ...roles: Role[]) {
  return user.roles.some((r) => roles.includes(r))
}

export function can(user: Subject | null | undefined, permission: Permission): boolean {
  if (!user) return false
  return user.roles.some((role) => rolePermissions[role].includes(permission))
}

/** E-mail, phone and roles of a person: administrators, and the person themself. */
export function canSeeContactDetails(viewer: Subject, targetUserId: number) {
  return viewer.id === targetUserId || can(viewer, 'users.manage')
}

/** What a meeting check needs to know: who chairs it and who is invited (substitutes included). */
export type MeetingAccess = { chairUserId: number; participantUserIds: number[] }

/** A meeting (its page, agenda, participants, later its documents): those who oversee, its chair, its participants. */
export function canViewMeeting(user: Subject, meeting: MeetingAccess) {
  return can(user, 'meetings.overview') || meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
}

export function canManageMeetings(user: Subject) {
  return can(user, 'meetings.manage')
}

/**
 * Socket rooms. `user:<id>`: only that user. `unit:<id>`: members of the unit, and those who
 * oversee every unit (admin, office, supervisor). `meeting:<id>`: whoever may view the meeting
 * (the caller looks the meeting up). Anything else is refused.
 */
export function canJoinRoom(user: Subject, room: string, lookupMeeting?: (id: number) => MeetingAccess | null): boolean {
  const match = /^(user|unit|meeting):(\d+)$/.exec(room)
  if (!match) return false
  const id = Number(match[2])
  if (match[1] === 'user') return id === user.id
  if (match[1] === 'unit') return user.unitId === id || hasRole(user, 'admin', 'office', 'supervisor')
  const meeting = lookupMeeting?.(id)
  return meeting ? canViewMeeting(user, meeting) : false
}
