import { DomainError } from '~/core/errors'
import { parseRoom } from '~/core/rooms'
import type { Role } from '#db/schema/index'
import type { SessionUser } from '~/features/directory/index.server'

/**
 * Who may do what. The one place such decisions are made: loaders, actions, the API and socket
 * room joins all ask here. Later issues add resource rules (a meeting's documents, a unit's tasks).
 */
export type Permission =
  | 'users.manage' // create, edit, deactivate users; reset passwords
  | 'units.manage' // create, edit, deactivate units
  | 'directory.read' // see units and the people in them (names, positions)
  | 'audit.read' // read the audit log
  | 'meetings.manage' // create and edit meetings, send invitations, change their status
  | 'programme.manage' // keep the work programme
  | 'calendar.manage' // the working-day calendar's overrides, and meeting types' rules
  | 'meetings.overview' // see every meeting of the body (not only one's own)

const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: ['users.manage', 'units.manage', 'directory.read', 'audit.read', 'calendar.manage', 'meetings.overview'],
  office: ['directory.read', 'meetings.manage', 'programme.manage', 'calendar.manage', 'meetings.overview'],
  chair: ['directory.read', 'meetings.overview'],
  delegate: ['directory.read'],
  unit_officer: ['directory.read'],
  supervisor: ['directory.read', 'audit.read', 'meetings.overview'],
}

type Subject = Pick<SessionUser, 'id' | 'roles' | 'unitId'>

export function hasRole(user: Subject, ...roles: Role[]) {
  return user.roles.some((r) => roles.includes(r))
}

export function can(user: Subject | null | undefined, permission: Permission): boolean {
  if (!user) return false
  return user.roles.some((role) => rolePermissions[role].includes(permission))
}

/**
 * The one way to refuse: a permission (`authorize(user, 'meetings.manage')`) or a rule of this
 * module with its subject (`authorize(user, canViewMeeting, meeting)`, more than one when the rule takes them). Throws a `forbidden`
 * DomainError, which pages, resource routes and the API all turn into 403 through one table
 * (`HTTP_STATUS_OF`; for pages `core/http.server.ts`).
 */
export function authorize(user: Subject | null | undefined, permission: Permission): asserts user is Subject
export function authorize<U extends Subject, A extends unknown[]>(user: U, rule: (user: U, ...subject: A) => boolean, ...subject: A): void
export function authorize<U extends Subject, A extends unknown[]>(user: U | null | undefined, rule: Permission | ((user: U, ...subject: A) => boolean), ...subject: A) {
  const allowed = typeof rule === 'string' ? can(user, rule) : Boolean(user) && rule(user!, ...subject)
  if (!allowed) throw new DomainError('errors.forbidden', 'forbidden')
}

/** E-mail, phone and roles of a person: administrators, and the person themself. */
export function canSeeContactDetails(viewer: Subject, targetUserId: number) {
  return viewer.id === targetUserId || can(viewer, 'users.manage')
}

/** What a meeting check needs to know: who chairs it and who is invited (substitutes included). */
export type MeetingAccess = { chairUserId: number; participantUserIds: number[] }

/** A meeting (its page, agenda, participants, later its documents): those who oversee, its chair, its participants. */
export function canViewMeeting(user: Subject, meeting: MeetingAccess) {
  return can(user, 'meetings.overview') || meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
}

export function canManageMeetings(user: Subject) {
  return can(user, 'meetings.manage')
}

/**
 * Socket rooms (names in app/core/rooms.ts), by the same rules as the pages they feed.
 * `user:<id>`: only that user. `unit:<id>`: members of the unit, and those who oversee
 * (canFollowUnitTasks). `meeting:<id>`, `meetingTasks:<id>` and `task:<id>`: whoever may view it
 * (the caller looks it up); `conclusion:<id>` also whoever drafts it. `leader:<id>`: the tasks a leader follows — that leader, and those
 * who oversee. `dashboard:0`: every task of the body — those who oversee. `documents:<meetingId>`:
 * whoever may list the meeting's documents; `readiness:<meetingId>`: who has read them — the
 * Office and the chair. `hall:<id>`: whoever may view the meeting; `console:<id>` and `screen:<id>`
 * (attendance with reasons, the check-in code): whoever runs it. `minutes:<id>`: whoever writes
 * the minutes (the Office, the chair, the minute-taker). `poll:<id>`: a poll's voters, counting
 * board, chair and the Office (counts only). Anything else is refused.
 */
