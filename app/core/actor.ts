import type { Role } from '#db/schema/enums'

/**
 * Who acts or asks: the signed-in person as the permission rules read them (id, roles, unit) and
 * the address they came from, which the audit trail records. The one type for it; functions that
 * need less take a `Pick` of it.
 */
export type Actor = { id: number; roles: readonly Role[]; unitId: number | null; ip?: string | null }

/** What the audit trail records of whoever acted: the person (null when the server acts itself, e.g. a poll closing at its time) and their address. */
export type AuditActor = Pick<Actor, 'ip'> & { id: number | null }
