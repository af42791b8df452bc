import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse, getCampaign, paperBallotPdf, pollFor } from '~/features/polls/index.server'
import { requireUser } from '~/features/directory/index.server'

/** The paper ballot to print (the Office and the counting board). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { pollId, access } = pollFor(user, params.pollId)
  if (!access.office && !access.board) throw Response.json({ message: 'polls.errors.forbidden' }, { status: 403 })
  const c = getCampaign({ id: pollId })!
  return fileResponse(await paperBallotPdf(c), 'pdf', `Phiếu lấy ý kiến tín nhiệm - ${c.title}`)
}
