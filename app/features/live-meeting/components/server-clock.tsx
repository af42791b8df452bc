import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react'

type ClockSocket = {
  connected: boolean
  on(event: 'connect', listener: () => void): unknown
  off(event: 'connect', listener: () => void): unknown
  timeout(ms: number): { emitWithAck(event: 'clock.sync'): Promise<number> }
}

const OffsetContext = createContext<{ current: number }>({ current: 0 })

/**
 * The server's clock in the browser: on every (re)connect the page asks the server for its time a
 * few times and keeps the offset of the fastest answer (half its round trip is the error), so all
 * screens compute the same countdown from the same stored instants.
 */
export function ServerClockProvider({ socket, children }: { socket: ClockSocket | null; children: ReactNode }) {
  const offset = useRef(0)
  useEffect(() => {
    if (!socket) return
    let cancelled = false
    const sync = async () => {
      let best = Infinity
      for (let i = 0; i < 3 && !cancelled; i++) {
        const sent = Date.now()
        try {
          const server = await socket.timeout(3000).emitWithAck('clock.sync')
          const received = Date.now()
          if (received - sent < best) {
            best = received - sent
            offset.current = server - (sent + received) / 2
          }
        } catch {
          return
        }
      }
    }
    socket.on('connect', sync)
    if (socket.connected) void sync()
    return () => {
      cancelled = true
      socket.off('connect', sync)
    }
  }, [socket])
  return <OffsetContext.Provider value={offset}>{children}</OffsetContext.Provider>
}

/** The server's current time, re-rendered every `everyMs` (only the component that shows a clock ticks). */
export function useServerNow(everyMs = 250) {
  const offset = useContext(OffsetContext)
  const [now, setNow] = useState(() => Date.now() + offset.current)
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + offset.current), everyMs)
    return () => clearInterval(id)
  }, [offset, everyMs])
  return now
}
