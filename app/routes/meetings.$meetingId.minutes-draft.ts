import type { ActionFunctionArgs } from '@remix-run/node'
import { minutesFor, saveMinutesDraft } from '~/features/minutes/index.server'
import { minutesDraftSchema } from '~/features/minutes'
import { readForm } from '~/core/forms.server'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { requireUser } from '~/features/directory/index.server'

/**
 * Autosave of the minutes (called with fetch by the editor, so a dropped connection is retried by
 * the page). Answers JSON: the new revision, or the reason it was refused.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { meetingId, canEdit, manages } = minutesFor(user, params.meetingId)
  if (!canEdit) return Response.json({ ok: false, message: 'minutes.errors.forbidden' }, { status: 403 })
  const parsed = minutesDraftSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return Response.json({ ok: false, message: 'minutes.errors.invalidDocument' }, { status: 400 })
  let content: unknown
  try {
    content = JSON.parse(parsed.data.content)
  } catch {
    return Response.json({ ok: false, message: 'minutes.errors.invalidDocument' }, { status: 400 })
  }
  try {
    const saved = saveMinutesDraft({ meetingId, input: { content, baseRevision: parsed.data.baseRevision }, actor: { id: user.id, ip: (context as { ip?: string } | undefined)?.ip, mayEditSubmitted: manages } })
    return Response.json({ ok: true, revision: saved.revision, savedAt: saved.savedAt.toISOString() })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return Response.json({ ok: false, message: error.message }, { status: HTTP_STATUS_OF[error.kind] })
  }
}
