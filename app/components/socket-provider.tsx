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
    // reloading the data sends this tab to the sign-in page.
    const onDisconnect = (reason: Socket.DisconnectReason) => {
      if (reason === 'io server disconnect') revalidate()
    }
    socket.on('disconnect', onDisconnect)
    socket.connect()
    return () => {
      socket.off('disconnect', onDisconnect)
      socket.disconnect()
    }
  }, [socket, revalidate])
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>
}
