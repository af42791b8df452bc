import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { blobPath, filesDir } from '~/core/files.server'

/**
 * Optional: where LibreOffice is installed on the server, office documents (DOCX, XLSX, PPTX, ODT)
 * can be converted to PDF so they open in the viewer. Detected once (at start); conversions run one
 * at a time, and each result is kept under FILES_DIR/pdf/<sha256>.pdf.
 */
const OFFICE_EXTENSIONS = new Set(['docx', 'xlsx', 'pptx', 'odt'])
const state = globalThis as unknown as { __nghisuConverter?: string | null }

export function detectOfficeConverter(candidates = ['soffice', 'libreoffice']) {
  state.__nghisuConverter = null
  for (const bin of candidates) {
    const probe = spawnSync(bin, ['--version'], { timeout: 20_000, encoding: 'utf8' })
    if (probe.status === 0) {
      state.__nghisuConverter = bin
      break
    }
  }
  return state.__nghisuConverter
}

function officeConverter() {
  return state.__nghisuConverter === undefined ? detectOfficeConverter() : state.__nghisuConverter
}

export function canConvertToPdf(ext: string) {
  return OFFICE_EXTENSIONS.has(ext) && officeConverter() !== null
}

let queue: Promise<unknown> = Promise.resolve()

/** The PDF of a stored office file (converted once, then kept), or null when no converter is installed or it fails. */
export function convertedPdf(sha256: string, ext: string): Promise<string | null> {
  const bin = officeConverter()
  if (!bin || !OFFICE_EXTENSIONS.has(ext)) return Promise.resolve(null)
  const target = path.join(filesDir(), 'pdf', `${sha256}.pdf`)
  if (fs.existsSync(target)) return Promise.resolve(target)
  const job = queue.then(async () => {
    if (fs.existsSync(target)) return target
    const work = path.join(filesDir(), 'tmp', randomUUID())
    await fsp.mkdir(work, { recursive: true })
    try {
      const input = path.join(work, `${sha256}.${ext}`)
      await fsp.copyFile(blobPath(sha256), input)
      const ok = await new Promise<boolean>((resolve) => {
        const child = spawn(bin, ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, input], { stdio: 'ignore', timeout: 120_000 })
        child.on('error', () => resolve(false))
        child.on('close', (code) => resolve(code === 0))
      })
      const output = path.join(work, `${sha256}.pdf`)
      if (!ok || !fs.existsSync(output)) return null
      await fsp.mkdir(path.dirname(target), { recursive: true })
      await fsp.rename(output, target)
      return target
    } finally {
      await fsp.rm(work, { recursive: true, force: true })
    }
  })
  queue = job.catch(() => null)
  return job
}
