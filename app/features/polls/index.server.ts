import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { findById } from '~/core/schemas'
import type { SessionUser } from '~/features/directory/index.server'
import { closeCampaign, enterPaperTotals, openCampaign, pollAccess, publishResults } from './polls.server'
import type { PollIntent } from './schemas'
import type { AuditActor } from '~/core/actor'

/** The polls' public surface for routes, the API and the realtime server. */
export { ballotKeys, closeExpiredPolls, createCampaign, getCampaign, issueToken, listCampaigns, pollAccess, pollProgress, pollResults, submitBallot } from './polls.server'
export { paperBallotPdf, resultsDocx, resultsPdf } from './export.server'

/** A poll and what this person is in it, by the id a page was given; not found when there is no such poll or none of theirs. */
export function pollFor(user: SessionUser, pollIdParam: string | number | undefined) {
  const { id: pollId, found: access } = findById(pollIdParam, (id) => {
    const access = pollAccess({ user, id })
    return access?.sees ? access : null
  }, 'polls.errors.notFound')
  return { pollId, access }
}

/** One change of the poll by the page's rules: opening and closing for the Office, publishing for the chair, paper figures for the board. */
export async function runPollIntent(user: SessionUser, pollId: number, input: PollIntent, actor: AuditActor) {
  const access = pollAccess({ user, id: pollId })!
  const refuse = () => {
    throw new DomainError('polls.errors.forbidden', 'forbidden')
  }
  switch (input.intent) {
    case 'open':
      if (!access.office) refuse()
      return openCampaign({ id: pollId, actor })
    case 'close':
      if (!access.office && !access.board) refuse()
      return closeCampaign({ id: pollId, actor })
    case 'publish':
      return publishResults({ id: pollId, actor: { ...actor, id: user.id } })
    case 'paper':
      return enterPaperTotals({ id: pollId, boardUserId: user.id, rows: input.rows })
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
export { pollRooms } from './rooms.server'
export type { PollEvents } from './events'
export { pollLive } from './realtime.server'
