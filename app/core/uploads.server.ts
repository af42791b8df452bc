import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { boundedForm, onlyOnce, readForm } from '~/core/forms.server'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import Busboy from '@fastify/busboy'
import parseRange from 'range-parser'
import { config } from '~/core/config.server'
import { DomainError } from '~/core/errors'
import { blobPath, displayName, filesDir, moveIntoStore, type StoredFile, typeOfFile } from '~/core/files.server'

/**
 * Files over HTTP: multipart uploads streamed to disk (never held whole in memory) and hashed on
 * the way, then checked and stored by the files model; downloads streamed from the store.
 */

type Pending = { field: string; name: string; tmp: string; size: number; sha256: string; tooLarge: boolean }

/**
 * Reads a form: fields as FormData, files from `fileFields` streamed to temporary files and then
 * checked (not empty, within `maxFileBytes`, an accepted type whose name matches its content) and
 * moved into the store. Any failure removes every temporary file and throws a DomainError naming
 * the field; nothing is left behind.
 */
export async function readUpload(request: Request, options: { fileFields: string[]; maxFileBytes?: number; maxFiles?: number }) {
  const contentType = request.headers.get('content-type') ?? ''
  if (!contentType.startsWith('multipart/form-data')) return { fields: await readForm(request), files: [] as StoredFile[] }
  const maxFileBytes = options.maxFileBytes ?? config().MAX_UPLOAD_MB * 1024 * 1024
  const tmpDir = path.join(filesDir(), 'tmp')
  await fsp.mkdir(tmpDir, { recursive: true })
  const fields = new FormData()
  const pending: Pending[] = []
  const writes: Promise<void>[] = []
  let tooMany = false
  const fileStreams: Readable[] = []
  let source: Readable | null = null
  let onAbort: (() => void) | null = null
  try {
    await new Promise<void>((resolve, reject) => {
      // A client that goes away mid-body: stop reading, end every file being written (their
      // pipelines fail, so the cleanup below runs), and answer instead of waiting forever.
      onAbort = () => {
        const error = new DomainError('file.badRequest', 'invalid', options.fileFields[0])
        source?.destroy()
        for (const stream of fileStreams) stream.destroy(error)
        reject(error)
      }
      if (request.signal.aborted) return onAbort()
      request.signal.addEventListener('abort', onAbort, { once: true })
      const busboy = new Busboy({ headers: { 'content-type': contentType }, limits: { fileSize: maxFileBytes, files: options.maxFiles ?? 10, fields: 200, fieldSize: 1_000_000 } })
      busboy.on('field', (name: string, value: string) => fields.append(name, value))
      busboy.on('filesLimit', () => (tooMany = true))
      busboy.on('file', (field: string, stream: NodeJS.ReadableStream & { truncated?: boolean }, filename: string) => {
        if (!options.fileFields.includes(field) || !filename) {
          stream.resume() // an empty file input, or a field we do not take
          return
        }
        fileStreams.push(stream as unknown as Readable)
        const item: Pending = { field, name: displayName(filename), tmp: path.join(tmpDir, randomUUID()), size: 0, sha256: '', tooLarge: false }
        pending.push(item)
        const hash = createHash('sha256')
        stream.on('limit', () => (item.tooLarge = true))
        const meter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            item.size += chunk.length
            hash.update(chunk)
            done(null, chunk)
          },
        })
        writes.push(
          pipeline(stream as unknown as Readable, meter, fs.createWriteStream(item.tmp)).then(() => {
            item.sha256 = hash.digest('hex')
          }),
        )
      })
      busboy.on('finish', () => resolve())
      busboy.on('error', reject)
      if (!request.body) return reject(new DomainError('file.badRequest', 'invalid'))
      source = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream).on('error', (error) => {
        for (const stream of fileStreams) stream.destroy(error)
        reject(error)
      })
      source.pipe(busboy)
    })
    await Promise.all(writes)
    if (tooMany) throw new DomainError('file.tooMany', 'invalid', options.fileFields[0])
    // A repeated submission is refused here, before its files reach the store (the temporary ones are removed below).
    const bounded = onlyOnce(boundedForm(fields), request)
    const stored: StoredFile[] = []
    for (const item of pending) {
      if (item.tooLarge) throw new DomainError('file.tooLarge', 'invalid', item.field)
      if (item.size === 0) throw new DomainError('file.empty', 'invalid', item.field)
      stored.push({ field: item.field, name: item.name, sha256: item.sha256, size: item.size, ...(await typeOfFile(item.tmp, item.name, item.field)) })
    }
    for (const [i, file] of stored.entries()) await moveIntoStore(pending[i]!.tmp, file.sha256)
    return { fields: bounded, files: stored }
  } catch (error) {
    await Promise.allSettled(writes)
    await Promise.all(pending.map((p) => fsp.rm(p.tmp, { force: true })))
    if (error instanceof DomainError || error instanceof Response) throw error
    throw new DomainError('file.badRequest', 'invalid', options.fileFields[0])
  } finally {
    if (onAbort) request.signal.removeEventListener('abort', onAbort)
  }
}

/** Content-Disposition with the name in UTF-8 (RFC 5987) and an ASCII fallback. */
export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment') {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`
}

/**
 * A stored file as a streamed response: the detected type, the name, `nosniff`, and HTTP Range
 * (one range → 206; an unsatisfiable one → 416).
 */
export function fileResponse(request: Request, file: { sha256: string; size: number; mime: string; path?: string }, name: string, kind: 'attachment' | 'inline' = 'attachment') {
  const headers = new Headers({
    'Content-Type': file.mime,
    'Content-Disposition': contentDisposition(name, kind),
    'X-Content-Type-Options': 'nosniff',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=0, must-revalidate',
    ETag: `"${file.sha256}"`,
  })
  const range = request.headers.get('range')
  let start = 0
  let end = file.size - 1
  let status = 200
  if (range) {
    const parsed = parseRange(file.size, range, { combine: true })
    if (parsed === -1) {
      headers.set('Content-Range', `bytes */${file.size}`)
      return new Response(null, { status: 416, headers })
    }
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1) {
      start = parsed[0]!.start
      end = parsed[0]!.end
      status = 206
      headers.set('Content-Range', `bytes ${start}-${end}/${file.size}`)
    }
  }
  headers.set('Content-Length', String(end - start + 1))
  if (request.method === 'HEAD') return new Response(null, { status, headers })
  const stream = fs.createReadStream(file.path ?? blobPath(file.sha256), { start, end, highWaterMark: 1024 * 1024 })
  return new Response(Readable.toWeb(stream) as ReadableStream, { status, headers })
}

