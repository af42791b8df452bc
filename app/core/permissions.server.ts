import { DomainError } from '~/core/errors'
import type { Role } from '#db/schema/index'
import type { Actor } from '~/core/actor'

/**
 * Who may do what, decided on the server only: loaders, actions, the API and socket
 * room joins all ask here. The roles and what each may do are here; each area's rules over its own
 * things (a meeting, a task, a document) are in that feature's permissions.server.ts, all applied
 * through authorize().
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

/** Whom a rule is asked about: the signed-in person, by id, roles and unit. */

export function hasRole(user: Actor, ...roles: Role[]) {
  return user.roles.some((r) => roles.includes(r))
}

export function can(user: Actor | null | undefined, permission: Permission): boolean {
  if (!user) return false
  return user.roles.some((role) => rolePermissions[role].includes(permission))
}

/**
 * The one way to refuse: a permission (`authorize(user, 'meetings.manage')`) or a rule of this
 * module with its subject (`authorize(user, canViewMeeting, meeting)`, more than one when the rule takes them). Throws a `forbidden`
 * DomainError, which pages, resource routes and the API all turn into 403 through one table
 * (`HTTP_STATUS_OF`; for pages `core/http.server.ts`).
 */
export function authorize(user: Actor | null | undefined, permission: Permission): asserts user is Actor
export function authorize<U extends Actor, A extends unknown[]>(user: U, rule: (user: U, ...subject: A) => boolean, ...subject: A): void
export function authorize<U extends Actor, A extends unknown[]>(user: U | null | undefined, rule: Permission | ((user: U, ...subject: A) => boolean), ...subject: A) {
  const allowed = typeof rule === 'string' ? can(user, rule) : Boolean(user) && rule(user!, ...subject)
  if (!allowed) throw new DomainError('errors.forbidden', 'forbidden')
}
