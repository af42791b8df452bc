import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { listUnitTree, requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView } from '~/components/socket-provider'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import type { TaskScopeView } from '~/features/dashboard/index.server'
import type { TaskRow } from '~/features/tasks/index.server'
import { Button } from '~/components/ui/button'
import { SelectField } from '~/components/ui/field'
import { unitOptions } from '~/features/directory'
import { formatDate, formatDay } from '~/core/dates'
import { isValidDate } from '~/core/days'
import { canFollowBodyTasks, canViewTask, taskListViewer } from '~/features/tasks/index.server'
import { countTasks, listTasks, taskFilterOptions } from '~/features/tasks/index.server'
import { DateField } from '~/components/ui/date-field'
import { taskBuckets, taskStatuses } from '~/features/tasks'
import { pageTitle } from '~/i18n'

const statuses = taskStatuses
const buckets = taskBuckets
const day = z.string().refine(isValidDate).optional().catch(undefined)
const filterSchema = z.object({
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(statuses).optional().catch(undefined),
  from: day,
  to: day,
  meeting: z.coerce.number().int().positive().optional().catch(undefined),
  leader: z.coerce.number().int().positive().optional().catch(undefined),
})

/** "Nhiệm vụ của đơn vị": a unit officer lands on their unit's tasks; those who oversee pick any unit. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const url = new URL(request.url)
  const filter = filterSchema.parse(Object.fromEntries([...url.searchParams].filter(([, v]) => v !== '')))
  const overview = canFollowBodyTasks(user)
  const unitId = overview ? filter.unit : (user.unitId ?? undefined)
  const scope = { unitId, meetingId: filter.meeting, leaderId: filter.leader, deadlineFrom: filter.from, deadlineTo: filter.to, viewer: taskListViewer(user) }
  const version = events.version()
  const counts = countTasks({ filter: scope }).total
  const rows = listTasks({ filter: { ...scope, status: filter.status, limit: 500 } })
    .filter((t) => canViewTask(user, t))
    .map((t) => listRow(t))
  const options = taskFilterOptions({ filter: scope })
  // Live: the unit's room (or the whole body's, for those who oversee and chose no unit).
  const room = unitId ? rooms.unit(unitId) : overview ? rooms.dashboard() : null
  const narrowed = Boolean(filter.meeting || filter.leader || filter.from || filter.to)
  return json({ version, room, narrowed, live: { counts, tasks: rows }, overview, unitId: unitId ?? null, units: overview ? listUnitTree() : [], options })
}

/** What the list shows of a task; pushed rows are read the same way. */
function listRow(t: Pick<TaskRow, 'id' | 'content' | 'leadUnitName' | 'numberFormatted' | 'meetingTitle' | 'deadline' | 'originalDeadline' | 'standingCycle' | 'progress' | 'status' | 'daysOverdue'>) {
  const { id, content, leadUnitName, numberFormatted, meetingTitle, deadline, originalDeadline, standingCycle, progress, status, daysOverdue } = t
  return { id, content, leadUnitName, numberFormatted, meetingTitle, deadline, originalDeadline, standingCycle, progress, status, daysOverdue }
}
type Live = { counts: TaskScopeView['counts']['total']; tasks: ReturnType<typeof listRow>[] }

/**
 * A push: changed rows replace those shown (dropped when they left the chosen status). The
 * scope's counts replace the loaded ones unless the list is narrowed by a meeting, a leader or
 * dates, which the room's counts do not know.
 */
