/** The tasks feature's public surface for routes, the API, the realtime server and other features. */
export { remindersOf, runTaskReminders } from './reminders.server'
export { completionSchema, contributionSchema, decisionSchema, extensionRequestSchema, progressSchema } from './schemas'
export { idsInScope, refreshTasks, scopeCounts, scopeTaskIds, taskIndexGeneration, taskRows, type TaskRow, type TaskScope } from './task-index.server'
export { taskBuckets, taskStatuses, type TaskBucket } from './task-status'
export { addContribution, countTasks, createTasks, findTask, decideCompletion, decideExtension, declareCompletion, getTask, listTasks, postProgress, reassignLead, requestExtension, setTaskUnits, taskAccess, taskAttachment, taskFilterOptions, taskUnitRows, tasksAwaitingDecision, type TaskBlock } from './tasks.server'
export { canAttachToTask, canContributeToTask, canDecideOnTask, canFollowLeaderTasks, canFollowUnitTasks, canReassignTask, canReportOnTask, canViewTask, type TaskAccess } from './permissions.server'
export { taskRooms } from './rooms.server'
export type { TaskEvents } from './events'
