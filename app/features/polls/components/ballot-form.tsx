import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { FormErrors } from '~/components/ui/card'
import { ballotKey, blindToken } from '../blind'

type Candidate = { id: number; name: string; post: string; unitName: string | null }
type Pending = { token: string; signature: string; marks: Record<string, string | null>; signerName: string | null }
const pendingKey = (pollId: number) => `nghisu:poll-pending:${pollId}`
const keyKey = (pollId: number) => `nghisu:poll-key:${pollId}`

async function send(pollId: number, ballot: Pending) {
  // No cookie, after a random pause: the ballot carries nothing of the voter, and its arrival time says little.
  await new Promise((resolve) => setTimeout(resolve, 800 + Math.floor(Math.random() * 2400)))
  const res = await fetch(`/polls/${pollId}/ballot`, { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(ballot) })
  const body = (await res.json()) as { ok: true; ballotKey: string } | { ok: false; message: string }
  if (!body.ok && body.message !== 'polls.errors.tokenUsed') throw new Error(body.message)
  return body.ok ? body.ballotKey : await ballotKey(ballot.token)
}

/**
 * The electronic ballot (Phụ lục 4): one level per person, a blank only after a confirmation. On
 * sending, the browser has a random token blindly signed (signed in), keeps the signed ballot on
 * this device until it is accepted, then sends it without cookies.
 */
export function BallotForm({ pollId, publicKey, candidates, allowSignature, issued }: { pollId: number; publicKey: string; candidates: Candidate[]; allowSignature: boolean; issued: boolean }) {
  const { t } = useTranslation()
  const [marks, setMarks] = useState<Record<string, string | null>>({})
  const [signerName, setSignerName] = useState('')
  const [phase, setPhase] = useState<'idle' | 'sending' | 'sent' | 'pending'>('idle')
  const [key, setKey] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const deliver = async (ballot: Pending) => {
    setPhase('sending')
    setError(null)
    try {
      const k = await send(pollId, ballot)
      localStorage.removeItem(pendingKey(pollId))
      localStorage.setItem(keyKey(pollId), k)
      setKey(k)
      setPhase('sent')
    } catch (e) {
      setError(e instanceof Error && e.message.startsWith('polls.') ? e.message : 'polls.ballot.failed')
      setPhase('pending')
    }
  }

  // A ballot signed but not accepted (a closed tab, a lost connection) is sent again from this device.
  useEffect(() => {
    // This device's storage is read after hydration (the server cannot see it).
    void (async () => {
      await Promise.resolve()
      const raw = localStorage.getItem(pendingKey(pollId))
      const sentKey = localStorage.getItem(keyKey(pollId))
      if (raw) await deliver(JSON.parse(raw) as Pending)
      else if (sentKey) {
        setKey(sentKey)
        setPhase('sent')
      }
    })()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening the page
  }, [pollId])

  if (phase === 'sent' && key)
    return (
      <div role="status" className="rounded-md border border-green-300 bg-green-50 p-3" data-testid="ballot-sent">
        <p>{t('polls.ballot.sent', { key: key.slice(0, 16) })}</p>
        <p className="text-sm">{t('polls.ballot.keepKey')}</p>
      </div>
    )
  if (phase === 'sending') return <p role="status">{t('polls.ballot.sending')}</p>
  if (issued && phase === 'idle') return <p data-testid="ballot-already">{t('polls.ballot.already')}</p>
  if (phase === 'pending')
    return (
      <div>
        <FormErrors errors={error ? [error] : undefined} />
        <Button onClick={() => void deliver(JSON.parse(localStorage.getItem(pendingKey(pollId)) ?? 'null') as Pending)}>{t('polls.ballot.pending')}</Button>
      </div>
    )

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    const blanks = candidates.filter((c) => !marks[c.id]).length
    if (blanks && !window.confirm(t('polls.ballot.blankConfirm', { count: blanks }))) return
    setPhase('sending')
    try {
      const blind = await blindToken(publicKey)
      const res = await fetch(`/polls/${pollId}/token`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ blinded: blind.blinded }) })
      const body = (await res.json()) as { ok: true; blindSignature: string } | { ok: false; message: string }
      if (!body.ok) {
        setError(body.message)
        setPhase('idle')
        return
      }
      const { token, signature } = await blind.finalize(body.blindSignature)
      const ballot: Pending = { token, signature, marks: Object.fromEntries(candidates.map((c) => [String(c.id), marks[c.id] ?? null])), signerName: allowSignature && signerName.trim() ? signerName.trim() : null }
      localStorage.setItem(pendingKey(pollId), JSON.stringify(ballot))
      await deliver(ballot)
    } catch {
      setError('polls.ballot.failed')
      setPhase('idle')
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-4" data-testid="ballot-form">
      <p className="text-sm text-stone-700">{t('polls.ballot.secrecy')}</p>
      {candidates.map((c, i) => (
        <fieldset key={c.id} className="rounded-md border border-stone-300 p-3">
          <legend className="px-1 font-semibold">
            {i + 1}. {c.name} — {c.post}
            {c.unitName ? `, ${c.unitName}` : ''}
          </legend>
          <div className="flex flex-wrap gap-4">
            {(['high', 'normal', 'low'] as const).map((level) => (
              <label key={level} className="flex min-h-10 items-center gap-2">
                <input type="radio" name={`c${c.id}`} value={level} checked={marks[c.id] === level} onChange={() => setMarks((m) => ({ ...m, [c.id]: level }))} className="size-5" />
                {t(`polls.ballot.levels.${level}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      {allowSignature ? (
        <div>
          <label htmlFor="signer-name" className="mb-1 block text-sm font-medium">
            {t('polls.ballot.signerName')}
          </label>
          <input id="signer-name" value={signerName} onChange={(e) => setSignerName(e.target.value)} maxLength={200} className="block w-full max-w-md rounded-md border border-stone-400 px-3 py-2" />
        </div>
      ) : null}
      <FormErrors errors={error ? [error] : undefined} />
      <Button type="submit" variant="primary">
        {t('polls.ballot.submit')}
      </Button>
    </form>
  )
}

/** After the close: whether this device's ballot key is in the list of ballots received. */
export function MyBallotCheck({ pollId, keys }: { pollId: number; keys: string[] }) {
  const { t } = useTranslation()
  const [mine, setMine] = useState<string | null>(null)
  useEffect(() => {
    void (async () => {
      await Promise.resolve()
      setMine(localStorage.getItem(keyKey(pollId)))
    })()
  }, [pollId])
  if (!mine) return null
  return (
    <p role="status" data-testid="my-ballot-check" className={keys.includes(mine) ? 'text-green-800' : 'text-red-800'}>
      {keys.includes(mine) ? t('polls.ballot.found') : t('polls.ballot.notFound')}
    </p>
  )
}
