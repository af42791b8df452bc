import { z } from '~/core/zod'
import { reportingCycles } from '#db/schema/enums'
import { taskBuckets, taskStatuses } from './task-status'

/** A task as the API answers it (its list, its page, and the tasks of a conclusion). */
export const taskSchema = z
  .object({
    id: z.number().int(),
    content: z.string(),
    leadUnitId: z.number().int(),
    coordinatingUnitIds: z.array(z.number().int()),
    deadline: z.string().nullable(),
    originalDeadline: z.string().nullable(),
    standingCycle: z.enum(reportingCycles).nullable(),
    progress: z.number().int(),
    pendingDeadline: z.string().nullable(),
    completionDeclaredOn: z.string().nullable(),
    completedOn: z.string().nullable(),
    status: z.enum(taskStatuses),
    daysOverdue: z.number().int(),
    bucket: z.enum(taskBuckets),
  })
  .meta({ id: 'Task' })
