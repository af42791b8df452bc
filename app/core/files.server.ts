import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { inArray } from 'drizzle-orm'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import { config } from '~/core/config.server'
import { DomainError } from '~/core/errors'
import { cleanText } from '~/core/text'
import { type DBOrTx, getDb } from '#db/client'
import { files } from '#db/schema/index'

/**
 * Stored files: typed from their content and kept once per content under
 * FILES_DIR/<2 hex>/<sha256>. What refers to a file keeps the name it was uploaded with; names
 * never become paths. Reading uploads and answering downloads (HTTP) is app/core/uploads.server.ts.
 */

/** The formats accepted, by the extension file-type reports for their content. */
export const ACCEPTED_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
}
/** Names a file may carry for each detected type (a PDF named .docx is refused). */
const NAME_EXTENSIONS: Record<string, string[]> = { jpg: ['jpg', 'jpeg'] }
export const ACCEPT_ATTRIBUTE = Object.keys(ACCEPTED_TYPES).flatMap((e) => (NAME_EXTENSIONS[e] ?? [e]).map((x) => `.${x}`)).join(',')

export type StoredFile = { field: string; name: string; sha256: string; size: number; mime: string; ext: string }

export function filesDir() {
  return path.resolve(config().FILES_DIR)
}
export function blobPath(sha256: string) {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad hash')
  return path.join(filesDir(), sha256.slice(0, 2), sha256)
}

/** A file name fit for display: no directories, no control or direction-override characters (name spoofing), at most 200 characters. */
export function displayName(raw: string) {
  const base = cleanText(raw.replace(/\\/g, '/').split('/').pop()!).replace(/[\t\r\n]/g, ' ').trim()
  return (base || 'tep').slice(0, 200)
}

/**
 * The type of a stored or temporary file, judged from its content: an accepted format whose name
 * carries a matching extension, or a DomainError naming `field`.
 */
export async function typeOfFile(filePath: string, name: string, field: string) {
  const type = await fileTypeFromFile(filePath)
  if (!type || !ACCEPTED_TYPES[type.ext]) throw new DomainError('file.typeNotAccepted', 'invalid', field)
  const nameExt = path.extname(name).slice(1).toLowerCase()
  if (!(NAME_EXTENSIONS[type.ext] ?? [type.ext]).includes(nameExt)) throw new DomainError('file.nameMismatch', 'invalid', field)
  return { mime: ACCEPTED_TYPES[type.ext]!, ext: type.ext }
}

/** Moves a checked temporary file into the store (or drops it when the same content is there already). */
/**
 * Removes temporary upload files older than `olderThanMs` (all of them at start, when no upload
 * can be in flight): what a crash or a killed process left behind.
 */
export async function clearStaleUploads(olderThanMs = 0, now = Date.now()) {
  const dir = path.join(filesDir(), 'tmp')
  let names: string[]
  try {
    names = await fsp.readdir(dir)
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    const file = path.join(dir, name)
    const stat = await fsp.stat(file).catch(() => null)
    if (stat?.isFile() && (olderThanMs === 0 || now - stat.mtimeMs >= olderThanMs)) {
      await fsp.rm(file, { force: true })
      removed++
    }
  }
  return removed
}

export async function moveIntoStore(tmp: string, sha256: string) {
  const target = blobPath(sha256)
  await fsp.mkdir(path.dirname(target), { recursive: true })
  if (fs.existsSync(target)) await fsp.unlink(tmp)
  else await fsp.rename(tmp, target)
}

/** Records stored files inside the caller's transaction (a file already known is left as it is). */
export function recordFiles(tx: DBOrTx, list: StoredFile[], now = new Date()) {
  for (const f of list) tx.insert(files).values({ sha256: f.sha256, size: f.size, mime: f.mime, ext: f.ext, createdAt: now }).onConflictDoNothing().run()
}

/** After a failed transaction: removes the stored contents no row refers to. */
export async function discardUnrecorded(list: StoredFile[], db: DBOrTx = getDb()) {
  if (!list.length) return
  const known = new Set(db.select({ sha256: files.sha256 }).from(files).where(inArray(files.sha256, list.map((f) => f.sha256))).all().map((r) => r.sha256))
  await Promise.all(list.filter((f) => !known.has(f.sha256)).map((f) => fsp.rm(blobPath(f.sha256), { force: true })))
}

/** Stores bytes made on the server (seed data, generated files) like an upload: typed from content, once per hash. */
export async function storeBytes(bytes: Uint8Array, name: string): Promise<StoredFile> {
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !ACCEPTED_TYPES[type.ext]) throw new DomainError('file.typeNotAccepted', 'invalid')
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const target = blobPath(sha256)
  if (!fs.existsSync(target)) {
    await fsp.mkdir(path.dirname(target), { recursive: true })
    const tmp = `${target}.${randomUUID()}.tmp`
    await fsp.writeFile(tmp, bytes)
    await fsp.rename(tmp, target)
  }
  return { field: 'file', name: displayName(name), sha256, size: bytes.length, mime: ACCEPTED_TYPES[type.ext]!, ext: type.ext }
}
