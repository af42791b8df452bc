import { and, eq } from 'drizzle-orm'
import { type DB, type DBOrTx, getDb } from '#db/client'
import { meetingNotes } from '#db/schema'

/** A delegate's private notes in the meeting: read and written by them alone, never pushed to a room. */
export function getMyNotes(meetingId: number, userId: number, db: DBOrTx = getDb()) {
  return db.select({ text: meetingNotes.text, updatedAt: meetingNotes.updatedAt }).from(meetingNotes).where(and(eq(meetingNotes.meetingId, meetingId), eq(meetingNotes.userId, userId))).get() ?? null
}

export function saveMyNotes(meetingId: number, userId: number, text: string, db: DB = getDb(), now = new Date()) {
  db.insert(meetingNotes)
    .values({ meetingId, userId, text, updatedAt: now })
    .onConflictDoUpdate({ target: [meetingNotes.meetingId, meetingNotes.userId], set: { text, updatedAt: now } })
    .run()
}
