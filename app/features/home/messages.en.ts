import type { vi } from './messages'

/** English, checked against the Vietnamese (loaded only for readers who chose English). */
export const en: Widen<typeof vi> = {
  home: {
    dueSoon: 'Your unit’s tasks due soon',
    overdueSince: 'overdue since {{date}}',
    dueToday: 'due today',
    dueOn: 'due {{date}}',
    nothingDue: 'No task is due in the next two weeks.',
    allUnitTasks: 'All of your unit’s tasks →',
    nextMeeting: 'The next meeting you chair',
    answers: '{{attending}} attending · {{declined}} absent or sending someone · {{pending}} not answered',
    notInvitedYet: 'The Office has not sent the invitations yet.',
    documentsRead: '{{count}} documents distributed, {{percent}}% read by the delegates.',
    noDocumentsYet: 'No document distributed yet.',
    seeReadiness: 'See readiness →',
    toInvite: 'Meetings in the next two weeks without invitations',
    invitationsToAnswer: 'Invitations — {{count}} waiting for your answer',
    awaitingDecision: 'Waiting for your decision',
    awaitingNone: 'Nothing waits for your decision.',
    completionDeclared: 'completion declared on {{date}}, to accept',
    extensionRequested: 'extension requested to {{date}}',
    title: 'Home',
    greeting: 'Hello, {{name}}',
    yourRoles: 'Your roles',
    yourUnit: 'Unit',
    admin: { title: 'Administration', body: 'Manage users, units and roles.', users: '{{count}} active users', units: '{{count}} active units' },
    office: { title: 'Office', body: 'Work programme, organising meetings, distributing documents and compiling reports.' },
    chair: { title: 'Chair', body: 'Conclude meetings, assign tasks and follow them up.' },
    delegate: { title: 'Delegate', body: 'Meeting schedule, documents to study beforehand and attendance.' },
    unit_officer: { title: 'Unit officer', body: 'Tasks assigned to {{unit}}: update progress and report results.' },
    supervisor: { title: 'Supervisor', body: 'Watch meeting discipline and task progress (read-only).' },
  },
}

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> }
