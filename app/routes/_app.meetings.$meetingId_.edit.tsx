import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { actorOf, invariantResponse, requireUserWithPermission } from '~/features/directory/index.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { MeetingFormPage } from '~/features/meetings'
import { formDefaults, getMeeting, meetingFormData, meetingFormValues, submitMeetingForm } from '~/features/meetings/index.server'
import { parseId } from '~/core/schemas'
import { redirectWithToast } from '~/core/toast.server'
import { readForm } from '~/core/forms.server'
import { pageTitle } from '~/i18n'

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'meetings.manage')
  const id = parseId(params.meetingId)
  const meeting = id ? getMeeting({ id }) : null
  invariantResponse(meeting, 'meeting.notFound')
  const defaults = formDefaults(meetingFormValues(meeting))
  return json({ ...meetingFormData(defaults), id: meeting.id, defaults })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'meetings.manage')
  const id = parseId(params.meetingId)
  invariantResponse(id, 'meeting.notFound')
  const result = await submitMeetingForm(await readForm(request), id, actorOf(user, context))
  if (result.error) return result.error
  return redirectWithToast(`/meetings/${id}`, { key: 'meetings.updated' })
}

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, 'titles.editMeeting') }]

export default function EditMeeting() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return <MeetingFormPage formId={`meeting-edit-${data.id}`} heading={t('meetings.edit')} submitLabel={t('common.save')} data={data} actionData={actionData} />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
