import { config } from '~/core/config.server'
import { listBackups, RestoreRefused, restoreBackup } from './backup'
import path from 'node:path'

/**
 * `npm run db:restore -- FILE` (a backup folder or its nghisu.db): puts it back as the database and
 * its files. Refused while a server runs on the database. Without FILE, lists the backups.
 */
const c = config()
const target = process.argv[2]
if (!target) {
  const all = await listBackups(c.BACKUP_DIR)
  console.log(all.length ? `Các bản sao lưu trong ${c.BACKUP_DIR}:\n${all.map((b) => `  ${path.join(c.BACKUP_DIR, b)}`).join('\n')}` : `Chưa có bản sao lưu nào trong ${c.BACKUP_DIR}.`)
  console.log('Khôi phục: npm run db:restore -- <thư mục sao lưu>')
  process.exit(all.length ? 0 : 1)
}
try {
  const { database, files } = await restoreBackup({ backup: target, databasePath: c.DATABASE_PATH, filesDir: c.FILES_DIR })
  console.log(`Đã khôi phục ${database} và ${files} tệp từ ${target}.`)
} catch (error) {
  if (error instanceof RestoreRefused) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
