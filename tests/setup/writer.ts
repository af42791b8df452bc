/** Child process for the backup test: keeps inserting units into the database for `ms`, then prints how many. */
import { openDatabase } from '#db/client'
import { units } from '#db/schema'

const [file, ms] = process.argv.slice(2)
const db = openDatabase(file!)
const until = Date.now() + Number(ms)
let n = 0
process.stdout.write('started\n')
while (Date.now() < until) {
  db.insert(units).values({ name: `Đơn vị ghi song song ${n}`, code: `SONGSONG${process.pid}_${n}`, kind: 'other', searchText: 'x' }).run()
  n++
}
db.$client.close()
process.stdout.write(`${n}\n`)
