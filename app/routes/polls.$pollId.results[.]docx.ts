import type { LoaderFunctionArgs } from '@remix-run/node'
import { fileResponse, pollResults, pollFor, resultsDocx } from '~/features/polls/index.server'
import { requireUser } from '~/features/directory/index.server'

/** The counting board's record with the result table (DOCX): to whoever may see the results. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { pollId, access } = pollFor(user, params.pollId)
  if (!access.results) throw Response.json({ message: 'polls.errors.notClosed' }, { status: 404 })
  const r = pollResults({ id: pollId })!
  return fileResponse(await resultsDocx(r), 'docx', `Biên bản kiểm phiếu - ${r.campaign.title}`)
}
