/**
 * Socket rooms, shared by the browser and the server: `<kind>:<id>`. Each live kind has one read
 * model (views.server.ts, whose exported `…View` types are the payloads) that every member of the room may see; who may join which kind
 * is `canJoinRoom` in the permission module.
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

export const ROOM_PATTERN = /^(user|unit|meeting|meetingTasks|task|leader|dashboard|documents|readiness|conclusion|hall|console|screen|minutes|poll):(\d{1,12})$/

export type RoomKind = 'user' | 'unit' | 'meeting' | 'meetingTasks' | 'task' | 'leader' | 'dashboard' | 'documents' | 'readiness' | 'conclusion' | 'hall' | 'console' | 'screen' | 'minutes' | 'poll'

export function parseRoom(room: string): { kind: RoomKind; id: number } | null {
  const match = ROOM_PATTERN.exec(room)
  return match ? { kind: match[1] as RoomKind, id: Number(match[2]) } : null
}

/** One push: the room, the change counter it was computed at, and the room's read model. */
export type LiveUpdate = { room: string; version: number; data: unknown }
