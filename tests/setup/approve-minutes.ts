/**
 * Child process for the concurrent-approval test: its own connection to the database file, waits
 * for the agreed instant (so two processes approve at the same moment), approves the meeting's
 * submitted minutes and prints the result as JSON.
 */
import { approveMinutes } from '~/features/minutes/minutes.server'
import { openDatabase } from '#db/client'

const [file, meetingId, userId, startAt] = process.argv.slice(2)
const db = openDatabase(file!)
while (Date.now() < Number(startAt)) {
  // spin until the agreed start, so both processes contend for the write lock
}
const result = approveMinutes({ meetingId: Number(meetingId), actor: { id: Number(userId) } }, { db })
db.$client.close()
process.stdout.write(JSON.stringify(result))
