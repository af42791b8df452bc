import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/features/directory/index.server'
import { serveDocumentFile } from '~/features/documents/index.server'
import { parseId } from '~/core/schemas'

/** A document's file (`?inline` for the viewer, `?version=n` for an earlier one): see serveDocumentFile. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const url = new URL(request.url)
  return serveDocumentFile(request, user, params.documentId, { version: parseId(url.searchParams.get('version') ?? undefined) ?? undefined, inline: url.searchParams.has('inline'), asPdf: url.searchParams.get('as') === 'pdf', ip: (context as { ip?: string }).ip })
}
