/**
 * Child process for the numbering test: opens its own connection to the database file and takes
 * `count` numbers, each in its own transaction, printing them as JSON.
 */
import { allocateDocumentNumber } from '~/features/conclusions/index.server'
import { openDatabase } from '#db/client'

const [file, bodyId, count] = process.argv.slice(2)
const db = openDatabase(file!)
const numbers: number[] = []
for (let i = 0; i < Number(count); i++) {
  numbers.push(db.transaction((tx) => allocateDocumentNumber({ issuingBodyId: Number(bodyId), kindCode: 'TB', issuedOn: '2026-11-25' }, { db: tx }).number, { behavior: 'immediate' }))
}
db.$client.close()
process.stdout.write(JSON.stringify(numbers))
