import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { actorOf, listUserOptions, requireUser, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { createCampaign, listCampaigns } from '~/features/polls/index.server'
import { campaignFormSchema, parseCandidates } from '~/features/polls'
import { NewPollForm } from '~/features/polls/lazy'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDateTime } from '~/core/dates'
import { vietnamDate } from '~/core/days'
import { can } from '~/core/permissions.server'
import { vietnamInstant } from '~/features/meetings'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.polls') }]

/** Confidence polls: the ones a person takes part in (all of them for the Office), and the Office's form for a new one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const manage = can(user, 'meetings.manage')
  return json({
    polls: listCampaigns({ user }),
    manage,
    people: manage ? listUserOptions().map((u) => ({ value: String(u.id), label: `${u.fullName}${u.unitName ? ` — ${u.unitName}` : ''}`, line: `${u.fullName}; ${u.position ?? ''}; ${u.unitName ?? ''}` })) : [],
    chairs: manage ? listUserOptions({ role: 'chair' }).map((u) => ({ value: String(u.id), label: u.fullName })) : [],
    today: vietnamDate(new Date()),
  })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'meetings.manage')
  const submission = parseForm(await readForm(request), { schema: campaignFormSchema })
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 })
  const v = submission.value
  let id: number
  try {
    id = createCampaign({ input: {
        title: v.title,
        legalBasis: v.legalBasis,
        bodyName: v.bodyName,
        chairUserId: v.chairUserId,
        opensAt: vietnamInstant(v.opensDate, v.opensTime),
        closesAt: vietnamInstant(v.closesDate, v.closesTime),
        allowSignature: v.allowSignature,
        candidates: parseCandidates(v.candidates),
        voterRoles: v.voterRoles,
        voterUserIds: v.voterUserIds,
        boardUserIds: v.boardUserIds,
      }, actor: actorOf(user, context) })
  } catch (error) {
    return json(replyWithDomainError(submission, error), { status: statusOf(error) })
  }
  return redirectWithToast(`/polls/${id}`, { key: 'polls.created' })
}

export default function Polls() {
  const { polls, manage, people, chairs, today } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <h1>{t('polls.title')}</h1>
      {polls.length ? (
        <ul className="space-y-2">
          {polls.map((p) => (
            <li key={p.id} className="rounded-md border border-stone-200 bg-white p-3">
              <Link to={`/polls/${p.id}`} className="font-semibold">
                {p.title}
              </Link>{' '}
              <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-sm">{t(`polls.states.${p.state}`)}</span>
              <p className="text-sm text-stone-700">{t('polls.period', { from: formatDateTime(p.opensAt), to: formatDateTime(p.closesAt) })}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('polls.none')}</p>
      )}
      {manage ? (
        <Suspense fallback={<p>{t('common.loading')}</p>}>
          <NewPollForm lastResult={lastResult ?? undefined} people={people} chairs={chairs} today={today} />
        </Suspense>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
