import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { actorOf, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Card } from '~/components/ui/card'
import { GroupForm } from '~/features/groups'
import { groupFormSchema, listGroups, saveGroup } from '~/features/groups/index.server'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { can } from '~/core/permissions.server'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

/** The Office's participant groups: the list, and a new group. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(request, 'directory.read')
  return json({ groups: listGroups({ includeInactive: true }), canManage: can(user, 'meetings.manage') })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'meetings.manage')
  const submission = parseForm(await readForm(request), { schema: groupFormSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  let id: number
  try {
    id = saveGroup({ input: submission.value, existingId: null, actor: actorOf(user, context) })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast(`/groups/${id}`, { key: 'groups.saved' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.groups') }]

export default function Groups() {
  const { groups, canManage } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <h1>{t('groups.title')}</h1>
      <p className="text-stone-700">{t('groups.intro')}</p>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="group-list">
        {groups.map((g) => (
          <li key={g.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
            <span>
              <Link to={`/groups/${g.id}`} className="font-medium">
                {g.name}
              </Link>
              {g.description ? <span className="block text-sm text-stone-700">{g.description}</span> : null}
            </span>
            <span className="text-sm text-stone-700">
              {t('groups.memberCount', { count: g.memberCount })}
              {g.active ? '' : ` · ${t('groups.inactive')}`}
            </span>
          </li>
        ))}
        {groups.length === 0 ? <li className="p-3 text-stone-600">{t('groups.none')}</li> : null}
      </ul>
      {canManage ? (
        <Card title={t('groups.new')}>
          <GroupForm id="group-new" lastResult={actionData?.result} defaults={{}} members={[]} busy={navigation.state === 'submitting'} editing={false} />
        </Card>
      ) : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
