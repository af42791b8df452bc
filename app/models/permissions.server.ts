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

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['users.manage', 'units.manage', 'directory.read', 'audit.read'],
  office: ['directory.read'],
  chair: ['directory.read'],
  delegate: ['directory.read'],
  unit_officer: ['directory.read'],
  supervisor: ['directory.read', 'audit.read'],
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

/**
 * Socket rooms. `user:<id>`: only that user. `unit:<id>`: members of the unit, and those who
 * oversee every unit (admin, office, supervisor). Anything else is refused.
 */
export function canJoinRoom(user: Subject, room: string): boolean {
  const match = /^(user|unit):(\d+)$/.exec(room)
  if (!match) return false
  const id = Number(match[2])
  if (match[1] === 'user') return id === user.id
  return user.unitId === id || hasRole(user, 'admin', 'office', 'supervisor')
}
