import type { Role } from '#db/schema/enums'

/**
 * Why a person is on a meeting's list (`meeting_participants.source`): named directly (`person`),
 * through a role (`role:<role>`), a named group (`group:<id>`), a unit (`unit:<id>`: its officers
 * for the preparing unit, all its people as guests) or standing in for an invitee
 * (`substitute:<userId>`). Written and read only through this codec.
 */
export type ParticipantSource = { kind: 'person' } | { kind: 'role'; role: Role } | { kind: 'group'; id: number } | { kind: 'unit'; id: number } | { kind: 'substitute'; forUserId: number }

export const SUBSTITUTE_PREFIX = 'substitute:'

export const participantSource = {
  person: 'person',
  role: (role: Role) => `role:${role}`,
  group: (id: number) => `group:${id}`,
  unit: (id: number) => `unit:${id}`,
  substitute: (forUserId: number) => `${SUBSTITUTE_PREFIX}${forUserId}`,
} as const

export function parseSource(value: string): ParticipantSource {
  const [kind, rest] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)]
  if (kind === 'role') return { kind, role: rest as Role }
  if (kind === 'group' || kind === 'unit') return { kind, id: Number(rest) }
  if (kind === 'substitute') return { kind, forUserId: Number(rest) }
  return { kind: 'person' }
}

export const isSubstitute = (value: string) => value.startsWith(SUBSTITUTE_PREFIX)
