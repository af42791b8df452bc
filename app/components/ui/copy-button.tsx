import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from './button'

/** Copies `text` to the clipboard and says so (politely, for screen readers) beside the button. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  return (
    <span className="mt-2 inline-flex items-center gap-3">
      <Button
        type="button"
        variant="secondary"
        aria-label={label}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text)
            setState('copied')
          } catch {
            setState('failed')
          }
        }}
      >
        {t('common.copy')}
      </Button>
      <span aria-live="polite" className="text-sm">
        {state === 'copied' ? t('common.copied') : state === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </span>
  )
}
