import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/auth.server'
import { requireConclusionAccess } from '~/conclusion-access.server'
import { conclusionPdf, exportFileName } from '~/lib/conclusion-export.server'
import { conclusionForExport } from '~/models/conclusions.server'

/** The notice as PDF: the issued one, or (for those drafting it, with ?draft) the draft. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { state, canEdit } = requireConclusionAccess(request, params.meetingId)
  const wantDraft = new URL(request.url).searchParams.has('draft')
  const conclusion = wantDraft ? (canEdit ? state.draft : null) : state.issued
  invariantResponse(conclusion, 'conclusion.notFound')
  const data = conclusionForExport(conclusion)
  const body = await conclusionPdf(data)
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': exportFileName(data, 'pdf'),
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
