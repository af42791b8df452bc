/** The domain events the directory feature emits (composed into core's DomainEvents). */
export type DirectoryEvents = {
  'user.sessionsRevoked': { userId: number }
  'session.revoked': { sessionId: string }
  'user.updated': { userId: number; unitId: number | null }
}
