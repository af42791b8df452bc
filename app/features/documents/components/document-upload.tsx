import { useRevalidator } from '@remix-run/react'
import { type FormEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'
import { ErrorList } from '~/components/ui/field'

type Errors = Record<string, string[] | undefined>

/**
 * Sends a multipart form with XMLHttpRequest (fetch cannot report upload progress), shows a
 * progress bar, then refreshes the page's data. Errors come back as JSON per field and are shown
 * beside them; the form keeps what was typed (its inputs are not reset on failure).
 */
export function UploadForm({ action, children, submit, accept, maxMb }: { action: string; children: (errors: Errors) => React.ReactNode; submit: string; accept: string; maxMb: number }) {
  const { t } = useTranslation()
  const { revalidate } = useRevalidator()
  const [progress, setProgress] = useState<number | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [done, setDone] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const fileId = `${action.replace(/\W+/g, '-')}-file`

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget)
    const chosen = data.get('file')
    if (!(chosen instanceof File) || !chosen.name) return setErrors({ file: ['document.fileRequired'] })
    if (chosen.size > maxMb * 1024 * 1024) return setErrors({ file: ['file.tooLarge'] })
    setErrors({})
    setDone(false)
    setProgress(0)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', action)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100))
    xhr.onerror = () => {
      setProgress(null)
      setErrors({ '': ['file.badRequest'] })
    }
    xhr.onload = () => {
      setProgress(null)
      let body: { ok: boolean; errors?: Errors } = { ok: false, errors: { '': ['file.badRequest'] } }
      try {
        body = JSON.parse(xhr.responseText) as typeof body
      } catch {
        // a proxy's HTML error page: keep the generic message
      }
      if (xhr.status === 403) return setErrors({ '': ['errors.forbidden'] })
      if (!body.ok) return setErrors(body.errors ?? { '': ['file.badRequest'] })
      form.current?.reset()
      setDone(true)
      revalidate()
    }
    xhr.send(data)
  }

  return (
    <form ref={form} method="post" encType="multipart/form-data" action={action} onSubmit={onSubmit} className="space-y-3" noValidate>
      <ErrorList errors={errors['']} />
      {children(errors)}
      <div>
        <label htmlFor={fileId} className="mb-1 block text-sm font-medium text-stone-800">
          {t('documents.file')} <span aria-hidden="true" className="text-red-800">*</span>
        </label>
        <input id={fileId} name="file" type="file" accept={accept} aria-invalid={errors.file ? true : undefined} aria-describedby={`${fileId}-hint${errors.file ? ` ${fileId}-error` : ''}`} className="block w-full text-sm" />
        <p id={`${fileId}-hint`} className="mt-1 text-sm text-stone-600">
          {t('tasks.attachmentsHint', { mb: maxMb })}
        </p>
        <ErrorList id={`${fileId}-error`} errors={errors.file} />
      </div>
      {progress !== null ? (
        <div>
          <progress max={100} value={progress} className="w-full" aria-label={t('documents.uploading')} />
          <p className="text-sm text-stone-700" role="status">
            {t('documents.uploadProgress', { percent: progress })}
          </p>
        </div>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-800">
          {t('documents.uploaded')}
        </p>
      ) : null}
      <Button type="submit" disabled={progress !== null}>
        {submit}
      </Button>
    </form>
  )
}
