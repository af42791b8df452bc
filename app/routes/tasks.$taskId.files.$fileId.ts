import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, requireUser } from '~/auth.server'
import { fileResponse } from '~/uploads.server'
import { authorize, canViewTask } from '~/models/permissions.server'
import { taskAccess, taskAttachment } from '~/models/tasks.server'
import { parseId } from '~/schemas/common'

/** A file attached to a task's report: for whoever may view the task (Range supported). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const taskId = parseId(params.taskId)
  const fileId = parseId(params.fileId)
  const access = taskId ? taskAccess(taskId) : null
  invariantResponse(taskId && fileId && access, 'task.notFound')
  authorize(user, canViewTask, access)
  const file = taskAttachment(taskId, fileId)
  invariantResponse(file, 'file.notFound')
  return fileResponse(request, file, file.name)
}
