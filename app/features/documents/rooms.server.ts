import type { JoinRules } from '~/core/rooms'
import { meetingAccess } from '~/features/meetings/index.server'
import { documentPresenters } from './documents.server'
import { canListMeetingDocuments, canSeeReadiness } from './permissions.server'

/** `documents:<meetingId>`: whoever may list the meeting's documents; `readiness:<meetingId>` (who has read them): the Office and the chair. */
export const documentRooms = {
  documents: (id) => {
    const meeting = meetingAccess({ id })
    const presenters = meeting ? documentPresenters({ meetingId: id }) : []
    return (user) => !!meeting && canListMeetingDocuments(user, meeting, presenters)
  },
  readiness: (id) => {
    const meeting = meetingAccess({ id })
    return (user) => !!meeting && canSeeReadiness(user, meeting)
  },
} satisfies Partial<JoinRules>
