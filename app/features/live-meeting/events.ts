/** The domain events the live-meeting feature emits (composed into core's DomainEvents). */
export type HallEvents = {
  /** Something in the meeting room changed (session, attendance, speakers, votes, a ballot). */
  'hall.updated': { meetingId: number; what: 'session' | 'attendance' | 'speakers' | 'votes' | 'ballot' }
  /** A big-screen display link was revoked: its screens are disconnected. */
  'display.revoked': { displayId: string }
}
