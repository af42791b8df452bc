import { minutesState, roomRecords } from './minutes.server'
import { type Context, contextOf } from '~/core/context'

/**
 * The minutes' live view (`minutes:<meetingId>`, those who write them): what the room recorded —
 * the editor inserts and refreshes its record blocks from it — and the minutes' status (not the
 * draft's revision: the writer's own autosaves must not reload their page).
 */
export function minutesRoomView({ meetingId }: { meetingId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const records = roomRecords({ meetingId }, { db })
  if (!records) return null
  const { open, approved } = minutesState({ meetingId }, { db })
  return {
    records,
    status: open?.status ?? approved?.status ?? null,
    openId: open?.id ?? null,
    approvedId: approved?.id ?? null,
    takerUserId: open?.takerUserId ?? approved?.takerUserId ?? null,
    numberFormatted: approved?.numberFormatted ?? null,
  }
}
export type MinutesRoomView = NonNullable<ReturnType<typeof minutesRoomView>>
