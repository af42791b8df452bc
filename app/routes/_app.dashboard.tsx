import { json, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from '~/core/zod'
import { getUnit, getUser, invariantResponse, requireUser } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { useLiveView, useReloadWhenChanged } from '~/components/socket-provider'
import { Card } from '~/components/ui/card'
import { formatDay } from '~/core/dates'
import { events } from '~/core/events.server'
import { rooms } from '~/core/rooms'
import { applyScopeCounts } from '~/features/dashboard'
import { taskScopePage, taskScopeView, type TaskScopeView } from '~/features/dashboard/index.server'
import { vietnamDate } from '~/core/days'
import { findMeeting, getMeeting } from '~/features/meetings/index.server'
import { authorize, hasRole } from '~/core/permissions.server'
import { canFollowBodyTasks, canFollowLeaderTasks, canFollowUnitTasks } from '~/features/tasks/index.server'
import { canViewMeeting } from '~/features/meetings/index.server'
import type { TaskScope } from '~/features/tasks/index.server'
import { taskBuckets } from '~/features/tasks'
import { pageTitle } from '~/i18n'

const buckets = taskBuckets
const PAGE = 50
const querySchema = z.object({
  meeting: z.coerce.number().int().positive().optional().catch(undefined),
  leader: z.union([z.literal('me'), z.coerce.number().int().positive()]).optional().catch(undefined),
  unit: z.coerce.number().int().positive().optional().catch(undefined),
  bucket: z.enum(buckets).optional().catch(undefined),
  page: z.coerce.number().int().min(1).default(1).catch(1),
})

/**
 * Theo dõi nhiệm vụ: the four buckets and the breakdown by unit, for the whole body (those who
 * oversee), a leader's tasks, a meeting's tasks or a unit's tasks. Live through the room of the
 * same scope, which the socket server grants by the same rules as this loader.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request)
  const q = querySchema.parse(Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== '')))
  const overview = canFollowBodyTasks(user)
  let scope: { kind: 'body' | 'meeting' | 'leader' | 'unit'; id: number; title: string }
  if (q.meeting) {
    authorize(user, canViewMeeting, findMeeting(q.meeting).access)
    scope = { kind: 'meeting', id: q.meeting, title: getMeeting({ id: q.meeting })!.title }
  } else if (q.leader) {
    const leaderId = q.leader === 'me' ? user.id : q.leader
    authorize(user, canFollowLeaderTasks, leaderId)
    const leader = getUser({ id: leaderId })
    invariantResponse(leader, 'user.notFound')
    scope = { kind: 'leader', id: leaderId, title: leader.fullName }
  } else if (q.unit) {
    authorize(user, canFollowUnitTasks, q.unit)
    const unit = getUnit({ id: q.unit })
    invariantResponse(unit, 'unit.notFound')
    scope = { kind: 'unit', id: q.unit, title: unit.name }
  } else if (overview) {
    scope = { kind: 'body', id: 0, title: '' }
  } else if (hasRole(user, 'chair')) {
    throw redirect('/dashboard?leader=me')
  } else {
    throw redirect('/tasks')
  }
  // The read model the room is pushed (counts cached per scope and day, list ids from the
  // in-memory task index): a few milliseconds at province scale, the same for every watcher.
  const version = events.version()
  const today = vietnamDate(new Date())
  const taskScope = (scope.kind === 'body' ? { kind: 'body', id: 0 } : { kind: scope.kind, id: scope.id }) as TaskScope
  const live = taskScopeView(taskScope, { today })
  const page = taskScopePage(taskScope, { bucket: q.bucket, page: q.page, pageSize: PAGE, today })
  return json({ scope, overview, page: q.page, hasMore: page.hasMore, version, live: { today, counts: live.counts, tasks: page.rows } })
}

type Live = { today: string; counts: TaskScopeView['counts']; tasks: TaskScopeView['rows'] }
/** A push: the new counts (merged when partial), and the changed rows replace those shown (dropped if they left the chosen bucket). */
function applyPush(bucket: string | null) {
  return (current: Live, pushed: TaskScopeView): Live => {
    const changed = new Map(pushed.rows.map((r) => [r.id, r]))
    return {
      today: pushed.today,
      counts: applyScopeCounts(current.counts, pushed.counts, pushed.partial),
      tasks: current.tasks.map((t) => changed.get(t.id) ?? t).filter((t) => !bucket || t.bucket === bucket),
    }
  }
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.dashboard') }]

const bucketStyle: Record<(typeof buckets)[number], string> = {
  done_on_time: 'border-green-700 bg-green-50',
  done_late: 'border-amber-600 bg-amber-50',
  open_within: 'border-blue-700 bg-blue-50',
  open_overdue: 'border-red-700 bg-red-50',
}

export default function Dashboard() {
  const { t } = useTranslation()
  const loaded = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const active = params.get('bucket')
  const room = { body: rooms.dashboard(), unit: rooms.unit(loaded.scope.id), leader: rooms.leader(loaded.scope.id), meeting: rooms.meetingTasks(loaded.scope.id) }[loaded.scope.kind]
  const live = useLiveView(room, loaded.version, loaded.live as Live, { reduce: applyPush(active), ids: loaded.live.tasks.map((t) => t.id) })
  // A new day moves tasks between buckets: the list is read again (served from the day's cache).
  useReloadWhenChanged(live.today, loaded.live.today)
  const data = { ...loaded, counts: live.counts, tasks: live.tasks }
  const link = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k)
      else next.set(k, v)
    }
    return `?${next.toString()}`
  }
  const total = buckets.reduce((n, b) => n + data.counts.total[b], 0)
  return (
    <div className="space-y-6">
      <div>
        <h1>{t('dashboard.title')}</h1>
        <p className="text-stone-700">{data.scope.kind === 'body' ? t('dashboard.scopeBody') : t(`dashboard.scope_${data.scope.kind}`, { name: data.scope.title })}</p>
        {data.scope.kind !== 'body' && data.overview ? (
          <Link to="/dashboard" className="text-sm">
            {t('dashboard.wholeBody')}
          </Link>
        ) : null}
      </div>

      <section aria-labelledby="buckets-title">
        <h2 id="buckets-title" className="sr-only">
          {t('tasks.buckets')}
        </h2>
        <ul className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="bucket-counts">
          {buckets.map((b) => (
            <li key={b}>
              <Link
                to={link({ bucket: active === b ? null : b, page: null })}
                aria-current={active === b ? 'true' : undefined}
                className={`block rounded-md border-l-4 p-3 text-stone-900 no-underline hover:no-underline ${bucketStyle[b]} ${active === b ? 'ring-2 ring-stone-900' : ''}`}
                data-testid={`bucket-${b}`}
              >
                <span className="block text-2xl font-bold" data-testid={`count-${b}`}>
                  {data.counts.total[b]}
                </span>
                <span className="text-sm">{t(`taskBuckets.${b}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-stone-700">{t('dashboard.total', { count: total })}</p>
      </section>

      {data.scope.kind !== 'unit' && data.counts.byUnit.length > 1 ? (
        <Card title={t('dashboard.byUnit')}>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="by-unit">
              <thead>
                <tr className="text-left">
                  <th scope="col" className="py-1 pr-2">
                    {t('tasks.unit')}
                  </th>
                  {buckets.map((b) => (
                    <th key={b} scope="col" className="px-2 py-1 text-right">
                      {t(`taskBuckets.${b}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.counts.byUnit.slice(0, 200).map((u) => (
                  <tr key={u.unitId} className="border-t border-stone-200">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      {data.overview ? <Link to={`/dashboard?unit=${u.unitId}`}>{u.unitName}</Link> : u.unitName}
                    </th>
                    {buckets.map((b) => (
                      <td key={b} className={`px-2 py-1 text-right ${b === 'open_overdue' && u.counts[b] ? 'font-semibold text-red-800' : ''}`}>
                        {u.counts[b]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}

      <Card title={active ? t(`taskBuckets.${active}`) : t('dashboard.tasks')}>
        {data.tasks.length ? (
          <ul className="divide-y divide-stone-200" data-testid="dashboard-tasks">
            {data.tasks.map((task) => (
              <li key={task.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2" data-testid={`dashboard-task-${task.id}`}>
                <span className="min-w-0 flex-1">
                  <Link to={`/tasks/${task.id}`}>{task.content}</Link>
                  <span className="block text-sm text-stone-600">
                    {task.leadUnitName} · {task.numberFormatted} · {task.deadline ? formatDay(task.deadline) : t('tasks.standing', { cycle: t(`cycles.${task.standingCycle ?? 'quarter'}`) })}
                  </span>
                </span>
                <span className="text-sm">
                  {t(`taskStatus.${task.status}`)}
                  {task.daysOverdue ? ` (${t('tasks.daysOverdue', { count: task.daysOverdue })})` : ''} ·{' '}
                  <span data-testid="dashboard-progress">{task.progress}%</span>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-600">{t('tasks.none')}</p>
        )}
        <nav aria-label={t('dashboard.pages')} className="mt-3 flex gap-4">
          {data.page > 1 ? <Link to={link({ page: String(data.page - 1) })}>{t('dashboard.previous')}</Link> : null}
          {data.hasMore ? <Link to={link({ page: String(data.page + 1) })}>{t('dashboard.next')}</Link> : null}
        </nav>
      </Card>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
