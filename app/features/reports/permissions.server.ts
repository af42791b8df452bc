// Who may do what with the reports feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can, hasRole } from '~/core/permissions.server'
import type { Actor } from '~/core/actor'

/** Whole-body reports (and supervision): those who oversee, and chairs. */
export function canSeeBodyReports(user: Actor) {
  return can(user, 'meetings.overview') || hasRole(user, 'chair')
}

/**
 * The scope of a report a person may see: any for those who see the whole body; a unit officer
 * only their unit's own evaluation; null for anyone else (or another unit asked for).
 */
export function reportScopeFor(user: Actor, requestedUnitId: number | null): { unitId: number | null } | null {
  if (canSeeBodyReports(user)) return { unitId: requestedUnitId }
  if (hasRole(user, 'unit_officer') && user.unitId) return requestedUnitId == null || requestedUnitId === user.unitId ? { unitId: user.unitId } : null
  return null
}

/** Issuing a report (its figures frozen, numbered): the Office. */
export function canIssueReports(user: Actor) {
  return can(user, 'meetings.manage')
}