export function canJoinRoom(
  user: Subject,
  room: string,
  lookup: { meeting?: (id: number) => MeetingAccess | null; task?: (id: number) => TaskAccess | null; documentPresenters?: (meetingId: number) => number[]; minutesTaker?: (meetingId: number) => number | null; pollMembers?: (campaignId: number) => PollMembers | null } = {},
): boolean {
  const parsed = parseRoom(room)
  if (!parsed) return false
  const { kind, id } = parsed
  if (kind === 'user') return id === user.id
  if (kind === 'unit') return canFollowUnitTasks(user, id)
  if (kind === 'leader') return canFollowLeaderTasks(user, id)
  if (kind === 'dashboard') return id === 0 && can(user, 'meetings.overview')
  if (kind === 'task') {
    const task = lookup.task?.(id)
    return task ? canViewTask(user, task) : false
  }
  if (kind === 'documents' || kind === 'readiness') {
    const meeting = lookup.meeting?.(id)
    if (!meeting) return false
    return kind === 'readiness' ? canSeeReadiness(user, meeting) : canListMeetingDocuments(user, meeting, lookup.documentPresenters?.(id) ?? [])
  }
  if (kind === 'poll') {
    const poll = lookup.pollMembers?.(id)
    return !!poll && pollRole(user, poll, 'draft').sees
  }
  if (kind === 'minutes') {
    const meeting = lookup.meeting?.(id)
    if (!meeting) return false
    return canEditMinutes(user, meeting, lookup.minutesTaker?.(id) ?? null)
  }
  if (kind === 'console' || kind === 'screen') {
    const meeting = lookup.meeting?.(id)
    return meeting ? canRunSession(user, meeting) : false
  }
  // meeting, meetingTasks, hall and conclusion: whoever may view the meeting (the meeting's dashboard
  // shows its tasks to them), and for the conclusion also whoever drafts it.
  const meeting = lookup.meeting?.(id)
  if (!meeting) return false
  return canViewMeeting(user, meeting) || (kind === 'conclusion' && canEditConclusion(user, meeting))
}

/**
 * Running the meeting in session (opening it, the agenda, the floor, votes, attendance, the
 * console and big-screen rooms): the meeting's chair and the Office (decision 013). Entering the
 * room (`hall:<id>`) is viewing the meeting.
 */
export function canRunSession(user: Subject, meeting: MeetingAccess) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id
}

/** Writing a meeting's minutes: its minute-taker, the Office and the meeting's chair. */
export function canEditMinutes(user: Subject, meeting: MeetingAccess, takerUserId: number | null) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id || (takerUserId != null && takerUserId === user.id)
}

/** Approving or returning the minutes: the meeting's chair. */
export function canApproveMinutes(user: Subject, meeting: MeetingAccess) {
  return meeting.chairUserId === user.id
}

/** Approved minutes: those who write them, and — once the chair or the Office shared them — whoever may view the meeting. */
export function canReadApprovedMinutes(user: Subject, meeting: MeetingAccess, takerUserId: number | null, shared: boolean) {
  return canEditMinutes(user, meeting, takerUserId) || (shared && canViewMeeting(user, meeting))
}

/** Whole-body reports (and supervision): those who oversee, and chairs. */
export function canSeeBodyReports(user: Subject) {
  return can(user, 'meetings.overview') || hasRole(user, 'chair')
}

/**
 * The scope of a report a person may see: any for those who see the whole body; a unit officer
 * only their unit's own evaluation; null for anyone else (or another unit asked for).
 */
export function reportScopeFor(user: Subject, requestedUnitId: number | null): { unitId: number | null } | null {
  if (canSeeBodyReports(user)) return { unitId: requestedUnitId }
  if (hasRole(user, 'unit_officer') && user.unitId) return requestedUnitId == null || requestedUnitId === user.unitId ? { unitId: user.unitId } : null
  return null
}

/** Issuing a report (its figures frozen, numbered): the Office. */
export function canIssueReports(user: Subject) {
  return can(user, 'meetings.manage')
}

/** What poll checks need: who votes, who counts, who chairs. */
export type PollMembers = { voterIds: number[]; boardIds: number[]; chairUserId: number }

/**
 * A person in a confidence poll: voter, counting board, the Office, the chair; whether they see the
 * poll at all; whether they see its results (after the close: the board, the Office and the chair;
 * once published, the voters too).
 */
export function pollRole(user: Subject, poll: PollMembers, state: 'draft' | 'open' | 'closed' | 'published') {
  const voter = poll.voterIds.includes(user.id)
  const board = poll.boardIds.includes(user.id)
  const office = can(user, 'meetings.manage')
  const chair = poll.chairUserId === user.id
  const counted = state === 'closed' || state === 'published'
  return { voter, board, office, chair, sees: voter || board || office || chair, results: (counted && (board || office || chair)) || (state === 'published' && voter) }
}

/** What task checks need: the lead unit, the coordinating units, who follows it and who chaired. */
export type TaskAccess = { leadUnitId: number; coordinatingUnitIds: number[]; followingLeaderId: number | null; chairUserId: number }

/** Those who oversee, the lead and coordinating units' members, the following leader and the chair. */
export function canViewTask(user: Subject, task: TaskAccess) {
  return (
    can(user, 'meetings.overview') ||
    user.unitId === task.leadUnitId ||
    (user.unitId != null && task.coordinatingUnitIds.includes(user.unitId)) ||
    task.followingLeaderId === user.id ||
    task.chairUserId === user.id
  )
}

/** Progress, obstacles, extension requests and completion: the lead unit's officers only (R4.6h). */
export function canReportOnTask(user: Subject, task: TaskAccess) {
  return hasRole(user, 'unit_officer') && user.unitId === task.leadUnitId
}

