import type { JoinRules } from '~/core/rooms'
import { canFollowBodyTasks, canFollowLeaderTasks, canFollowUnitTasks, canViewTask } from './permissions.server'
import { taskAccess } from './tasks.server'

/**
 * `task:<id>`: whoever may view the task. `unit:<id>`: the unit's members and those who oversee.
 * `leader:<id>`: the tasks a leader follows — that leader and those who oversee. `dashboard:0`:
 * every task of the body — those who oversee.
 */
export const taskRooms = {
  task: (id) => {
    const task = taskAccess({ taskId: id })
    return (user) => !!task && canViewTask(user, task)
  },
  unit: (id) => (user) => canFollowUnitTasks(user, id),
  leader: (id) => (user) => canFollowLeaderTasks(user, id),
  dashboard: (id) => (user) => id === 0 && canFollowBodyTasks(user),
} satisfies Partial<JoinRules>
