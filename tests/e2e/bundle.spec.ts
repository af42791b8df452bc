import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'

/**
 * What the browser downloads holds no database schema: no drizzle table definitions and no column
 * names (the vocabulary the pages need comes from db/schema/enums.ts, which has no drizzle in it).
 * Reads the client build that `npm test` made just before.
 */
test('the client bundle contains no table definition or column name', () => {
  const dir = path.resolve('build/client/assets')
  const assets = fs.readdirSync(dir).filter((f) => f.endsWith('.js'))
  expect(assets.length).toBeGreaterThan(10)
  const offending = assets.flatMap((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8')
    return ['sqliteTable', 'password_hash', 'secret_hash', 'coordinating_unit_ids'].filter((word) => text.includes(word)).map((word) => `${f}: ${word}`)
  })
  expect(offending).toEqual([])
})
