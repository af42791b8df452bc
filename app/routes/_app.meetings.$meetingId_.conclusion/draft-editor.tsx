// The conclusion's draft: the editor with task blocks, autosave (useDraftAutosave), the local backup, earlier versions and the issuing form.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Form } from '~/components/ui/form'
import { useCallback, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Editor } from '@tiptap/react'
import { ConclusionEditor, type DocJSON, issueFormSchema, openingSentence } from '~/features/conclusions'
import { useDraftAutosave } from '~/components/use-draft-autosave'
import { Button, buttonClass } from '~/components/ui/button'
import { Card, FormErrors } from '~/components/ui/card'
import { ErrorList, Field } from '~/components/ui/field'
import { formatDateTime, formatDay } from '~/core/dates'
import { vietnamDate } from '~/core/days'
import type { action, loader } from './route'

type Backup = { content: DocJSON; summary: string }

const template = (opening: string): DocJSON => ({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: opening }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Đánh giá chung' }] },
    { type: 'paragraph' },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '2. Nhiệm vụ thời gian tới' }] },
    { type: 'paragraph' },
  ],
})

/** The draft: editor with autosave (kept on this device until the server has it), versions, and the issue form. */
export function DraftEditor() {
  const { t } = useTranslation()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const meetingId = data.meeting.id
  const initial = (data.draft?.content as DocJSON | undefined) ?? template(openingSentence({ title: data.meeting.title, day: vietnamDate(new Date(data.meeting.startsAt)), typeName: data.meeting.typeName, chairName: data.meeting.chairName, chairPosition: data.meeting.chairPosition }))
  const content = useRef<DocJSON>(initial)
  const [summary, setSummary] = useState(data.draft?.summary ?? '')
  const summaryRef = useRef(summary)
  const [restored, setRestored] = useState(false)
  const editorRef = useRef<Editor | null>(null)
  const { state, savedAt, revision: shownRevision, changed, kept } = useDraftAutosave({
    url: `/meetings/${meetingId}/conclusion-draft`,
    storageKey: `nghisu:conclusion-draft:${meetingId}`,
    revision: data.draft?.revision ?? 0,
    savedAt: data.draft ? String(data.draft.updatedAt) : null,
    fields: () => ({ content: JSON.stringify(content.current), summary: summaryRef.current }),
    snapshot: (): Backup => ({ content: content.current, summary: summaryRef.current }),
  })

  const onReady = useCallback(
    (editor: Editor) => {
      editorRef.current = editor
      const backup = kept()
      if (!backup || JSON.stringify(backup.content) === JSON.stringify(content.current)) return
      editor.commands.setContent(backup.content)
      content.current = backup.content
      summaryRef.current = backup.summary
      setSummary(backup.summary)
      setRestored(true)
      changed()
    },
    [kept, changed],
  )

  const problems = actionData?.intent === 'issue' ? actionData.problems : []
  const [issueForm, issueFields] = useForm({
    id: 'issue',
    lastResult: actionData?.intent === 'issue' ? actionData.result : undefined,
    defaultValue: data.issueDefaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: issueFormSchema }),
    shouldRevalidate: 'onBlur',
  })
  const summaryErrors = actionData?.intent === 'issue' ? actionData.result.error?.summary : undefined
  // Problems of the text itself (task blocks, links) belong to the whole form.
  const contentErrors = actionData?.intent === 'issue' ? actionData.result.error?.content : undefined
  const busy = navigation.state !== 'idle'
  const statusText = {
    saved: savedAt ? t('conclusion.savedAt', { time: formatDateTime(savedAt) }) : t('conclusion.notSavedYet'),
    dirty: t('conclusion.unsaved'),
    saving: t('conclusion.saving'),
    offline: t('conclusion.offline'),
    conflict: t('conclusion.conflictNotice'),
    error: t('conclusion.saveError'),
  }[state]

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-4">
        {data.draft?.supersedesId ? <p className="rounded bg-amber-100 p-3 text-amber-950">{t('conclusion.correctionDraft', { reason: data.draft.correctionReason ?? '' })}</p> : null}
        {restored ? (
          <p role="status" className="rounded bg-sky-100 p-3 text-sky-950">
            {t('conclusion.restored')}
          </p>
        ) : null}
        <div>
          <label htmlFor="conclusion-summary" className="mb-1 block text-sm font-medium">
            {t('conclusion.summary')} <span aria-hidden="true" className="text-red-800">*</span>
          </label>
          <input
            id="conclusion-summary"
            className="block min-h-10 w-full rounded-md border border-stone-400 px-3 py-2"
            value={summary}
            aria-describedby="conclusion-summary-hint"
            aria-invalid={summaryErrors ? true : undefined}
            onChange={(e) => {
              setSummary(e.target.value)
              summaryRef.current = e.target.value
              changed()
            }}
          />
          <p id="conclusion-summary-hint" className="mt-1 text-sm text-stone-600">
            {t('conclusion.summaryHint')}
          </p>
          <ErrorList errors={summaryErrors ?? undefined} />
        </div>
        <h2 id="conclusion-body-label" className="text-lg">
          {t('conclusion.body')}
        </h2>
        {data.fromMinutes.length ? (
          <Button
            data-testid="from-minutes"
            onClick={() => {
              const editor = editorRef.current
              if (!editor) return
              const items = data.fromMinutes.flatMap((item) => [
                { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: item.title }] },
                ...item.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
                { type: 'taskBlock', attrs: { id: crypto.randomUUID(), agendaItemId: item.itemId } },
              ])
              editor.chain().focus().insertContentAt(editor.state.doc.content.size, items).run()
            }}
          >
            {t('conclusion.fromMinutes', { count: data.fromMinutes.length })}
          </Button>
        ) : null}
        <ConclusionEditor
          items={data.agendaItems}
          initialContent={initial}
          units={data.units}
          leaders={data.leaders}
          problems={problems}
          labelledBy="conclusion-body-label"
          onReady={onReady}
          onChange={(doc) => {
            content.current = doc
            changed()
          }}
        />
        <p role="status" aria-live="polite" data-testid="save-state" data-state={state} data-revision={shownRevision} className={`text-sm ${state === 'conflict' || state === 'error' ? 'text-red-800' : 'text-stone-700'}`}>
          {statusText}
          {state === 'conflict' ? (
            <>
              {' '}
              <a href={`/meetings/${meetingId}/conclusion`}>{t('conclusion.reload')}</a>
            </>
          ) : null}
        </p>
      </div>

      <div className="space-y-4">
        <Card title={t('conclusion.preview')}>
          <div className="flex flex-wrap gap-2">
            <a className={buttonClass('secondary')} href={`/meetings/${meetingId}/conclusion.docx?draft`}>
              {t('conclusion.downloadDocx')}
            </a>
            <a className={buttonClass('secondary')} href={`/meetings/${meetingId}/conclusion.pdf?draft`}>
              {t('conclusion.downloadPdf')}
            </a>
          </div>
          <p className="mt-2 text-sm text-stone-600">{t('conclusion.previewHint')}</p>
        </Card>
        {data.canIssue ? (
          <Card title={t('conclusion.issueTitle')}>
            <p className="mb-3 text-sm text-stone-700">{t('conclusion.deadlineInfo', { date: formatDay(data.deadline), days: data.deadlineDays })}</p>
            <Form method="post" {...getFormProps(issueForm)} className="space-y-3">
              <FormErrors errors={[...(issueForm.errors ?? []), ...(contentErrors ?? [])]} />
              <input type="hidden" name="baseRevision" value={shownRevision} />
              <Field label={t('conclusion.signerTitle')} required inputProps={getInputProps(issueFields.signerTitle, { type: 'text' })} errors={issueFields.signerTitle.errors} />
              <Field label={t('conclusion.signerName')} required inputProps={getInputProps(issueFields.signerName, { type: 'text' })} errors={issueFields.signerName.errors} />
              <div>
                <label htmlFor={issueFields.recipientUnitIds.id} className="mb-1 block text-sm font-medium">
                  {t('conclusion.otherRecipientUnits')}
                </label>
                <select {...getSelectProps(issueFields.recipientUnitIds)} multiple size={5} className="block w-full rounded-md border border-stone-400 px-2 py-1" aria-describedby="recipients-hint">
                  {data.units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
                <p id="recipients-hint" className="mt-1 text-sm text-stone-600">
                  {t('conclusion.recipientsHint')}
                </p>
              </div>
              <div>
                <label htmlFor={issueFields.otherRecipients.id} className="mb-1 block text-sm font-medium">
                  {t('conclusion.otherRecipients')}
                </label>
                <textarea {...getTextareaProps(issueFields.otherRecipients)} rows={3} className="block w-full rounded-md border border-stone-400 px-3 py-2" />
              </div>
              <Button
                type="submit"
                name="intent"
                value="issue"
                disabled={busy || state !== 'saved'}
                onClick={(event) => {
                  if (!window.confirm(t('conclusion.confirmIssue', { number: data.nextNumber ?? '' }))) event.preventDefault()
                }}
              >
                {t('conclusion.issue')}
              </Button>
              {state !== 'saved' ? <p className="text-sm text-stone-600">{t('conclusion.issueWaitsForSave')}</p> : null}
            </Form>
          </Card>
        ) : null}
        <Card title={t('conclusion.versions')}>
          {data.versions.length ? (
            <ul className="space-y-1 text-sm" data-testid="versions">
              {data.versions.map((v) => (
                <li key={v.id}>
                  <Link to={`?version=${v.id}`} className="underline">
                    {formatDateTime(v.savedAt)}
                  </Link> · {v.savedByName}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-stone-600">{t('conclusion.noVersions')}</p>
          )}
        </Card>
      </div>
    </div>
  )
}
