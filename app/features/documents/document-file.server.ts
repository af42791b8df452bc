import fsp from 'node:fs/promises'
import { formatDateTime } from '~/core/dates'
import { DomainError } from '~/core/errors'
import { watermarkPdf } from './watermark.server'
import { authorize } from '~/core/permissions.server'
import { documentFile, findDocument, recordRead } from './documents.server'
import { ACCEPTED_TYPES, blobPath } from '~/core/files.server'
import { contentDisposition, fileResponse } from '~/core/uploads.server'
import { convertedPdf } from './office-convert.server'
import { canOpenDocument } from './permissions.server'
import type { SessionUser } from '~/features/directory/index.server'

/**
 * Whether the browser says the request came from another site (`Sec-Fetch-Site`): a link or an
 * image on another site can make a signed-in browser fetch a file, which must not count as the
 * person reading it. A direct visit (`none`), this site, and clients that send no such header
 * (integrations with a token) count.
 */
function fromAnotherSite(request: Request) {
  const site = request.headers.get('sec-fetch-site')
  return site === 'cross-site' || site === 'same-site'
}

/**
 * A document's file for a page or the API: permission, read receipt (for the current version; a
 * viewer fetching further ranges is not another reading), the watermark on restricted PDFs
 * (every opening of a restricted document is audited), and Range for the rest.
 */
export async function serveDocumentFile(request: Request, user: SessionUser, documentIdParam: string | number | undefined, options: { version?: number; inline?: boolean; asPdf?: boolean; ip?: string | null }) {
  const { id: documentId, access } = findDocument(documentIdParam)
  authorize(user, canOpenDocument, access)
  // A restricted document opens only from this site (every opening is audited); others are served without a read receipt.
  if (access.restricted && fromAnotherSite(request)) throw new DomainError('errors.forbidden', 'forbidden')
  const file = documentFile({ documentId, version: options.version })
  if (!file) throw new DomainError('document.notFound', 'not_found')
  const kind = options.inline ? 'inline' : 'attachment'
  const range = request.headers.get('range')
  if (file.version === access.currentVersion && !fromAnotherSite(request) && (!range || /^bytes=0-/.test(range) || access.restricted)) recordRead({ documentId, who: { id: user.id, ip: options.ip } })
  if (access.restricted && file.mime === 'application/pdf') {
    const stamped = await watermarkPdf(await fsp.readFile(blobPath(file.sha256)), [`${user.fullName} · ${formatDateTime(new Date())}`, 'TÀI LIỆU MẬT — KHÔNG SAO CHÉP'])
    return new Response(new Uint8Array(stamped), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': contentDisposition(file.name, kind),
        'Content-Length': String(stamped.length),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      },
    })
  }
  if (options.asPdf && file.mime !== 'application/pdf') {
    // Office formats shown in the viewer, where the server has LibreOffice (converted once, kept).
    const pdfPath = await convertedPdf(file.sha256, extOf(file.mime))
    if (!pdfPath) throw new DomainError('document.noConversion', 'not_found')
    const size = (await fsp.stat(pdfPath)).size
    return fileResponse(request, { sha256: file.sha256, size, mime: 'application/pdf', path: pdfPath }, `${file.name.replace(/\.[^.]+$/, '')}.pdf`, kind)
  }
  return fileResponse(request, file, file.name, kind)
}

const extOf = (mime: string) => Object.entries(ACCEPTED_TYPES).find(([, m]) => m === mime)?.[0] ?? ''
