import { events } from '~/core/events.server'
import type { LiveViews } from '~/core/live.server'
import { rooms } from '~/core/rooms'
import { CODE_WINDOW_MS } from './checkin-code.server'
import { consoleView, hallView, screenView } from './view.server'

/** The meeting room's live views: the hall (everyone who may view the meeting), the console and the big screen. */
export const hallLive: LiveViews = {
  views: {
    hall: (id) => ({ data: hallView({ meetingId: id }) }),
    console: (id) => ({ data: consoleView({ meetingId: id }) }),
    screen: (id) => ({ data: screenView({ meetingId: id }) }),
  },
  subscribe: ({ touch, watched }) => {
    // The check-in code changes every 30 s: the screens get the new one at the turn.
    let codeTimer: ReturnType<typeof setTimeout> | undefined
    const nextTurn = () => {
      codeTimer = setTimeout(tick, CODE_WINDOW_MS - (Date.now() % CODE_WINDOW_MS) + 20)
      codeTimer.unref?.()
    }
    const tick = () => {
      for (const room of watched(['screen'])) touch(room)
      nextTurn()
    }
    nextTurn()
    return [
      events.on('hall.updated', ({ meetingId, what }) => {
        touch(rooms.hall(meetingId))
        touch(rooms.screen(meetingId))
        // A ballot changes no one's attendance: the console's list stays as it is.
        if (what !== 'ballot') touch(rooms.console(meetingId))
      }),
      ...(['meeting.updated', 'meeting.participants.updated'] as const).map((name) =>
        events.on(name, ({ meetingId }) => {
          touch(rooms.hall(meetingId))
          touch(rooms.console(meetingId))
          touch(rooms.screen(meetingId))
        }),
      ),
      () => clearTimeout(codeTimer),
    ]
  },
}
