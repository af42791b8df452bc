import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { backupDatabase, holdServerLock, listBackups, restoreBackup } from '#db/backup'
import { getDb } from '#db/client'
import { units } from '#db/schema'
import { startScheduler } from '#server/scheduler'
import { createUnit } from '../factories'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'nghisu-backup-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))
const filesDir = () => process.env.FILES_DIR!

describe('backups (npm run db:backup / db:restore, and daily)', () => {
  it('a backup taken while another connection keeps writing is whole and consistent, with the file store', async () => {
    createUnit({ name: 'Đơn vị trước sao lưu' })
    fs.mkdirSync(path.join(filesDir(), 'ab'), { recursive: true })
    fs.writeFileSync(path.join(filesDir(), 'ab', 'ab12'), 'nội dung tệp')
    // Another process keeps writing the whole time.
    const { spawn } = await import('node:child_process')
    const writer = spawn(process.execPath, ['--import', 'tsx', 'tests/setup/writer.ts', process.env.DATABASE_PATH!, '1500'], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    writer.stdout.on('data', (d) => (out += String(d)))
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const before = getDb().select().from(units).all().length
    const { folder, files } = await backupDatabase({ db: getDb(), filesDir: filesDir(), backupDir: path.join(work, 'b1'), keep: 5 })
    const during = getDb().select().from(units).all().length
    await new Promise((resolve) => writer.once('exit', resolve))
    const written = Number(out.trim().split('\n').at(-1))
    expect(written).toBeGreaterThan(0)
    expect(getDb().select().from(units).all().length).toBeGreaterThan(during)
    const copy = new Database(path.join(folder, 'nghisu.db'), { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect((copy.prepare('select count(*) n from units').get() as { n: number }).n).toBeGreaterThanOrEqual(before)
    copy.close()
    expect(files).toBe(1)
    expect(fs.readFileSync(path.join(folder, 'files', 'ab', 'ab12'), 'utf8')).toBe('nội dung tệp')
  })

  it('keeps the newest BACKUP_KEEP backups', async () => {
    const dir = path.join(work, 'b2')
    for (const day of ['2026-11-28', '2026-11-29', '2026-11-30']) await backupDatabase({ db: getDb(), filesDir: filesDir(), backupDir: dir, keep: 2, now: new Date(`${day}T02:00:00+07:00`) })
    expect(await listBackups(dir)).toEqual(['nghisu-2026-11-29T020000', 'nghisu-2026-11-30T020000'])
  })

  it('restoring is refused while a server runs on the database, and puts the backup back once it has stopped', async () => {
    const dir = path.join(work, 'b3')
    const { folder } = await backupDatabase({ db: getDb(), filesDir: filesDir(), backupDir: dir, keep: 5 })
    const target = path.join(work, 'restored', 'nghisu.db')
    fs.mkdirSync(path.dirname(target), { recursive: true })
    const release = holdServerLock(target)
    await expect(restoreBackup({ backup: folder, databasePath: target, filesDir: path.join(work, 'restored-files') })).rejects.toThrow(/đang dùng/)
    release()
    const result = await restoreBackup({ backup: folder, databasePath: target, filesDir: path.join(work, 'restored-files') })
    expect(result.files).toBeGreaterThanOrEqual(1)
    const restored = new Database(target, { readonly: true })
    expect((restored.prepare("select count(*) n from units where name = 'Đơn vị trước sao lưu'").get() as { n: number }).n).toBe(1)
    restored.close()
  })

  it('the scheduler backs up once a day from BACKUP_HOUR on', async () => {
    let now = new Date('2026-12-01T01:30:00+07:00')
    const runs: string[] = []
    const scheduler = startScheduler({ reminderDays: 3, now: () => now, intervalMs: 3_600_000, backup: { hour: 2, run: async (at) => void runs.push(at.toISOString()) } })
    expect(runs).toEqual([])
    now = new Date('2026-12-01T02:05:00+07:00')
    scheduler.tick()
    await new Promise((resolve) => setImmediate(resolve))
    scheduler.tick()
    now = new Date('2026-12-02T02:01:00+07:00')
    await new Promise((resolve) => setImmediate(resolve))
    scheduler.tick()
    scheduler.stop()
    expect(runs).toEqual(['2026-11-30T19:05:00.000Z', '2026-12-01T19:01:00.000Z'])
  })
})
