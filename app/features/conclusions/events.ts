/** The domain events the conclusions feature emits (composed into core's DomainEvents). */
export type ConclusionEvents = {
  'conclusion.updated': { meetingId: number; conclusionId: number }
}
