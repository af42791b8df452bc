import { config } from '~/core/config.server'
import { backupDatabase } from './backup'
import { closeDb, getDb } from './client'

/** `npm run db:backup`: a backup now, safe while the server runs (SQLite's online backup). */
const c = config()
process.env.DATABASE_PATH = c.DATABASE_PATH
const { folder, files, removed } = await backupDatabase({ db: getDb(), filesDir: c.FILES_DIR, backupDir: c.BACKUP_DIR, keep: c.BACKUP_KEEP })
closeDb()
console.log(`Đã sao lưu ${c.DATABASE_PATH} và ${files} tệp mới vào ${folder}${removed ? ` (xóa ${removed} bản cũ)` : ''}.`)
