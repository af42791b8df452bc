import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { actorOf, requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView, useReloadWhenChanged } from '~/components/socket-provider'
import { Button } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { events } from '~/core/events.server'
import { BallotForm, formatPercent, MyBallotCheck, pollIntentSchema } from '~/features/polls'
import { ballotKeys, getCampaign, pollProgress, pollResults, pollFor, runPollIntent } from '~/features/polls/index.server'
import { parseForm, readForm } from '~/core/forms.server'
import { formatDateTime } from '~/core/dates'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { rooms } from '~/core/rooms'
import { redirectWithToast } from '~/core/toast.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.campaign.title} · Nghị sự` : 'Nghị sự' }]

/**
 * A confidence poll: the secret ballot for its voters; the Office opens and closes it; the
 * counting board enters the paper count and sees the results after the close, with the Office and
 * the chair, who publishes them. Counts (never who) are live.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const { pollId, access } = pollFor(user, params.pollId)
  const campaign = getCampaign({ id: pollId })!
  const counted = campaign.state === 'closed' || campaign.state === 'published'
  return json({
    version: events.version(),
    access,
    campaign: { ...campaign, publicKey: access.voter && campaign.state === 'open' ? campaign.publicKey : null },
    progress: pollProgress({ id: pollId })!,
    results: access.results ? pollResults({ id: pollId }) : null,
    keys: counted && access.sees ? ballotKeys({ id: pollId }) : [],
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(request)
  const { pollId } = pollFor(user, params.pollId)
  const form = await readForm(request)
  const submission = parseForm(form, { schema: pollIntentSchema })
  const intent = String(form.get('intent') ?? '').slice(0, 20)
  if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 })
  try {
    await runPollIntent(user, pollId, submission.value, actorOf(user, context))
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    return json({ intent, result: submission.reply({ formErrors: [error.message] }) }, { status: HTTP_STATUS_OF[error.kind] })
  }
  return redirectWithToast(`/polls/${pollId}`, { key: submission.value.intent === 'paper' ? 'polls.paper.saved' : `polls.states.${{ open: 'open', close: 'closed', publish: 'published' }[submission.value.intent]}` })
}

function IntentButton({ intent, label, confirm, variant = 'secondary' }: { intent: string; label: string; confirm?: string; variant?: 'primary' | 'secondary' | 'danger' }) {
  const navigation = useNavigation()
  const data = useActionData<typeof action>()
  return (
    <Form method="post" onSubmit={(e) => confirm && !window.confirm(confirm) && e.preventDefault()}>
      <input type="hidden" name="intent" value={intent} />
      {data?.intent === intent ? <FormErrors errors={data.result.error?.[''] ?? undefined} /> : null}
      <Button type="submit" variant={variant} disabled={navigation.state !== 'idle'}>
        {label}
      </Button>
    </Form>
  )
}

export default function PollPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const { campaign, access } = data
  const progress = useLiveView(rooms.poll(campaign.id), data.version, data.progress)
  // Opened, closed or published elsewhere: the page takes its new state (the ballot form, the results).
  useReloadWhenChanged(progress.state, data.progress.state)
  const navigation = useNavigation()
  const actionData = useActionData<typeof action>()
  const met = progress.returned >= progress.quorumNeeded
  return (
    <div className="space-y-6">
      <div>
        <h1>{campaign.title}</h1>
        <p className="mt-1 flex flex-wrap gap-3 text-sm">
          <span className="rounded bg-stone-200 px-2 py-0.5 font-medium" data-testid="poll-state">
            {t(`polls.states.${campaign.state}`)}
          </span>
          <span>{t('polls.period', { from: formatDateTime(campaign.opensAt), to: formatDateTime(campaign.closesAt) })}</span>
          <span>{campaign.legalBasis}</span>
        </p>
        <p className="mt-2" data-testid="poll-progress" aria-live="polite">
          {t('polls.progress', { issued: progress.issued, returned: progress.returned, convened: progress.convened, needed: progress.quorumNeeded })} —{' '}
          <strong className={met ? 'text-green-800' : 'text-red-800'}>{met ? t('polls.quorumMet') : t('polls.quorumNotMet')}</strong>
        </p>
      </div>

      {access.office || access.board || access.chair ? (
        <div className="flex flex-wrap gap-3">
          {access.office && campaign.state === 'draft' ? <IntentButton intent="open" label={t('polls.open')} variant="primary" /> : null}
          {(access.office || access.board) && campaign.state === 'open' ? <IntentButton intent="close" label={t('polls.close')} variant="danger" confirm={t('polls.confirmClose')} /> : null}
          {access.chair && campaign.state === 'closed' ? <IntentButton intent="publish" label={t('polls.publish')} variant="primary" /> : null}
          {access.office || access.board ? (
            <a href={`/polls/${campaign.id}/ballots.pdf`} download className="self-center">
              {t('polls.paper.print')}
            </a>
          ) : null}
        </div>
      ) : null}

      {access.voter && campaign.state === 'open' && campaign.publicKey ? (
        <Card title={t('polls.ballot.heading')}>
          <BallotForm pollId={campaign.id} publicKey={campaign.publicKey} candidates={campaign.candidates} allowSignature={campaign.allowSignature} issued={access.issued} />
        </Card>
      ) : access.voter && campaign.state === 'draft' ? (
        <p>{t('polls.ballot.notOpen')}</p>
      ) : null}

      {data.results ? (
        <Card title={t('polls.results.heading')}>
          <p className="mb-2 text-sm">{t(`polls.results.paper.${data.results.paper.status}`)}</p>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-sm" data-testid="poll-results">
              <caption className="sr-only">{t('polls.results.heading')}</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col">{t('polls.results.person')}</th>
                  <th scope="col">{t('polls.results.issued')}</th>
                  <th scope="col">{t('polls.results.returned')}</th>
                  <th scope="col">{t('polls.results.valid')}</th>
                  <th scope="col">{t('polls.results.invalid')}</th>
                  {(['high', 'normal', 'low'] as const).map((l) => (
                    <th key={l} scope="col">
                      {t(`polls.ballot.levels.${l}`)}
                    </th>
                  ))}
                  <th scope="col">{t('polls.results.note')}</th>
                </tr>
              </thead>
              <tbody>
                {data.results.people.map((p) => (
                  <tr key={p.candidateId} className="border-t border-stone-200">
                    <th scope="row" className="py-1 text-left font-medium">
                      {p.name}
                      <span className="block text-xs font-normal text-stone-600">{p.post}</span>
                    </th>
                    <td>{p.issued}</td>
                    <td>{p.returned}</td>
                    <td>{p.valid}</td>
                    <td>{p.invalid}</td>
                    {(['high', 'normal', 'low'] as const).map((l) => (
                      <td key={l}>
                        {p[l]} ({formatPercent(p.percent[l])})
                      </td>
                    ))}
                    <td className={p.threshold === 'none' ? '' : 'font-semibold text-red-800'}>{t(`polls.results.${p.threshold}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-3 flex flex-wrap gap-4">
            <a href={`/polls/${campaign.id}/results.docx`} download data-testid="results-docx">
              {t('polls.results.download')} (DOCX)
            </a>
            <a href={`/polls/${campaign.id}/results.pdf`} download>
              {t('polls.results.download')} (PDF)
            </a>
          </p>
        </Card>
      ) : campaign.state === 'closed' || campaign.state === 'open' ? (
        <p className="text-sm text-stone-700">{t('polls.results.hidden')}</p>
      ) : null}

      {access.board && campaign.state === 'closed' ? (
        <Card title={t('polls.paper.enter')}>
          <Form method="post" className="space-y-3">
            <input type="hidden" name="intent" value="paper" />
            {actionData?.intent === 'paper' ? <FormErrors errors={actionData.result.error?.[''] ?? undefined} /> : null}
            {campaign.candidates.map((c, i) => (
              <fieldset key={c.id} className="rounded border border-stone-300 p-2">
                <legend className="px-1 font-medium">
                  {c.name} — {c.post}
                </legend>
                <input type="hidden" name={`rows[${i}].candidateId`} value={c.id} />
                <div className="flex flex-wrap gap-2">
                  {(['issued', 'returned', 'high', 'normal', 'low', 'invalid'] as const).map((k) => (
                    <label key={k} className="text-sm">
                      <span className="block">{k === 'issued' || k === 'returned' || k === 'invalid' ? t(`polls.results.${k}`) : t(`polls.ballot.levels.${k}`)}</span>
                      <input name={`rows[${i}].${k}`} type="number" min={0} defaultValue={0} className="w-24 rounded border border-stone-400 px-2 py-1" />
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <Button type="submit" disabled={navigation.state !== 'idle'}>
              {t('polls.paper.save')}
            </Button>
          </Form>
        </Card>
      ) : null}

      {data.keys.length && access.voter ? <MyBallotCheck pollId={campaign.id} keys={data.keys} /> : null}
      {data.keys.length ? (
        <details className="rounded-md border border-stone-200 bg-white p-3">
          <summary className="cursor-pointer font-medium">{t('polls.results.keys')}</summary>
          <ul className="mt-2 font-mono text-xs" data-testid="ballot-keys">
            {data.keys.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
