import { config } from '~/core/config.server'
import { closeDb, getDb } from './client'
import { migrateDatabase } from './migrate'
import { DEMO_ACCOUNTS_NOTE, seedDemo, seedProvince } from './seed'

/** `npm run db:seed [-- --scale=demo|province] [--force]` */
const args = process.argv.slice(2)
const scale = args.find((a) => a.startsWith('--scale='))?.split('=')[1] ?? 'demo'
const force = args.includes('--force')
if (!['demo', 'province'].includes(scale)) {
  console.error(`--scale phải là demo hoặc province (nhận: ${scale})`)
  process.exit(1)
}
const c = config()
process.env.DATABASE_PATH = c.DATABASE_PATH
const db = getDb()
migrateDatabase(db)
try {
  const started = Date.now()
  if (scale === 'province') await seedProvince(db, { password: c.DEMO_PASSWORD, force })
  else await seedDemo(db, { password: c.DEMO_PASSWORD, force })
  console.log(`Đã nạp dữ liệu (${scale}) vào ${c.DATABASE_PATH} trong ${((Date.now() - started) / 1000).toFixed(1)} giây.`)
  console.log(DEMO_ACCOUNTS_NOTE(c.DEMO_PASSWORD))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  closeDb()
}
