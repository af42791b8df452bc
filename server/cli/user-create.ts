import { config } from '~/core/config.server'
import { createSetupToken } from '~/features/directory/index.server'
import { closeDb, getDb } from '#db/client'
import { migrateDatabase } from '#db/migrate'

/**
 * `npm run user:create`: prints a one-time link that creates an administrator, the same link
 * the server prints on first start. No password ever passes through the command line.
 */
const c = config()
process.env.DATABASE_PATH = c.DATABASE_PATH
const db = getDb()
migrateDatabase(db)
const token = createSetupToken({ db })
closeDb()
const base = c.PUBLIC_URL ?? `http://localhost:${c.PORT}`
console.log(['Liên kết tạo tài khoản quản trị (dùng một lần):', `  ${base}/setup/${token}`].join('\n'))
