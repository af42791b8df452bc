import type { Actor } from '~/core/actor'

/**
 * Socket rooms, shared by the browser and the server: `<kind>:<id>`, named only through these
 * builders. Each live kind has one read model (features/dashboard/views.server.ts and the
 * features' view modules, whose exported `…View` types are the payloads) that every member of the
 * room may see. Who may join which kind is one table, `joinRules` (server/realtime/rooms.ts),
 * composed of the features' own rules.
 */
export const rooms = {
  user: (id: number) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  /** The whole body's task follow-up (those who oversee). */
  dashboard: () => 'dashboard:0',
  /** A unit's tasks (lead or coordinating): its members and those who oversee. */
  unit: (id: number) => `unit:${id}`,
  /** The tasks a leader follows. */
  leader: (id: number) => `leader:${id}`,
  /** The tasks a meeting's notice assigned. */
  meetingTasks: (id: number) => `meetingTasks:${id}`,
  task: (id: number) => `task:${id}`,
  meeting: (id: number) => `meeting:${id}`,
  documents: (id: number) => `documents:${id}`,
  /** A meeting's conclusion: which notice is issued, which draft is open. */
  conclusion: (meetingId: number) => `conclusion:${meetingId}`,
  readiness: (id: number) => `readiness:${id}`,
  /** The meeting room in session: what every member of the room sees. */
  hall: (meetingId: number) => `hall:${meetingId}`,
  /** The chair's and the Office's console: each person's attendance, display links. */
  console: (meetingId: number) => `console:${meetingId}`,
  /** The room's big screen (and the console's copy of it): the check-in code. */
  screen: (meetingId: number) => `screen:${meetingId}`,
  /** A meeting's minutes: what the room recorded (the editor's live prefill) and the minutes' status — those who write them. */
  minutes: (meetingId: number) => `minutes:${meetingId}`,
  /** A confidence poll's counts (voters convened, tokens issued, ballots in): its voters, board, chair and the Office. */
  poll: (campaignId: number) => `poll:${campaignId}`,
} as const

/** The kinds of room a browser may ask to join (`session:<id>` is the server's own, for closing a signed-out session's sockets). */
export type RoomKind = Exclude<keyof typeof rooms, 'session'>
const ROOM_KINDS = Object.keys(rooms).filter((k) => k !== 'session') as RoomKind[]

export const ROOM_PATTERN = new RegExp(`^(${ROOM_KINDS.join('|')}):(\\d{1,12})$`)

/**
 * Who may be in the rooms of one kind. Given the room's id, a rule reads what it needs once and
 * answers for each person: joining asks it about one person, a re-check after a change about
 * everyone in the room.
 */
export type JoinRule = (id: number) => (user: Actor) => boolean
export type JoinRules = { [K in RoomKind]: JoinRule }

export function parseRoom(room: string): { kind: RoomKind; id: number } | null {
  const match = ROOM_PATTERN.exec(room)
  return match ? { kind: match[1] as RoomKind, id: Number(match[2]) } : null
}

/** One push: the room, the change counter it was computed at, and the room's read model. */
export type LiveUpdate = { room: string; version: number; data: unknown }
