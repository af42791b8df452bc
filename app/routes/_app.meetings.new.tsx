import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { actorOf, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { MeetingFormPage } from '~/features/meetings'
import { meetingFormData, submitMeetingForm } from '~/features/meetings/index.server'
import { getProgrammeItem } from '~/features/programme/index.server'
import { parseId } from '~/core/schemas'
import { redirectWithToast } from '~/core/toast.server'
import { readForm } from '~/core/forms.server'
import { pageTitle } from '~/i18n'

export async function loader({ request }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'meetings.manage')
  const itemId = parseId(new URL(request.url).searchParams.get('itemId') ?? undefined)
  const item = itemId ? getProgrammeItem({ id: itemId }) : null
  // Scheduling from a programme item pre-fills what the item already says.
  const defaults = item
    ? {
        title: item.content,
        programmeItemId: String(item.id),
        meetingTypeId: item.meetingTypeId ? String(item.meetingTypeId) : '',
        chairUserId: item.presidingUserId ? String(item.presidingUserId) : '',
        preparingUnitId: item.preparingUnitId ? String(item.preparingUnitId) : '',
        date: item.plannedDate ?? '',
        startTime: '08:00',
        endTime: '11:00',
        mode: 'in_person',
        agenda: [{ title: item.content, presenterUnitId: item.preparingUnitId ? String(item.preparingUnitId) : '' }],
      }
    : { startTime: '08:00', endTime: '11:00', mode: 'in_person', agenda: [] }
  return json({ ...meetingFormData(defaults), defaults })
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'meetings.manage')
  const result = await submitMeetingForm(await readForm(request), null, actorOf(user, context))
  if (result.error) return result.error
  return redirectWithToast(`/meetings/${result.id}`, { key: 'meetings.created' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.newMeeting') }]

export default function NewMeeting() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return <MeetingFormPage formId={'meeting-new'} heading={t('meetings.new')} submitLabel={t('common.create')} data={data} actionData={actionData} />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
