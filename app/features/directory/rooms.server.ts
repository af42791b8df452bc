import type { JoinRules } from '~/core/rooms'

/** `user:<id>`: that person only (their notifications, their sessions' news). */
export const directoryRooms = {
  user: (id) => (user) => user.id === id,
} satisfies Partial<JoinRules>
