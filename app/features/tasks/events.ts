/** The domain events the tasks feature emits (composed into core's DomainEvents). */
export type TaskEvents = {
  'task.updated': { taskId: number; unitIds: number[] }
  'tasks.dayChanged': { today: string }
}
