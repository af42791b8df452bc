import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { DB } from './client'

/**
 * Backups of one deployment: the SQLite database through `VACUUM INTO` (one read transaction: a
 * consistent copy while the server — or any other connection — keeps writing, which SQLite's
 * page-by-page backup API would restart on every write from another connection) and the file store. Stored files are content-addressed and never
 * change, so each backup hard-links them (a copy where links cannot be made): a backup costs the
 * database's size plus the files added since.
 *
 *   BACKUP_DIR/nghisu-2026-12-01T020000/nghisu.db
 *   BACKUP_DIR/nghisu-2026-12-01T020000/files/ab/ab12…
 */
export const BACKUP_PREFIX = 'nghisu-'

function stamp(now: Date) {
  // Asia/Ho_Chi_Minh, sortable: 2026-12-01T020000
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace(/:/g, '')
}

async function linkTree(from: string, to: string) {
  let entries: fs.Dirent[]
  try {
    entries = await fsp.readdir(from, { withFileTypes: true })
  } catch {
    return 0
  }
  let n = 0
  await fsp.mkdir(to, { recursive: true })
  for (const entry of entries) {
    // Temporary uploads and converted PDFs are not part of the record.
    if (entry.name === 'tmp' || entry.name === 'pdf') continue
    const source = path.join(from, entry.name)
    const target = path.join(to, entry.name)
    if (entry.isDirectory()) n += await linkTree(source, target)
    else if (entry.isFile() && !fs.existsSync(target)) {
      await fsp.link(source, target).catch(() => fsp.copyFile(source, target))
      n++
    }
  }
  return n
}

/** Makes a backup now and keeps the newest `keep`; returns its folder. */
export async function backupDatabase(options: { db: DB; filesDir: string; backupDir: string; keep: number; now?: Date }) {
  const now = options.now ?? new Date()
  const folder = path.join(options.backupDir, `${BACKUP_PREFIX}${stamp(now)}`)
  const partial = `${folder}.partial`
  await fsp.rm(partial, { recursive: true, force: true })
  await fsp.mkdir(partial, { recursive: true })
  options.db.$client.prepare('VACUUM INTO ?').run(path.join(partial, 'nghisu.db'))
  const files = await linkTree(options.filesDir, path.join(partial, 'files'))
  // Only a complete backup gets its name: a crash mid-way leaves a `.partial` folder, never a bad backup.
  await fsp.rm(folder, { recursive: true, force: true })
  await fsp.rename(partial, folder)
  const removed = await pruneBackups(options.backupDir, options.keep)
  return { folder, files, removed }
}

export async function listBackups(backupDir: string) {
  const names = await fsp.readdir(backupDir).catch(() => [] as string[])
  return names.filter((n) => n.startsWith(BACKUP_PREFIX) && !n.endsWith('.partial')).sort()
}

async function pruneBackups(backupDir: string, keep: number) {
  const all = await listBackups(backupDir)
  const old = all.slice(0, Math.max(0, all.length - keep))
  for (const name of old) await fsp.rm(path.join(backupDir, name), { recursive: true, force: true })
  return old.length
}

/** The lock a running server holds on its database: `<DATABASE_PATH>.pid`. */
function serverLockPath(databasePath: string) {
  return `${databasePath}.pid`
}

/** Records this process as the database's server; removed on a clean stop. */
export function holdServerLock(databasePath: string) {
  const file = serverLockPath(databasePath)
  fs.writeFileSync(file, String(process.pid))
  return () => fs.rmSync(file, { force: true })
}

/** The pid of a live server using the database, if any (a lock left by a crash does not count). */
function runningServer(databasePath: string): number | null {
  let pid: number
  try {
    pid = Number(fs.readFileSync(serverLockPath(databasePath), 'utf8'))
  } catch {
    return null
  }
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return null
  }
}

export class RestoreRefused extends Error {}

/**
 * Puts a backup back: the database file (checked first with `PRAGMA integrity_check`) and the
 * stored files it refers to. Refused while a server is running on the database.
 */
export async function restoreBackup(options: { backup: string; databasePath: string; filesDir: string }) {
  const pid = runningServer(options.databasePath)
  if (pid) throw new RestoreRefused(`Máy chủ (pid ${pid}) đang dùng ${options.databasePath}: hãy dừng máy chủ trước khi khôi phục.`)
  const source = fs.statSync(options.backup).isDirectory() ? path.join(options.backup, 'nghisu.db') : options.backup
  const check = new Database(source, { readonly: true, fileMustExist: true })
  try {
    const result = check.pragma('integrity_check', { simple: true })
    if (result !== 'ok') throw new RestoreRefused(`Bản sao lưu hỏng (${String(result)}).`)
  } finally {
    check.close()
  }
  for (const suffix of ['-wal', '-shm']) await fsp.rm(options.databasePath + suffix, { force: true })
  await fsp.mkdir(path.dirname(path.resolve(options.databasePath)), { recursive: true })
  await fsp.copyFile(source, options.databasePath)
  const files = fs.statSync(options.backup).isDirectory() ? await linkTree(path.join(options.backup, 'files'), options.filesDir) : 0
  return { database: options.databasePath, files }
}
