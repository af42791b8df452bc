import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, requireUser } from '~/features/directory/index.server'
import { ForbiddenError, serveDocumentFile } from '~/features/documents/index.server'
import { DomainError } from '~/core/errors'
import { parseId } from '~/core/schemas'

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
