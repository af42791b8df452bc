/** The domain events the minutes feature emits (composed into core's DomainEvents). */
export type MinutesEvents = {
  /** A meeting's minutes changed (created, minute-taker, submitted, returned, approved, corrected, shared). */
  'minutes.updated': { meetingId: number }
}
