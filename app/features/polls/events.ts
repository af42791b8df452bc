/** The domain events the polls feature emits (composed into core's DomainEvents). */
export type PollEvents = {
  /** A confidence poll's state or counts changed (never who voted). */
  'poll.updated': { campaignId: number }
}
