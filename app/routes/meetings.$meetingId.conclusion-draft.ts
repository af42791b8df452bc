import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from '~/core/zod'
import { requireUser } from '~/features/directory/index.server'
import { authorize } from '~/core/permissions.server'
import { canEditConclusion, findConclusion, saveDraft } from '~/features/conclusions/index.server'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { readForm } from '~/core/forms.server'

const draftSchema = z.object({
  content: z.string().max(1_500_000),
  summary: z.string().trim().max(500, 'validation.tooLong'),
  baseRevision: z.coerce.number().int().min(0),
})

/**
 * Autosave of the conclusion draft (called with fetch by the editor, so a dropped connection is
 * retried by the page instead of breaking it). Answers JSON: the new revision, or the reason.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { meetingId, access } = findConclusion(params.meetingId)
  authorize(user, canEditConclusion, access)
  const parsed = draftSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return Response.json({ ok: false, message: 'conclusion.invalidDocument' }, { status: 400 })
  let content: unknown
  try {
    content = JSON.parse(parsed.data.content)
  } catch {
    return Response.json({ ok: false, message: 'conclusion.invalidDocument' }, { status: 400 })
  }
  try {
    const saved = saveDraft({ meetingId, who: { id: user.id, ip: (context as { ip?: string } | undefined)?.ip }, input: { content, summary: parsed.data.summary, baseRevision: parsed.data.baseRevision } })
    return Response.json({ ok: true, revision: saved.revision, savedAt: saved.savedAt.toISOString() })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return Response.json({ ok: false, message: error.message }, { status: HTTP_STATUS_OF[error.kind] })
  }
}
