import { and, eq } from 'drizzle-orm'
import { meetingNotes } from '#db/schema'
import { type Context, contextOf } from '~/core/context'

/** A delegate's private notes in the meeting: read and written by them alone, never pushed to a room. */
export function getMyNotes({ meetingId, userId }: { meetingId: number; userId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ text: meetingNotes.text, updatedAt: meetingNotes.updatedAt }).from(meetingNotes).where(and(eq(meetingNotes.meetingId, meetingId), eq(meetingNotes.userId, userId))).get() ?? null
}

export function saveMyNotes({ meetingId, userId, text }: { meetingId: number; userId: number; text: string }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  db.insert(meetingNotes)
    .values({ meetingId, userId, text, updatedAt: now })
    .onConflictDoUpdate({ target: [meetingNotes.meetingId, meetingNotes.userId], set: { text, updatedAt: now } })
    .run()
}
