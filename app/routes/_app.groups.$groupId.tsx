import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { actorOf, requireUserWithPermission } from '~/features/directory/index.server'
import { AuditHistory } from '~/components/audit-history'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { Card } from '~/components/ui/card'
import { GroupForm } from '~/features/groups'
import { findGroup, groupFormSchema, saveGroup } from '~/features/groups/index.server'
import { parseForm, readForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { auditHistoryFor } from '~/core/audit.server'
import { serverT } from '~/i18n/translate.server'
import { can } from '~/core/permissions.server'
import { redirectWithToast } from '~/core/toast.server'
import { pageTitle } from '~/i18n'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUserWithPermission(request, 'directory.read')
  const group = findGroup(params.groupId)
  return json({ group, canManage: can(user, 'meetings.manage'), history: can(user, 'meetings.manage') ? auditHistoryFor('group', group.id, serverT(user.locale)) : [] })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'meetings.manage')
  const group = findGroup(params.groupId)
  const submission = parseForm(await readForm(request), { schema: groupFormSchema })
  if (submission.status !== 'success') return json({ result: submission.reply() }, { status: 400 })
  try {
    saveGroup({ input: submission.value, existingId: group.id, actor: actorOf(user, context) })
  } catch (error) {
    return json({ result: replyWithDomainError(submission, error) }, { status: statusOf(error) })
  }
  return redirectWithToast(`/groups/${group.id}`, { key: 'groups.saved' })
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data ? `${data.group.name} · Nghị sự` : pageTitle(matches, 'titles.groups') }]

export default function Group() {
  const { group, canManage, history } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  return (
    <div className="space-y-4">
      <Link to="/groups">{t('groups.back')}</Link>
      <h1>{group.name}</h1>
      {canManage ? (
        <Card title={t('groups.edit')}>
          <GroupForm key={group.updatedAt} id={`group-${group.id}`} lastResult={actionData?.result} defaults={group} members={group.members} busy={navigation.state === 'submitting'} editing />
        </Card>
      ) : (
        <Card title={t('groups.members')}>
          <ul className="list-disc pl-5">
            {group.members.map((m) => (
              <li key={m.id}>
                {m.fullName}
                {m.position ? ` — ${m.position}` : ''}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {history.length ? <AuditHistory rows={history} /> : null}
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
