import { describe, expect, it } from 'vitest'
import type { Role } from '#db/schema/index'
import { can } from '~/core/permissions.server'
import { canSeeContactDetails } from '~/features/directory/index.server'

const person = (roles: Role[], id = 10, unitId: number | null = 5) => ({ id, roles, unitId })

describe('permission module', () => {
  it('lets only administrators manage users and units', () => {
    expect(can(person(['admin']), 'users.manage')).toBe(true)
    expect(can(person(['admin']), 'units.manage')).toBe(true)
    for (const role of ['office', 'chair', 'delegate', 'unit_officer', 'supervisor'] as Role[]) {
      expect(can(person([role]), 'users.manage'), role).toBe(false)
      expect(can(person([role]), 'units.manage'), role).toBe(false)
    }
  })

  it('grants the union of a person’s roles', () => {
    expect(can(person(['delegate']), 'audit.read')).toBe(false)
    expect(can(person(['delegate', 'supervisor']), 'audit.read')).toBe(true)
  })

  it('lets everyone signed in read the directory, and nobody anonymous', () => {
    expect(can(person(['delegate']), 'directory.read')).toBe(true)
    expect(can(null, 'directory.read')).toBe(false)
    expect(can(person([]), 'directory.read')).toBe(false)
  })

  it('shows contact details to the person and to administrators only', () => {
    expect(canSeeContactDetails(person(['delegate'], 1), 1)).toBe(true)
    expect(canSeeContactDetails(person(['delegate'], 1), 2)).toBe(false)
    expect(canSeeContactDetails(person(['admin'], 1), 2)).toBe(true)
  })

})
