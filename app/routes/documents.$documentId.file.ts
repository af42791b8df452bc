import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, requireUser } from '~/auth.server'
import { ForbiddenError, serveDocumentFile } from '~/document-file.server'
import { DomainError } from '~/lib/errors'
import { parseId } from '~/schemas/common'

/** A document's file (`?inline` for the viewer, `?version=n` for an earlier one): see serveDocumentFile. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const id = parseId(params.documentId)
  invariantResponse(id, 'document.notFound')
  const url = new URL(request.url)
  try {
    return await serveDocumentFile(request, user, id, { version: parseId(url.searchParams.get('version') ?? undefined) ?? undefined, inline: url.searchParams.has('inline'), asPdf: url.searchParams.get('as') === 'pdf', ip: (context as { ip?: string }).ip })
  } catch (error) {
    invariantResponse(!(error instanceof ForbiddenError), 'errors.forbidden', 403)
    invariantResponse(!(error instanceof DomainError), error instanceof DomainError ? error.message : 'document.notFound')
    throw error
  }
}
