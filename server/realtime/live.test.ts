import { describe, expect, it } from 'vitest'
import { rooms } from '~/core/rooms'
import { createMeeting, createTask } from '../../tests/factories'
import { liveFeatures, liveSnapshot } from './live'

describe('the features’ live views, composed', () => {
  it('no two features claim the same room kind, and the kinds that only receive events have no view', () => {
    const claimed = liveFeatures.flatMap((f) => Object.keys(f.views))
    expect(new Set(claimed).size).toBe(claimed.length)
    const withoutView = Object.keys(rooms).filter((k) => !claimed.includes(k)).sort()
    expect(withoutView).toEqual(['session'])
  })

  it('answers a room with its feature’s read model, and nothing for a room of no known kind', async () => {
    const meetingId = await createMeeting({ title: 'Họp giao ban tháng' })
    const task = await createTask()
    expect(liveSnapshot(rooms.meeting(meetingId))).toMatchObject({ data: { meeting: { id: meetingId, title: 'Họp giao ban tháng' } } })
    expect(liveSnapshot(rooms.task(task.id))).toMatchObject({ data: { id: task.id } })
    expect(liveSnapshot(rooms.hall(meetingId))).toHaveProperty('data')
    expect(liveSnapshot(rooms.documents(meetingId))).toHaveProperty('perMember')
    expect(liveSnapshot('nothing:1')).toBeUndefined()
    expect(liveSnapshot(rooms.session('abc'))).toBeUndefined()
  })
})
