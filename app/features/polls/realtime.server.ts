import { events } from '~/core/events.server'
import type { LiveViews } from '~/core/live.server'
import { rooms } from '~/core/rooms'
import { pollProgress } from './polls.server'

/** A poll's live view: its state and counts (never who voted). */
export const pollLive: LiveViews = {
  views: {
    poll: (id) => ({ data: pollProgress({ id }) }),
  },
  subscribe: ({ touch }) => [events.on('poll.updated', ({ campaignId }) => touch(rooms.poll(campaignId)))],
}
