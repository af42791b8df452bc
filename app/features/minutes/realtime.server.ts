import { events } from '~/core/events.server'
import type { LiveViews } from '~/core/live.server'
import { rooms } from '~/core/rooms'
import { minutesRoomView } from './view.server'

/** The minutes' live view (the minute-taker's records of the room, the state of the minutes). */
export const minutesLive: LiveViews = {
  views: {
    minutes: (id) => ({ data: minutesRoomView({ meetingId: id }) }),
  },
  subscribe: ({ touch }) => [
    events.on('minutes.updated', ({ meetingId }) => touch(rooms.minutes(meetingId))),
    // What the room records (attendance, speeches, votes) is what the minutes draw on; a ballot changes none of it.
    events.on('hall.updated', ({ meetingId, what }) => {
      if (what !== 'ballot') touch(rooms.minutes(meetingId))
    }),
    ...(['meeting.updated', 'meeting.participants.updated'] as const).map((name) => events.on(name, ({ meetingId }) => touch(rooms.minutes(meetingId)))),
  ],
}
