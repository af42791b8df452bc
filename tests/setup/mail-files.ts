import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { SMTPServer } from 'smtp-server'

export type Mail = { from: string; to: string[]; raw: string }

/** A real SMTP server on loopback that keeps what it receives; the app reaches it through SMTP_URL. */
export async function startSmtpSink() {
  const received: Mail[] = []
  const smtp = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')))
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  return {
    received,
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  }
}

/** A mail's body as text: quoted-printable soft breaks and escapes undone, UTF-8 decoded. */
export function decodeMail(raw: string) {
  return Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')
}

/** A small valid PDF with the given text (one page). */
export function pdfBytes(text: string) {
  return new Promise<Uint8Array>((resolve) => {
    const doc = new PDFDocument()
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    doc.text(text)
    doc.end()
  })
}

/** The start of a Windows executable, padded: what a program disguised as a document looks like. */
export const exeBytes = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, ...new Array(600).fill(0)])

/** Every file under the test file's FILES_DIR (temporary files included). */
export function storedBlobs() {
  const dir = process.env.FILES_DIR!
  return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : []
}
