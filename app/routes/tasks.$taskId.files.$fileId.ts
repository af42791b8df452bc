import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse, requireUser } from '~/features/directory/index.server'
import { fileResponse } from '~/core/uploads.server'
import { authorize } from '~/core/permissions.server'
import { canViewTask } from '~/features/tasks/index.server'
import { findTask, taskAttachment } from '~/features/tasks/index.server'
import { parseId } from '~/core/schemas'

/** A file attached to a task's report: for whoever may view the task (Range supported). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const fileId = parseId(params.fileId)
  invariantResponse(fileId, 'task.notFound')
  const { id: taskId, access } = findTask(params.taskId)
  authorize(user, canViewTask, access)
  const file = taskAttachment({ taskId, attachmentId: fileId })
  invariantResponse(file, 'file.notFound')
  return fileResponse(request, file, file.name)
}
