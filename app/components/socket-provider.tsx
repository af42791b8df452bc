import { useRevalidator } from '@remix-run/react'
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react'
import { io, type Socket } from 'socket.io-client'
import type { ClientToServerEvents, ServerToClientEvents } from '~/schemas/realtime'

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>
const SocketContext = createContext<AppSocket | null>(null)

/** The live connection of a signed-in page; later features subscribe to rooms through it. */
export function useSocket() {
  return useContext(SocketContext)
}

export function SocketProvider({ children }: { children: ReactNode }) {
  // Created once per mount in the browser (never on the server), connected by the effect.
  const [socket] = useState<AppSocket | null>(() => (typeof window === 'undefined' ? null : io({ autoConnect: false, withCredentials: true })))
  const { revalidate } = useRevalidator()
  useEffect(() => {
    if (!socket) return
    // The server closes the socket when the session ends (signed out elsewhere, deactivated):
    // reloading the data sends this tab to the sign-in page. Deferred, so the tab that signed
    // out itself (and is already leaving the signed-in shell) is not reloaded on top of that.
    let timer: ReturnType<typeof setTimeout> | undefined
    const onDisconnect = (reason: Socket.DisconnectReason) => {
      if (reason === 'io server disconnect') timer = setTimeout(() => revalidate(), 800)
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
 * Joins a room while the component is mounted (again after every reconnect, which also catches
 * up by revalidating) and revalidates the page's data when one of `eventNames` arrives.
 */
export function useLiveRoom(room: string | null, eventNames: (keyof ServerToClientEvents)[]) {
  const socket = useSocket()
  const { revalidate } = useRevalidator()
  const names = eventNames.join(',')
  useEffect(() => {
    if (!socket || !room) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const refresh = () => {
      clearTimeout(timer)
      timer = setTimeout(() => revalidate(), 150)
    }
    const join = () => {
      socket.emit('room.join', { room }, () => {})
    }
    const onReconnect = () => {
      join()
      refresh()
    }
    if (socket.connected) join()
    socket.on('connect', onReconnect)
    const list = names.split(',') as (keyof ServerToClientEvents)[]
    for (const name of list) socket.on(name, refresh)
    return () => {
      clearTimeout(timer)
      socket.off('connect', onReconnect)
      for (const name of list) socket.off(name, refresh)
      socket.emit('room.leave', { room }, () => {})
    }
  }, [socket, room, names, revalidate])
}
