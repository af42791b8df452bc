import { useCallback, useEffect, useRef, useState } from 'react'

export type SaveState = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error'

/**
 * Autosave of a draft edited in the browser (the conclusion, the minutes): a change is kept in
 * localStorage at once and posted to `url` after a pause with the revision it started from; the
 * server answers the new revision, or 409 when someone else saved first (never merged over). A
 * dropped connection retries every five seconds and when the browser is online again; leaving with
 * unsaved text asks first. `fields` are the form's values besides `baseRevision`; `snapshot` is what
 * the device keeps until the server has it.
 */
export function useDraftAutosave<T extends object>(options: { url: string; storageKey: string; revision: number; savedAt: string | null; fields: () => Record<string, string>; snapshot: () => T }) {
  const { url, storageKey } = options
  const revision = useRef(options.revision)
  const [shownRevision, setShownRevision] = useState(options.revision)
  const [state, setState] = useState<SaveState>('saved')
  const [savedAt, setSavedAt] = useState(options.savedAt)
  const changes = useRef(0)
  const inflight = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })
  const keep = useCallback(() => localStorage.setItem(storageKey, JSON.stringify({ ...latest.current.snapshot(), baseRevision: revision.current })), [storageKey])
  const saveRef = useRef<() => Promise<void>>(async () => {})

  const save = useCallback(async () => {
    if (inflight.current) return
    inflight.current = true
    const sent = changes.current
    setState('saving')
    const form = new FormData()
    for (const [name, value] of Object.entries(latest.current.fields())) form.set(name, value)
    form.set('baseRevision', String(revision.current))
    try {
      const res = await fetch(url, { method: 'POST', body: form, headers: { Accept: 'application/json' } })
      const body = (await res.json()) as { ok: true; revision: number; savedAt: string } | { ok: false; message: string }
      if (body.ok) {
        revision.current = body.revision
        setShownRevision(body.revision)
        setSavedAt(body.savedAt)
        if (changes.current === sent) {
          localStorage.removeItem(storageKey)
          setState('saved')
        } else {
          keep()
          setState('dirty')
          timer.current = setTimeout(() => void saveRef.current(), 300)
        }
      } else setState(res.status === 409 ? 'conflict' : 'error')
    } catch {
      setState('offline')
      timer.current = setTimeout(() => void saveRef.current(), 5000)
    } finally {
      inflight.current = false
    }
  }, [url, storageKey, keep])
  useEffect(() => {
    saveRef.current = save
  }, [save])

  /** Call after every edit. */
  const changed = useCallback(() => {
    changes.current++
    setState((s) => (s === 'conflict' ? s : 'dirty'))
    keep()
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void saveRef.current(), 1200)
  }, [keep])

  /** What this device kept from an earlier visit, when it started from the revision shown now. */
  const kept = useCallback((): T | null => {
    const raw = localStorage.getItem(storageKey)
    if (!raw) return null
    try {
      const backup = JSON.parse(raw) as T & { baseRevision: number }
      return backup.baseRevision === revision.current ? backup : null
    } catch {
      localStorage.removeItem(storageKey)
      return null
    }
  }, [storageKey])

  useEffect(() => {
    const online = () => void saveRef.current()
    const leave = (e: BeforeUnloadEvent) => {
      if (changes.current > 0 && localStorage.getItem(storageKey)) e.preventDefault()
    }
    window.addEventListener('online', online)
    window.addEventListener('beforeunload', leave)
    return () => {
      window.removeEventListener('online', online)
      window.removeEventListener('beforeunload', leave)
      clearTimeout(timer.current)
    }
  }, [storageKey])

  return { state, savedAt, revision: shownRevision, changed, save, kept }
}
