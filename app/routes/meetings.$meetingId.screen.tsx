import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { io, type Socket } from 'socket.io-client'
import { optionalUser } from '~/features/directory/index.server'
import { SocketProvider, useLiveView, useSocket } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { hallAccess, screenView, validateDisplayToken } from '~/features/live-meeting/index.server'
import { Screen, type ScreenView, ServerClockProvider } from '~/features/live-meeting'
import { DomainError } from '~/core/errors'
import { type LiveUpdate, rooms } from '~/core/rooms'
import { parseId } from '~/core/schemas'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data && 'view' in data && data.view ? data.view.meeting.title : 'Màn hình phòng họp' }, { name: 'robots', content: 'noindex' }]

/**
 * The room's big screen. Opened with a display link (`?key=nsd_…`: read-only, this meeting only,
 * revocable; no sign-in on the projector's computer) or by whoever runs the meeting while signed in.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const meetingId = parseId(params.meetingId)
  const key = new URL(request.url).searchParams.get('key')
  let allowed = false
  if (meetingId && key) allowed = validateDisplayToken({ token: key })?.meetingId === meetingId
  else if (meetingId) {
    const user = optionalUser(request)
    try {
      allowed = !!user && hallAccess(user, meetingId).runs
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
    }
  }
  const view = allowed && meetingId ? screenView({ meetingId }) : null
  if (!view) return json({ view: null, key: null, version: 0 }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
  return json({ view, key: key ?? null, version: events.version() }, { headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } })
}

export default function ScreenPage() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  if (!data.view) return <p className="m-8 text-xl">{t('live.display.invalid')}</p>
  if (data.key) return <KeyedScreen token={data.key} version={data.version} loaded={data.view} />
  return (
    <SocketProvider>
      <SignedInScreen version={data.version} loaded={data.view} />
    </SocketProvider>
  )
}

function SignedInScreen({ version, loaded }: { version: number; loaded: ScreenView }) {
  const socket = useSocket()
  const view = useLiveView(rooms.screen(loaded.meeting.id), version, loaded)
  return (
    <ServerClockProvider socket={socket}>
      <Screen view={view} />
    </ServerClockProvider>
  )
}

/** A display link's screen: its own socket to the `/display` namespace, which joins the meeting's screen room. */
function KeyedScreen({ token, version, loaded }: { token: string; version: number; loaded: ScreenView }) {
  const [socket] = useState<Socket | null>(() => (typeof window === 'undefined' ? null : io('/display', { autoConnect: false, auth: { token } })))
  const { t } = useTranslation()
  const [state, setState] = useState({ version, view: loaded })
  const [revoked, setRevoked] = useState(false)
  useEffect(() => {
    if (!socket) return
    const room = rooms.screen(loaded.meeting.id)
    const onUpdate = (u: LiveUpdate) => {
      if (u.room !== room) return
      setState((s) => (u.version < s.version ? s : { version: u.version, view: u.data as ScreenView }))
    }
    // A revoked link: the server closes the socket (or refuses it on reconnecting).
    const onDisconnect = (reason: Socket.DisconnectReason) => reason === 'io server disconnect' && setRevoked(true)
    const onRefused = (error: Error) => error.message === 'unauthorized' && setRevoked(true)
    socket.on('live.update', onUpdate)
    socket.on('disconnect', onDisconnect)
    socket.on('connect_error', onRefused)
    socket.connect()
    return () => {
      socket.off('live.update', onUpdate)
      socket.off('disconnect', onDisconnect)
      socket.off('connect_error', onRefused)
      socket.disconnect()
    }
  }, [socket, loaded.meeting.id])
  if (revoked) return <p className="m-8 text-xl">{t('live.display.invalid')}</p>
  return (
    <ServerClockProvider socket={socket as never}>
      <Screen view={state.view} />
    </ServerClockProvider>
  )
}
