/** The tasks feature's public surface for routes, the API, the realtime server and other features. */
export { remindersOf, runTaskReminders } from './reminders.server'
export { completionSchema, contributionSchema, decisionSchema, extensionRequestSchema, progressSchema } from './schemas'
export { idsInScope, refreshTasks, scopeCounts, scopeTaskIds, taskIndexGeneration, taskRows, type TaskRow, type TaskScope } from './task-index.server'
export { taskBuckets, taskStatuses, type TaskBucket } from './task-status'
export { addContribution, countTasks, createTasks, decideCompletion, decideExtension, declareCompletion, getTask, listTasks, postProgress, reassignLead, requestExtension, setTaskUnits, taskAccess, taskAttachment, taskFilterOptions, taskUnitRows, tasksAwaitingDecision, type TaskBlock } from './tasks.server'
