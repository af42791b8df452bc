// The issued notice: its text as issued, downloads, the tasks it assigned and, for the chair, starting a correction.
import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useTranslation } from 'react-i18next'
import { correctionSchema, NOTICE_TEXT, noticeRecipients } from '~/features/conclusions'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { Field } from '~/components/ui/field'
import { formatDay } from '~/core/dates'
import type { action, loader } from './route'

export function IssuedNotice() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const issued = data.issued!
  const [form, fields] = useForm({
    id: 'correct',
    lastResult: actionData?.intent === 'correct' ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: correctionSchema }),
    shouldRevalidate: 'onBlur',
  })
  return (
    <div className="space-y-6">
      <Card>
        <p className="flex flex-wrap items-center gap-2">
          <strong data-testid="notice-number">{issued.numberFormatted}</strong>
          <span>· {t('conclusion.issuedOn', { date: formatDay(issued.issuedOn!) })}</span>
          <span className={`rounded px-2 py-0.5 text-sm ${issued.onTime ? 'bg-emerald-100 text-emerald-900' : 'bg-red-100 text-red-900'}`} data-testid="notice-timing">
            {issued.onTime ? t('conclusion.onTime') : t('conclusion.late')}
          </span>
        </p>
        {issued.correctionReason ? <p className="mt-1 text-sm text-stone-700">{t('conclusion.correctionOf', { reason: issued.correctionReason })}</p> : null}
        <div className="mt-3 flex flex-wrap gap-2">
          <a className={buttonClass('secondary')} href={`/meetings/${data.meeting.id}/conclusion.docx`} data-testid="download-docx">
            {t('conclusion.downloadDocx')}
          </a>
          <a className={buttonClass('secondary')} href={`/meetings/${data.meeting.id}/conclusion.pdf`}>
            {t('conclusion.downloadPdf')}
          </a>
        </div>
      </Card>
      <article className="conclusion-html rounded-md border border-stone-300 bg-white p-6" data-testid="notice">
        <p className="text-center text-lg font-bold">{NOTICE_TEXT.conclusionKind}</p>
        <p className="text-center font-bold">{issued.summary}</p>
        <div dangerouslySetInnerHTML={{ __html: issued.html }} />
        <div className="mt-6 grid gap-4 sm:grid-cols-2">
          <div>
            <p className="font-bold italic underline">{NOTICE_TEXT.recipients}</p>
            <ul data-testid="recipients" className="list-none pl-0">
              {noticeRecipients(issued.recipients).map((r) => (
                <li key={r}>- {r}</li>
              ))}
            </ul>
          </div>
          <div className="text-center font-bold">
            <p>{NOTICE_TEXT.onBehalfOfStandingCommittee}</p>
            <p>{issued.signerTitle?.toUpperCase()}</p>
            <p className="mt-10">{issued.signerName}</p>
          </div>
        </div>
      </article>
      <Card title={t('conclusion.tasks')}>
        <ul className="divide-y divide-stone-200" data-testid="conclusion-tasks">
          {data.tasks.map((task) => (
            <li key={task.id} className="flex flex-wrap justify-between gap-2 py-2">
              <Link to={`/tasks/${task.id}`}>{task.content}</Link>
              <span className="text-sm">
                {task.leadUnitName} · {task.deadline ? formatDay(task.deadline) : t('conclusion.standingShort')} · {t(`taskStatus.${task.status}`)} · {task.progress}%
              </span>
            </li>
          ))}
        </ul>
        <Link className="mt-3 inline-block" to={`/dashboard?meeting=${data.meeting.id}`}>
          {t('conclusion.followTasks')}
        </Link>
      </Card>
      {data.canIssue && !data.draft ? (
        <Card title={t('conclusion.correct')}>
          <Form method="post" {...getFormProps(form)} className="space-y-3">
            <FormErrors errors={form.errors} />
            <Field label={t('conclusion.correctionReason')} required inputProps={getInputProps(fields.reason, { type: 'text' })} errors={fields.reason.errors} />
            <Button type="submit" name="intent" value="correct" variant="secondary" disabled={navigation.state !== 'idle'}>
              {t('conclusion.startCorrection')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {data.history.length ? (
        <Card title={t('conclusion.superseded')}>
          <ul className="text-sm">
            {data.history.map((h) => (
              <li key={h.id}>
                {h.numberFormatted} · {h.issuedOn ? formatDay(h.issuedOn) : ''}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  )
}