function applyPush(status: string | null, narrowed: boolean) {
  return (current: Live, pushed: TaskScopeView): Live => {
    const changed = new Map(pushed.rows.map((r) => [r.id, listRow(r)]))
    return {
      counts: narrowed ? current.counts : pushed.counts.total,
      tasks: current.tasks.map((t) => changed.get(t.id) ?? t).filter((t) => !status || t.status === status),
    }
  }
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.tasks') }]

const badge: Record<(typeof statuses)[number], string> = {
  not_due: 'bg-stone-200 text-stone-900',
  in_progress: 'bg-blue-100 text-blue-900',
  overdue: 'bg-red-100 text-red-900',
  done_on_time: 'bg-green-100 text-green-900',
  done_late: 'bg-amber-100 text-amber-950',
}

export default function Tasks() {
  const { live: loaded, version, room, narrowed, overview, units, options } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const { t } = useTranslation()
  const { tasks, counts } = useLiveView(room, version, loaded as Live, { reduce: applyPush(params.get('status'), narrowed), ids: loaded.tasks.map((task) => task.id) })
  return (
    <div className="space-y-4">
      <h1>{overview ? t('tasks.title') : t('tasks.unitTitle')}</h1>
      <section aria-label={t('tasks.buckets')} className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="task-buckets">
        {buckets.map((b) => (
          <div key={b} className="rounded-lg border border-stone-200 bg-white p-3">
            <p className="text-2xl font-bold" data-testid={`bucket-${b}`}>
              {counts[b]}
            </p>
            <p className="text-sm text-stone-700">{t(`taskBuckets.${b}`)}</p>
          </div>
        ))}
      </section>
      <Form method="get" role="search" className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4">
        {overview ? <SelectField label={t('tasks.unit')} selectProps={{ name: 'unit', defaultValue: params.get('unit') ?? '' }} options={unitOptions(units)} placeholder={t('common.all')} /> : null}
        <SelectField label={t('tasks.status')} selectProps={{ name: 'status', defaultValue: params.get('status') ?? '' }} options={statuses.map((s) => ({ value: s, label: t(`taskStatus.${s}`) }))} placeholder={t('common.all')} />
        <SelectField label={t('tasks.meeting')} selectProps={{ name: 'meeting', defaultValue: params.get('meeting') ?? '' }} options={options.meetings.map((m) => ({ value: String(m.id), label: `${formatDate(m.startsAt)} · ${m.title}` }))} placeholder={t('common.all')} />
        <SelectField label={t('tasks.leader')} selectProps={{ name: 'leader', defaultValue: params.get('leader') ?? '' }} options={options.leaders.map((l) => ({ value: String(l.id), label: l.name }))} placeholder={t('common.all')} />
        <DateField label={t('tasks.deadlineFrom')} name="from" defaultValue={params.get('from') ?? ''} />
        <DateField label={t('tasks.deadlineTo')} name="to" defaultValue={params.get('to') ?? ''} />
        <div className="flex items-end">
          <Button type="submit" variant="secondary">
            {t('common.filter')}
          </Button>
        </div>
      </Form>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="task-list">
        {tasks.map((task) => (
          <li key={task.id} className="grid gap-1 p-3 md:grid-cols-[1fr_auto]">
            <div>
              <Link to={`/tasks/${task.id}`} className="font-medium">
                {task.content}
              </Link>
              <p className="text-sm text-stone-700">
                {t('tasks.lead')}: {task.leadUnitName} · {task.numberFormatted ?? ''} · {task.meetingTitle}
              </p>
              <p className="text-sm text-stone-700">
                {t('tasks.deadline')}: {task.deadline ? formatDay(task.deadline) : t('tasks.standing', { cycle: t(`cycles.${task.standingCycle}`) })}
                {task.originalDeadline ? ` (${t('tasks.originally', { date: formatDay(task.originalDeadline) })})` : ''} · {t('tasks.progress')}: {task.progress}%
              </p>
            </div>
            <p className="md:text-right">
              <span className={`rounded px-2 py-0.5 text-sm font-medium ${badge[task.status]}`}>{t(`taskStatus.${task.status}`)}</span>
              {task.status === 'overdue' || task.status === 'done_late' ? <span className="block text-sm text-red-900">{t('tasks.daysOverdue', { count: task.daysOverdue })}</span> : null}
            </p>
          </li>
        ))}
        {tasks.length === 0 ? <li className="p-3 text-stone-600">{t('tasks.none')}</li> : null}
      </ul>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
