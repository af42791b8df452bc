import { json } from '@remix-run/node'
import { requireUser } from '~/features/directory/index.server'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { parseId } from '~/core/schemas'
import type { Actor, SessionUser } from '~/features/directory/index.server'
import { closeCampaign, enterPaperTotals, openCampaign, pollAccess, publishResults } from './polls.server'
import type { PollIntent } from './schemas'

/** The polls' public surface for routes, the API and the realtime server. */
export { ballotKeys, closeExpiredPolls, createCampaign, getCampaign, issueToken, listCampaigns, pollAccess, pollMembers, pollProgress, pollResults, submitBallot } from './polls.server'
export { paperBallotPdf, resultsDocx, resultsPdf } from './export.server'

/** The signed-in user and what they are in the poll, or a 404 (no such poll, or none of theirs). */
export function requirePollAccess(request: Request, pollIdParam: string | undefined) {
  const user = requireUser(request)
  const pollId = parseId(pollIdParam)
  const access = pollId ? pollAccess(user, pollId) : null
  if (!pollId || !access?.sees) throw json({ message: 'polls.errors.notFound' }, { status: 404 })
  return { user, pollId, access }
}

/** One change of the poll by the page's rules: opening and closing for the Office, publishing for the chair, paper figures for the board. */
export async function runPollIntent(user: SessionUser, pollId: number, input: PollIntent, actor: Actor) {
  const access = pollAccess(user, pollId)!
  const refuse = () => {
    throw new DomainError('polls.errors.forbidden', 'forbidden')
  }
  switch (input.intent) {
    case 'open':
      if (!access.office) refuse()
      return openCampaign(pollId, actor)
    case 'close':
      if (!access.office && !access.board) refuse()
      return closeCampaign(pollId, actor)
    case 'publish':
      return publishResults(pollId, { ...actor, id: user.id })
    case 'paper':
      return enterPaperTotals(pollId, user.id, input.rows)
  }
}

export function fileResponse(body: Buffer, kind: 'docx' | 'pdf', name: string) {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\w-]+/g, '-')
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
      'Content-Disposition': `attachment; filename="${ascii}.${kind}"; filename*=UTF-8''${encodeURIComponent(`${name}.${kind}`)}`,
      'Content-Length': String(body.length),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

export { HTTP_STATUS_OF }