/** Coordinating units add their contributions but never change the status. */
export function canContributeToTask(user: Subject, task: TaskAccess) {
  return hasRole(user, 'unit_officer') && user.unitId != null && task.coordinatingUnitIds.includes(user.unitId)
}

/** Approving extensions and accepting completion: the Office, or the chair / following leader. */
export function canDecideOnTask(user: Subject, task: TaskAccess) {
  return can(user, 'meetings.manage') || (hasRole(user, 'chair') && (task.chairUserId === user.id || task.followingLeaderId === user.id))
}

/** Changing the lead unit needs the chair (R4.4). */
export function canReassignTask(user: Subject, task: TaskAccess) {
  return hasRole(user, 'chair') && (task.chairUserId === user.id || task.followingLeaderId === user.id)
}

/** Drafting the conclusion: the Office prepares it, the meeting's chair edits and approves it. */
export function canEditConclusion(user: Subject, meeting: MeetingAccess) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id
}

/** Issuing (and correcting) the notice: the chair of the meeting. */
export function canIssueConclusion(user: Subject, meeting: MeetingAccess) {
  return hasRole(user, 'chair') && meeting.chairUserId === user.id
}

/**
 * A meeting's conclusion at all (its page, its API, its downloads): those who draft it, those who
 * may view the meeting, and — once it is issued, `recipientUnitIds` not null — the units it is sent to.
 */
export function canReadConclusion(user: Subject, meeting: MeetingAccess, recipientUnitIds: number[] | null) {
  return canEditConclusion(user, meeting) || (recipientUnitIds !== null && canReadIssuedConclusion(user, meeting, recipientUnitIds)) || canViewMeeting(user, meeting)
}

/** An issued notice: whoever may view the meeting, and the units it is sent to (Nơi nhận). */
export function canReadIssuedConclusion(user: Subject, meeting: MeetingAccess, recipientUnitIds: number[]) {
  return canViewMeeting(user, meeting) || (user.unitId != null && recipientUnitIds.includes(user.unitId))
}

/** What document checks need: whether it is distributed or restricted, who presents it and who is named on it. */
export type DocumentAccess = { meeting: MeetingAccess; distributed: boolean; restricted: boolean; presenterUserId: number | null; readerIds: number[] }

function isMeetingMember(user: Subject, meeting: MeetingAccess) {
  return meeting.chairUserId === user.id || meeting.participantUserIds.includes(user.id)
}

/**
 * A meeting's document list (R4.6d, R4.5): the Office, the meeting's chair and participants, and
 * those who present one of its documents. Overseeing the body is not enough: documents go to the
 * meeting's people only.
 */
export function canListMeetingDocuments(user: Subject, meeting: MeetingAccess, presenterIds: number[]) {
  return can(user, 'meetings.manage') || isMeetingMember(user, meeting) || presenterIds.includes(user.id)
}

/** Uploading documents and new versions: the Office, or a presenter on the meeting's agenda. */
export function canUploadDocuments(user: Subject, presenterIds: number[]) {
  return can(user, 'meetings.manage') || presenterIds.includes(user.id)
}

/**
 * Opening a document: the Office and its presenter always; the meeting's people once it is
 * distributed; a restricted one only those named on it.
 */
export function canOpenDocument(user: Subject, doc: DocumentAccess) {
  if (can(user, 'meetings.manage') || doc.presenterUserId === user.id) return true
  if (!doc.distributed || !isMeetingMember(user, doc.meeting)) return false
  return !doc.restricted || doc.readerIds.includes(user.id)
}

/** New versions of a document: the Office and its presenter. */
export function canAddDocumentVersion(user: Subject, doc: Pick<DocumentAccess, 'presenterUserId'>) {
  return can(user, 'meetings.manage') || doc.presenterUserId === user.id
}

/** Written opinions (góp ý): the meeting's chair and participants (the time limit is the model's). */
export function canGiveOpinion(user: Subject, doc: DocumentAccess) {
  return isMeetingMember(user, doc.meeting) && canOpenDocument(user, doc)
}

/** All written opinions on a document: the Office, the presenter and the meeting's chair (who weighs them before the meeting). */
export function canReadOpinions(user: Subject, doc: DocumentAccess) {
  return can(user, 'meetings.manage') || doc.presenterUserId === user.id || doc.meeting.chairUserId === user.id
}

/** Who has read what (the readiness panel): the Office and the meeting's chair. */
export function canSeeReadiness(user: Subject, meeting: MeetingAccess) {
  return can(user, 'meetings.manage') || meeting.chairUserId === user.id
}

/** A leader's tasks (dashboard and `leader:<id>` room): that leader, and those who oversee. */
export function canFollowLeaderTasks(user: Subject, leaderId: number) {
  return leaderId === user.id || can(user, 'meetings.overview')
}

/** A unit's tasks on the dashboard: its members, and those who oversee. */
export function canFollowUnitTasks(user: Subject, unitId: number) {
  return user.unitId === unitId || can(user, 'meetings.overview')
}
