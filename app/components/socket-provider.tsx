import { useNavigation, useRevalidator } from '@remix-run/react'
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { LiveUpdate } from '~/core/rooms'
import type { ClientToServerEvents, ServerToClientEvents } from '~/core/realtime-schemas'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>
const SocketContext = createContext<AppSocket | null>(null)

/** The live connection of a signed-in page; features subscribe to rooms through it. */
export function useSocket() {
  return useContext(SocketContext)
}

/**
 * `useRevalidator().revalidate` changes identity between renders; effects that depended on it
 * re-ran on every navigation (and reconnected the socket). A ref keeps the latest one instead.
 */
function useLatestRevalidate() {
  const { revalidate } = useRevalidator()
  const ref = useRef(revalidate)
  useEffect(() => {
    ref.current = revalidate
  }, [revalidate])
  return ref
}

export function SocketProvider({ children }: { children: ReactNode }) {
  // Created once per mount in the browser (never on the server), connected by the effect.
  const [socket] = useState<AppSocket | null>(() => (typeof window === 'undefined' ? null : io({ autoConnect: false, withCredentials: true })))
  const revalidate = useLatestRevalidate()
  const navigation = useNavigation()
  const navigationState = useRef(navigation.state)
  useEffect(() => {
    navigationState.current = navigation.state
  }, [navigation.state])
  useEffect(() => {
    if (!socket) return
    // The server closes the socket when the session ends (signed out elsewhere, deactivated):
    // reloading the data sends this tab to the sign-in page. A tab that is itself submitting or
    // navigating (the one that signed out) reloads its data anyway and is left alone.
    let timer: ReturnType<typeof setTimeout> | undefined
    const onDisconnect = (reason: Socket.DisconnectReason) => {
      if (reason !== 'io server disconnect' || navigationState.current !== 'idle') return
      timer = setTimeout(() => {
        if (navigationState.current === 'idle') revalidate.current()
      }, 500)
    }
    socket.on('disconnect', onDisconnect)
    socket.connect()
    return () => {
      clearTimeout(timer)
      socket.off('disconnect', onDisconnect)
      socket.disconnect()
    }
  }, [socket, revalidate])
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>
}

/**
 * A live view: the page's loaded data for `room`, replaced by what the server pushes to the room
 * (`live.update`, the room's read model computed once per change) without any request. `version`
 * is the change counter the loader read at; a push older than what the page holds is ignored, and
 * a newer loader result (after the page's own submission) replaces the pushed state. `reduce`
 * merges a push into the current state (default: the push replaces it). On joining, and again
 * after a reconnect, the server sends the room's current state; `ids` names the task rows the page
 * shows so that snapshot brings them up to date too.
 */
export function useLiveView<T, P = T>(room: string | null, version: number, loaded: T, options: { reduce?: (current: T, pushed: P) => T; ids?: number[] } = {}): T {
  const socket = useSocket()
  const [state, setState] = useState({ version, data: loaded, loaded })
  let current = state
  if (state.loaded !== loaded && version >= state.version) {
    current = { version, data: loaded, loaded }
    setState(current)
  }
  const latest = useRef({ version: current.version, reduce: options.reduce, ids: options.ids })
  useEffect(() => {
    latest.current = { version: current.version, reduce: options.reduce, ids: options.ids }
  })
  useEffect(() => {
    if (!socket || !room) return
    const join = () => socket.emit('room.join', latest.current.ids?.length ? { room, ids: latest.current.ids.slice(0, 500) } : { room }, () => {})
    const onUpdate = (update: LiveUpdate) => {
      if (update.room !== room || update.version < latest.current.version) return
      latest.current.version = update.version
      const reduce = latest.current.reduce
      setState((s) => ({ version: update.version, data: reduce ? reduce(s.data, update.data as P) : (update.data as T), loaded: s.loaded }))
    }
    socket.on('live.update', onUpdate)
    socket.on('connect', join)
    if (socket.connected) join()
    return () => {
      socket.off('live.update', onUpdate)
      socket.off('connect', join)
      socket.emit('room.leave', { room }, () => {})
    }
  }, [socket, room])
  return current.data
}

/**
 * Reloads the page's data once when a live value no longer matches what the loader decided on
 * (a new day moves tasks between buckets; a new lead unit changes who may report; a notice was
 * issued). While the page itself submits or navigates it waits: that navigation reloads the data
 * anyway, and a reload started now would abort it and swallow its outcome (the toast).
 */
export function useReloadWhenChanged(live: string, loaded: string) {
  const revalidate = useLatestRevalidate()
  const idle = useNavigation().state === 'idle'
  const asked = useRef('')
  useEffect(() => {
    if (!idle || live === loaded || asked.current === live) return
    asked.current = live
    revalidate.current()
  }, [idle, live, loaded, revalidate])
}
