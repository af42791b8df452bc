/**
 * Child process for the concurrent-issuing test: opens its own connection to the database file,
 * waits until the given instant (so two processes issue at the same moment) and issues the
 * meeting's draft, printing the result as JSON.
 */
import { issueConclusion } from '~/features/conclusions/index.server'
import { openDatabase } from '#db/client'

const [file, meetingId, userId, revision, startAt] = process.argv.slice(2)
const db = openDatabase(file!)
while (Date.now() < Number(startAt)) {
  // spin until the agreed start, so both processes contend for the write lock
}
const result = issueConclusion({ meetingId: Number(meetingId), who: { id: Number(userId) }, input: { baseRevision: Number(revision), summary: 'Kết luận', signerTitle: 'PHÓ BÍ THƯ', signerName: 'Chủ trì', recipientUnitIds: [], otherRecipients: [] } }, { db, now: new Date('2026-06-03T09:00:00+07:00') })
db.$client.close()
process.stdout.write(JSON.stringify(result))
