/** The domain events the meetings feature emits (composed into core's DomainEvents). */
export type MeetingEvents = {
  'meeting.updated': { meetingId: number }
  'meeting.invited': { meetingId: number; userIds: number[] }
  'meeting.statusChanged': { meetingId: number; userIds: number[] }
  'meeting.participants.updated': { meetingId: number }
}
