/** The domain events the documents feature emits (composed into core's DomainEvents). */
export type DocumentEvents = {
  'documents.changed': { meetingId: number }
  'document.read': { meetingId: number; documentId: number; userId: number }
}
