import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { actorOf, invariantResponse, requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { SocketProvider, useLiveView, useSocket } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { consoleView, getMyNotes, hallAccess, hallView, myAttendance, runHallIntent, screenView } from '~/features/live-meeting/index.server'
import { AgendaPanel, AttendancePanel, CheckinPanel, DisplayPanel, FloorPanel, hallIntentSchema, ItemDocuments, MyAttendance, NotesPanel, QueuePanel, ServerClockProvider, SessionControls, SessionHeader, TotalsPanel, VotesPanel } from '~/features/live-meeting'
import { parseForm, readForm } from '~/core/forms.server'
import { DomainError, HTTP_STATUS_OF } from '~/core/errors'
import { rooms } from '~/core/rooms'
import { parseId } from '~/core/schemas'
import { listMeetingDocuments } from '~/features/documents/index.server'
import { pageTitle } from '~/i18n'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, 'titles.hallOf', { title: data?.hall.meeting.title ?? '' }) }]

function access(request: Request, param: string | undefined) {
  const user = requireUser(request)
  const meetingId = parseId(param)
  invariantResponse(meetingId, 'errors.notFound', 404)
  try {
    return { user, meetingId, ...hallAccess(user, meetingId) }
  } catch (error) {
    if (error instanceof DomainError) throw json({ message: error.message }, { status: 404 })
    throw error
  }
}

/**
 * The meeting room (R4.6b, R4.6e, R4.6f): the delegate's live view — check-in, the current item,
 * the floor with its countdown, requests to speak, votes, private notes — and, for the chair and
 * the Office, the console around it. Everything after the first load arrives through the room's
 * live views; no change reloads the page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, meetingId, access: meeting, runs } = access(request, params.meetingId)
  const version = events.version()
  const hall = hallView({ meetingId })
  invariantResponse(hall, 'errors.notFound', 404)
  const desk = runs ? consoleView({ meetingId }) : null
  const participant = meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
  return json({
    meetingId,
    version,
    hall,
    console: desk,
    screen: runs ? screenView({ meetingId }) : null,
    me: { id: user.id, participant, runs },
    mine: myAttendance({ meetingId, userId: user.id }),
    notes: getMyNotes({ meetingId, userId: user.id })?.text ?? '',
    // This person's documents (restricted ones only for their readers), shown under the item being discussed.
    documents: listMeetingDocuments({ meetingId, user }).map((d) => ({ id: d.id, title: d.title, agendaItemId: d.agendaItemId, readState: d.readState })),
    code: new URL(request.url).searchParams.get('code')?.replace(/\D/g, '').slice(0, 6) ?? '',
  })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, meetingId } = access(request, params.meetingId)
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '').slice(0, 40)
  const submission = parseForm(form, { schema: hallIntentSchema })
  if (submission.status !== 'success') {
    const fieldErrors: Record<string, string[]> = {}
    for (const [name, messages] of Object.entries(submission.error ?? {})) if (name && messages?.length) fieldErrors[name] = messages
    const formErrors = submission.error?.[''] ?? (Object.keys(fieldErrors).length ? [] : ['errors.badRequest'])
    return json({ ok: false as const, intent, formErrors, fieldErrors }, { status: 400 })
  }
  try {
    const result = runHallIntent(user, meetingId, submission.value, actorOf(user, context))
    return json({ ok: true as const, intent, token: result?.token ?? null })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const status = HTTP_STATUS_OF[error.kind]
    return json({ ok: false as const, intent, formErrors: error.field ? [] : [error.message], fieldErrors: error.field ? { [error.field]: [error.message] } : {} }, { status })
  }
}

export default function MeetingRoom() {
  return (
    <SocketProvider>
      <Room />
    </SocketProvider>
  )
}

function Room() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const socket = useSocket()
  const { meetingId, me } = data
  const hall = useLiveView(rooms.hall(meetingId), data.version, data.hall)
  const desk = useLiveView(me.runs ? rooms.console(meetingId) : null, data.version, data.console)
  const screen = useLiveView(me.runs ? rooms.screen(meetingId) : null, data.version, data.screen)
  const people = (desk?.people ?? []).map((p) => ({ userId: p.userId, name: p.name }))
  return (
    <ServerClockProvider socket={socket}>
      <div className="min-h-screen bg-stone-100">
        <header className="bg-brand-700 text-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
            <h1 className="text-lg font-bold text-white sm:text-xl">{hall.meeting.title}</h1>
            {me.runs ? (
              <Link to={`/meetings/${meetingId}/minutes`} className="ml-auto text-sm text-white underline">
                {t('minutes.title')}
              </Link>
            ) : null}
            <Link to={`/meetings/${meetingId}`} className={`${me.runs ? '' : 'ml-auto '}text-sm text-white underline`}>
              {t('live.back')}
            </Link>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl space-y-4 px-3 py-4 sm:px-4">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <SessionHeader hall={hall} />
            {me.runs ? <SessionControls hall={hall} /> : null}
          </div>
          {!hall.session ? <p className="rounded-md bg-white p-3">{t('live.session.notOpenYet')}</p> : null}
          {hall.session?.state === 'closed' ? <p className="rounded-md bg-white p-3">{t('live.session.closedNote')}</p> : null}
          <CheckinPanel hall={hall} me={me} initialCode={data.code} />
          <MyAttendance hall={hall} me={me} mine={data.mine} />
          <div className="grid gap-4 lg:grid-cols-3">
            <div className="space-y-4 lg:col-span-2">
              <FloorPanel hall={hall} me={me} />
              <QueuePanel hall={hall} me={me} people={people} />
              <VotesPanel hall={hall} me={me} />
            </div>
            <div className="space-y-4">
              <ItemDocuments hall={hall} documents={data.documents} />
              <AgendaPanel hall={hall} me={me} meetingId={meetingId} />
              <AttendancePanel hall={hall} console={desk} />
              <TotalsPanel hall={hall} />
              {me.participant ? <NotesPanel notes={data.notes} /> : null}
              {me.runs && desk ? <DisplayPanel meetingId={meetingId} desk={desk} screen={screen} /> : null}
            </div>
          </div>
        </main>
      </div>
    </ServerClockProvider>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
