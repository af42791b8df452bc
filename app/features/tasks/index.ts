/** The tasks feature's public surface for the browser side of routes and other features. */
export { taskFormSchemas } from './schemas'
export { taskBuckets, taskStatuses, type TaskBucket } from './task-status'
