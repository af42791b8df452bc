// Who may do what with the directory feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can } from '~/core/permissions.server'
import type { Actor } from '~/core/actor'

/** E-mail, phone and roles of a person: administrators, and the person themself. */
export function canSeeContactDetails(viewer: Actor, targetUserId: number) {
  return viewer.id === targetUserId || can(viewer, 'users.manage')
}
