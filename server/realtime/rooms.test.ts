import { describe, expect, it } from 'vitest'
import type { Role } from '#db/schema/enums'
import { rooms } from '~/core/rooms'
import { createDocument, createMeeting, createTask, createUser } from '../../tests/factories'
import { joinRules, mayJoin } from './rooms'

const person = (roles: Role[], id: number, unitId: number | null = null) => ({ id, roles, unitId })

describe('who may join which room', () => {
  it('has a rule for every kind of room a browser may ask for, and refuses anything else', () => {
    expect(Object.keys(joinRules).sort()).toEqual(Object.keys(rooms).filter((k) => k !== 'session').sort())
    const anyone = person(['admin', 'office', 'supervisor'], 1, 1)
    for (const room of ['unit:3x', 'session:1', 'nothing:1', 'user:', 'dashboard:1']) expect(mayJoin(anyone, room), room).toBe(false)
  })

  it('user, unit, leader and dashboard rooms: the person, the unit’s members and those who oversee', () => {
    const officer = person(['unit_officer'], 7, 3)
    expect([mayJoin(officer, 'user:7'), mayJoin(officer, 'user:8')]).toEqual([true, false])
    expect([mayJoin(officer, 'unit:3'), mayJoin(officer, 'unit:4')]).toEqual([true, false])
    expect([mayJoin(person(['office'], 1, 1), 'unit:4'), mayJoin(person(['supervisor'], 1, 1), 'unit:4')]).toEqual([true, true])
    expect([mayJoin(person(['chair'], 9), 'leader:9'), mayJoin(officer, 'leader:9'), mayJoin(person(['supervisor'], 2), 'leader:9')]).toEqual([true, false, true])
    expect([mayJoin(officer, 'dashboard:0'), mayJoin(person(['supervisor'], 2), 'dashboard:0')]).toEqual([false, true])
  })

  it('a meeting’s rooms follow the meeting: its people see it, only the Office and the chair run it; a meeting that does not exist admits nobody', async () => {
    const chair = await createUser({ roles: ['chair'] })
    const office = await createUser({ roles: ['office'] })
    const outsider = await createUser({ roles: ['delegate'] })
    const meetingId = await createMeeting({ chairUserId: chair.id, officeUserId: office.id })
    for (const kind of ['meeting', 'meetingTasks', 'hall', 'conclusion', 'documents'] as const) {
      expect(mayJoin(chair, rooms[kind](meetingId)), kind).toBe(true)
      expect(mayJoin(outsider, rooms[kind](meetingId)), kind).toBe(false)
    }
    for (const kind of ['console', 'screen', 'readiness', 'minutes'] as const) expect([mayJoin(office, rooms[kind](meetingId)), mayJoin(outsider, rooms[kind](meetingId))], kind).toEqual([true, false])
    expect(mayJoin(office, rooms.meeting(meetingId + 1000))).toBe(false)
  })

  it('a task’s room: its lead unit’s members, not another unit’s', async () => {
    const task = await createTask()
    expect(mayJoin(person(['unit_officer'], 50, task.leadUnitId), rooms.task(task.id))).toBe(true)
    expect(mayJoin(person(['unit_officer'], 51, task.leadUnitId + 100), rooms.task(task.id))).toBe(false)
  })

  it('a meeting’s documents room: its people and the Office, not an outsider; the readiness room only the Office and the chair', async () => {
    const chair = await createUser({ roles: ['chair'] })
    const outsider = await createUser({ roles: ['delegate'] })
    const meetingId = await createMeeting({ chairUserId: chair.id })
    const { officeUserId } = await createDocument({ meetingId, distributed: true })
    const office = await createUser({ roles: ['office'] })
    expect([mayJoin(chair, rooms.documents(meetingId)), mayJoin(office, rooms.documents(meetingId)), mayJoin(outsider, rooms.documents(meetingId))]).toEqual([true, true, false])
    expect([mayJoin(chair, rooms.readiness(meetingId)), mayJoin({ id: officeUserId, roles: ['office'], unitId: null }, rooms.readiness(meetingId)), mayJoin(outsider, rooms.readiness(meetingId))]).toEqual([true, true, false])
  })
})
