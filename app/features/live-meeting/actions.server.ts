import { DomainError } from '~/core/errors'
import { meetingAccess } from '~/features/meetings/index.server'
import type { SessionUser } from '~/features/directory/index.server'
import { canEnterHall, canRunSession } from './access.server'
import { createDisplayLink, revokeDisplayLink } from './displays.server'
import {
  castBallot,
  checkIn,
  closeSession,
  closeVote,
  controlFloor,
  giveFloor,
  goToItem,
  leaveEarly,
  markAttendance,
  moveRequest,
  openSession,
  openVote,
  requestToSpeak,
  resumeSession,
  setItemSpeakingLimit,
  setSpeakersListClosed,
  suspendSession,
  withdrawRequest,
} from './hall.server'
import { saveMyNotes } from './notes.server'
import { type HallIntent, SELF_INTENTS } from './schemas'
import type { AuditActor } from '~/core/actor'

/** Whether the user may enter the room and whether they run it; not_found when the meeting does not exist or is not theirs to see. */
export function hallAccess(user: SessionUser, meetingId: number) {
  const access = meetingAccess({ id: meetingId })
  if (!access || !canEnterHall(user, access)) throw new DomainError('live.errors.meetingNotFound', 'not_found')
  return { access, runs: canRunSession(user, access) }
}

/**
 * One change in the room, asked by `user`: the room's rules decide (a delegate acts for themself;
 * everything else needs whoever runs the meeting), then the model. Returns what the change made
 * (a display link's token, a new id), or nothing.
 */
export function runHallIntent(user: SessionUser, meetingId: number, input: HallIntent, actor: AuditActor): { token?: string; id?: number } | void {
  const { runs } = hallAccess(user, meetingId)
  if (!SELF_INTENTS.has(input.intent) && !runs) throw new DomainError('live.errors.forbidden', 'forbidden')
  switch (input.intent) {
    case 'session.open':
      return openSession({ meetingId, actor })
    case 'session.suspend':
      return suspendSession({ meetingId, actor })
    case 'session.resume':
      return resumeSession({ meetingId, actor })
    case 'session.close':
      return closeSession({ meetingId, actor })
    case 'agenda.go':
      return goToItem({ meetingId, target: { itemId: input.itemId }, actor })
    case 'agenda.next':
      return goToItem({ meetingId, target: 'next', actor })
    case 'agenda.previous':
      return goToItem({ meetingId, target: 'previous', actor })
    case 'checkin':
      checkIn({ meetingId, userId: user.id, input: { method: 'code', code: input.code, rulesAcknowledged: input.rulesAcknowledged } })
      return
    case 'checkin.online':
      checkIn({ meetingId, userId: user.id, input: { method: 'link', rulesAcknowledged: input.rulesAcknowledged } })
      return
    case 'leave':
      return leaveEarly({ meetingId, userId: user.id, reason: input.reason })
    case 'attendance.mark':
      return markAttendance({ meetingId, userId: input.userId, mark: { state: input.state, reason: input.reason }, actor })
    case 'speak.request':
      return { id: requestToSpeak({ meetingId, userId: user.id, input: { kind: input.kind, note: input.note || null }, actor: { ...actor, runs } }) }
    case 'speak.withdraw':
      return withdrawRequest({ meetingId, speechId: input.speechId, actor: { ...actor, runs } })
    case 'speak.add':
      return { id: requestToSpeak({ meetingId, userId: input.userId, input: { kind: input.kind }, actor: { ...actor, runs } }) }
    case 'speak.move':
      return moveRequest({ meetingId, speechId: input.speechId, direction: input.direction, actor })
    case 'floor.give':
      return giveFloor({ meetingId, speechId: input.speechId ?? null, actor })
    case 'floor.pause':
      return controlFloor({ meetingId, action: { kind: 'pause' }, actor })
    case 'floor.resume':
      return controlFloor({ meetingId, action: { kind: 'resume' }, actor })
    case 'floor.end':
      return controlFloor({ meetingId, action: { kind: 'end' }, actor })
    case 'floor.addTime':
      return controlFloor({ meetingId, action: { kind: 'addTime', seconds: input.seconds }, actor })
    case 'list.close':
      return setSpeakersListClosed({ meetingId, closed: true, actor })
    case 'list.open':
      return setSpeakersListClosed({ meetingId, closed: false, actor })
    case 'item.limit':
      return setItemSpeakingLimit({ meetingId, minutes: input.minutes ?? null, actor })
    case 'vote.open':
      return { id: openVote({ meetingId, input: { question: input.question, secret: input.secret, passRule: input.passRule, closesInMinutes: input.closesInMinutes ?? null }, actor }) }
    case 'vote.cast':
      return castBallot({ meetingId, voteId: input.voteId, userId: user.id, choice: input.choice })
    case 'vote.close':
      return closeVote({ meetingId, voteId: input.voteId, actor })
    case 'notes.save':
      return saveMyNotes({ meetingId, userId: user.id, text: input.text })
    case 'display.create':
      return { token: createDisplayLink({ meetingId, label: input.label || null, actor }).token }
    case 'display.revoke':
      return revokeDisplayLink({ meetingId, displayId: input.displayId, actor })
  }
}
