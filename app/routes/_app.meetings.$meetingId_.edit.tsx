import { useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { actorOf, invariantResponse, requireUserWithPermission } from '~/auth.server'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { MeetingForm } from '~/components/meeting-form'
import { formDefaults, meetingFormData, submitMeetingForm } from '~/meeting-form.server'
import { getMeeting, meetingFormValues } from '~/models/meetings.server'
import { parseId } from '~/schemas/common'
import { type MeetingFormInput, meetingFormSchema } from '~/schemas/meetings'
import { redirectWithToast } from '~/toast.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  requireUserWithPermission(request, 'meetings.manage')
  const id = parseId(params.meetingId)
  const meeting = id ? getMeeting(id) : null
  invariantResponse(meeting, 'meeting.notFound')
  return json({ ...meetingFormData(), id: meeting.id, defaults: formDefaults(meetingFormValues(meeting)) })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUserWithPermission(request, 'meetings.manage')
  const id = parseId(params.meetingId)
  invariantResponse(id, 'meeting.notFound')
  const result = await submitMeetingForm(await request.formData(), id, actorOf(user, context))
  if (result.error) return result.error
  return redirectWithToast(`/meetings/${id}`, { key: 'meetings.updated' })
}

export const meta: MetaFunction = () => [{ title: 'Sửa cuộc họp · Nghị sự' }]

export default function EditMeeting() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const { t } = useTranslation()
  const [form, fields] = useForm<MeetingFormInput>({
    id: `meeting-edit-${data.id}`,
    lastResult: actionData?.result,
    // Form defaults are strings, as the browser holds them.
    defaultValue: data.defaults as never,
    constraint: getZodConstraint(meetingFormSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: meetingFormSchema }),
    shouldRevalidate: 'onInput',
  })
  return (
    <div className="space-y-4">
      <h1>{t('meetings.edit')}</h1>
      <MeetingForm form={form} fields={fields} {...data} conflicts={actionData?.conflicts ?? []} busy={navigation.state === 'submitting'} submitLabel={t('common.save')} />
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
