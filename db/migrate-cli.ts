import { config } from '~/core/config.server'
import { closeDb, getDb } from './client'
import { migrateDatabase } from './migrate'

/** `npm run db:migrate`: applies pending migrations (the server also does this at start). */
process.env.DATABASE_PATH = config().DATABASE_PATH
migrateDatabase(getDb())
closeDb()
console.log(`Đã áp dụng migration cho ${process.env.DATABASE_PATH}.`)
