import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { closeDb, getDb } from '#db/client'
import { migrateDatabase } from '#db/migrate'

/**
 * Every test file gets its own migrated SQLite database (a real file, WAL and all): nothing is
 * mocked and files never see each other's rows.
 */
const file = path.join(os.tmpdir(), `nghisu-test-${randomUUID()}.db`)
process.env.DATABASE_PATH = file
// Uploaded files too: a directory of the test file's own.
const filesDir = path.join(os.tmpdir(), `nghisu-test-files-${randomUUID()}`)
process.env.FILES_DIR = filesDir

beforeAll(() => {
  migrateDatabase(getDb())
})

afterAll(() => {
  closeDb()
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.rmSync(filesDir, { recursive: true, force: true })
})
