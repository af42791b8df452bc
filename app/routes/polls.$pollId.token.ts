import type { ActionFunctionArgs } from '@remix-run/node'
import { issueToken, pollFor } from '~/features/polls/index.server'
import { tokenBodySchema } from '~/features/polls'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { requireUser } from '~/features/directory/index.server'

/**
 * Step 1 of the secret ballot, signed in: the browser's blinded token gets the campaign's blind
 * signature. The server learns only that this voter took part — it never sees the token.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { pollId } = pollFor(user, params.pollId)
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return Response.json({ ok: false, message: 'polls.errors.badToken' }, { status: 400 })
  }
  const parsed = tokenBodySchema.safeParse(body)
  if (!parsed.success) return Response.json({ ok: false, message: 'polls.errors.badToken' }, { status: 400 })
  try {
    const signature = issueToken({ id: pollId, userId: user.id, blinded: Uint8Array.from(Buffer.from(parsed.data.blinded, 'base64')) })
    return Response.json({ ok: true, blindSignature: Buffer.from(signature).toString('base64') }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return Response.json({ ok: false, message: error.message }, { status: HTTP_STATUS_OF[error.kind] })
  }
}
