import type { ActionFunctionArgs } from '@remix-run/node'
import { submitBallot } from '~/features/polls/index.server'
import { ballotBodySchema } from '~/features/polls'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { parseId } from '~/core/schemas'

/**
 * Step 2 of the secret ballot, without cookies: the token, its signature and the marks. No session
 * is read and nothing about the request (address, time) is recorded; the ballot is stored under the
 * token's hash, in a shuffled batch.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const pollId = parseId(params.pollId)
  if (!pollId) return Response.json({ ok: false, message: 'polls.errors.notFound' }, { status: 404 })
  let body: unknown
  try {
    body = await request.json()
  } catch {
    return Response.json({ ok: false, message: 'polls.errors.badBallot' }, { status: 400 })
  }
  const parsed = ballotBodySchema.safeParse(body)
  if (!parsed.success) return Response.json({ ok: false, message: 'polls.errors.badBallot' }, { status: 400 })
  try {
    const { ballotKey } = await submitBallot({ id: pollId, input: { token: Uint8Array.from(Buffer.from(parsed.data.token, 'base64')), signature: Uint8Array.from(Buffer.from(parsed.data.signature, 'base64')), marks: parsed.data.marks, signerName: parsed.data.signerName } })
    return Response.json({ ok: true, ballotKey }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return Response.json({ ok: false, message: error.message }, { status: HTTP_STATUS_OF[error.kind] })
  }
}
