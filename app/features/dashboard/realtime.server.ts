import { events } from '~/core/events.server'
import type { LiveViews } from '~/core/live.server'
import { type RoomKind, rooms } from '~/core/rooms'
import { refreshTasks, type TaskScope } from '~/features/tasks/index.server'
import { conclusionView, documentsView, meetingView, notificationsView, readinessView, taskScopeView, taskView } from './views.server'

const TASK_SCOPE_KINDS = ['dashboard', 'unit', 'leader', 'meetingTasks'] as const satisfies RoomKind[]

function roomOfScope(scope: TaskScope) {
  switch (scope.kind) {
    case 'body':
      return rooms.dashboard()
    case 'unit':
      return rooms.unit(scope.id)
    case 'leader':
      return rooms.leader(scope.id)
    case 'meeting':
      return rooms.meetingTasks(scope.id)
  }
}

/** A task scope's view: its counts, by unit, and the rows of the tasks that changed. */
const scopeView = (scopeOf: (id: number) => TaskScope) => (id: number, change: { taskIds?: number[]; changedUnitIds?: number[] }) => ({
  data: taskScopeView(scopeOf(id), { changedIds: change.taskIds, changedUnitIds: change.changedUnitIds }),
})

/**
 * The live views of the older areas (their read models are in views.server.ts): task scopes (the
 * whole body, a unit, a leader, a meeting's tasks), a task, a meeting, its readiness and documents,
 * its conclusion, and a person's notifications.
 */
export const dashboardLive: LiveViews = {
  views: {
    dashboard: scopeView(() => ({ kind: 'body', id: 0 })),
    unit: scopeView((id) => ({ kind: 'unit', id })),
    leader: scopeView((id) => ({ kind: 'leader', id })),
    meetingTasks: scopeView((id) => ({ kind: 'meeting', id })),
    task: (id) => ({ data: taskView(id) }),
    meeting: (id) => ({ data: meetingView(id) }),
    readiness: (id) => ({ data: readinessView(id) }),
    documents: (id) => ({ perMember: documentsView(id) }),
    conclusion: (id) => ({ data: conclusionView(id) }),
    user: (id) => ({ data: notificationsView(id) }),
  },
  subscribe: ({ touch, watched }) => [
    events.on('task.updated', ({ taskId }) => {
      // Always keep the read model true, watched or not; then tell the rooms that show the task.
      const { scopes, leadUnitIds } = refreshTasks({ taskIds: [taskId] })
      for (const scope of scopes) touch(roomOfScope(scope), { taskIds: [taskId], unitIds: leadUnitIds })
      touch(rooms.task(taskId))
    }),
    events.on('tasks.dayChanged', () => {
      for (const room of watched([...TASK_SCOPE_KINDS, 'task'])) touch(room)
    }),
    ...(['meeting.updated', 'meeting.participants.updated', 'meeting.invited', 'meeting.statusChanged'] as const).map((name) =>
      events.on(name, ({ meetingId }) => touch(rooms.meeting(meetingId))),
    ),
    ...(['meeting.updated', 'meeting.statusChanged', 'conclusion.updated'] as const).map((name) => events.on(name, ({ meetingId }) => touch(rooms.conclusion(meetingId)))),
    events.on('documents.changed', ({ meetingId }) => {
      touch(rooms.documents(meetingId))
      touch(rooms.readiness(meetingId))
      touch(rooms.meeting(meetingId))
    }),
    events.on('document.read', ({ meetingId, userId }) => {
      touch(rooms.readiness(meetingId))
      // Only the reader's own marks changed.
      touch(rooms.documents(meetingId), { members: [userId] })
    }),
    events.on('notification.created', ({ userIds }) => userIds.forEach((id) => touch(rooms.user(id)))),
    events.on('notification.read', ({ userIds }) => userIds.forEach((id) => touch(rooms.user(id)))),
  ],
}
