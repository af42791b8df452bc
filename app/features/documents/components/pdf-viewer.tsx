import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '~/components/ui/button'

type Viewer = {
  currentPageNumber: number
  pagesCount: number
  currentScale: number
  currentScaleValue: string
}
type Bus = { dispatch: (name: string, data: Record<string, unknown>) => void; on: (name: string, fn: (e: { pageNumber?: number }) => void) => void }

/**
 * pdf.js in the page: pages, zoom and search (its own viewer, link service and find controller),
 * loaded only in the browser. The file comes through the same permission-checked route as a
 * download, in ranges.
 */
export function PdfViewer({ url }: { url: string }) {
  const { t } = useTranslation()
  const container = useRef<HTMLDivElement>(null)
  const viewerRef = useRef<Viewer | null>(null)
  const busRef = useRef<Bus | null>(null)
  const [state, setState] = useState<{ page: number; pages: number; loading: boolean; error: boolean }>({ page: 1, pages: 0, loading: true, error: false })
  const [query, setQuery] = useState('')
  const [matches, setMatches] = useState<{ current: number; total: number } | null>(null)

  useEffect(() => {
    let cancelled = false
    let destroy: (() => void) | undefined
    void (async () => {
      try {
        const pdfjs = await import('pdfjs-dist')
        const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url')
        pdfjs.GlobalWorkerOptions.workerSrc = worker.default
        const viewerModule = await import('pdfjs-dist/web/pdf_viewer.mjs')
        if (cancelled || !container.current) return
        const eventBus = new viewerModule.EventBus()
        const linkService = new viewerModule.PDFLinkService({ eventBus })
        const findController = new viewerModule.PDFFindController({ eventBus, linkService })
        const viewer = new viewerModule.PDFViewer({ container: container.current, eventBus, linkService, findController, removePageBorders: false })
        linkService.setViewer(viewer)
        eventBus.on('pagesinit', () => {
          viewer.currentScaleValue = 'page-width'
        })
        eventBus.on('pagechanging', (e: { pageNumber: number }) => setState((s) => ({ ...s, page: e.pageNumber })))
        // Where the search stands: match n of N (pdf.js counts as it reads the pages).
        const onCount = (e: { matchesCount?: { current: number; total: number } }) => {
          if (e.matchesCount) setMatches({ current: e.matchesCount.current, total: e.matchesCount.total })
        }
        eventBus.on('updatefindmatchescount', onCount)
        eventBus.on('updatefindcontrolstate', onCount)
        const task = pdfjs.getDocument({ url, withCredentials: true, isEvalSupported: false })
        const doc = await task.promise
        if (cancelled) return void doc.destroy()
        viewer.setDocument(doc)
        linkService.setDocument(doc)
        viewerRef.current = viewer as unknown as Viewer
        busRef.current = eventBus as unknown as Bus
        setState({ page: 1, pages: doc.numPages, loading: false, error: false })
        destroy = () => void doc.destroy()
      } catch {
        if (!cancelled) setState((s) => ({ ...s, loading: false, error: true }))
      }
    })()
    return () => {
      cancelled = true
      destroy?.()
    }
  }, [url])

  const go = (page: number) => {
    if (!viewerRef.current) return
    viewerRef.current.currentPageNumber = Math.min(Math.max(1, page), state.pages)
  }
  const zoom = (factor: number) => {
    if (viewerRef.current) viewerRef.current.currentScale = Math.min(4, Math.max(0.3, viewerRef.current.currentScale * factor))
  }
  const find = (text: string, again: false | 'next' | 'previous' = false) =>
    busRef.current?.dispatch('find', { source: null, type: again ? 'again' : '', query: text, caseSensitive: false, entireWord: false, highlightAll: true, findPrevious: again === 'previous', matchDiacritics: false })

  return (
    <section aria-label={t('documents.viewer')} className="space-y-2">
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label={t('documents.viewer')}>
        <Button variant="secondary" onClick={() => go(state.page - 1)} disabled={state.page <= 1}>
          {t('documents.previousPage')}
        </Button>
        <label className="flex items-center gap-1 text-sm">
          {t('documents.page')}
          <input
            type="number"
            min={1}
            max={state.pages || 1}
            value={state.page}
            onChange={(e) => go(Number(e.target.value))}
            className="w-16 rounded border border-stone-400 px-2 py-1"
            data-testid="pdf-page"
          />
          <span data-testid="pdf-pages">{t('documents.ofPages', { count: state.pages })}</span>
        </label>
        <Button variant="secondary" onClick={() => go(state.page + 1)} disabled={state.page >= state.pages}>
          {t('documents.nextPage')}
        </Button>
        <Button variant="secondary" onClick={() => zoom(1 / 1.2)}>
          {t('documents.zoomOut')}
        </Button>
        <Button variant="secondary" onClick={() => zoom(1.2)}>
          {t('documents.zoomIn')}
        </Button>
        <form
          role="search"
          onSubmit={(e) => {
            e.preventDefault()
            find(query, 'next')
          }}
          className="flex flex-wrap items-center gap-1"
        >
          <label htmlFor="pdf-search" className="sr-only">
            {t('documents.search')}
          </label>
          <input
            id="pdf-search"
            type="search"
            value={query}
            placeholder={t('documents.search')}
            onChange={(e) => {
              setQuery(e.target.value)
              setMatches(null)
              find(e.target.value)
            }}
            className="rounded border border-stone-400 px-2 py-1"
          />
          <Button variant="secondary" onClick={() => find(query, 'previous')} disabled={!matches?.total} aria-label={t('documents.previousMatch')}>
            ↑
          </Button>
          <Button variant="secondary" onClick={() => find(query, 'next')} disabled={!matches?.total} aria-label={t('documents.nextMatch')}>
            ↓
          </Button>
          <span role="status" className="min-w-24 text-sm text-stone-700" data-testid="pdf-matches">
            {query.trim() && matches ? (matches.total ? t('documents.matchOf', { current: matches.current, total: matches.total }) : t('documents.noMatch')) : ''}
          </span>
        </form>
      </div>
      {state.loading ? <p role="status">{t('documents.loadingViewer')}</p> : null}
      {state.error ? <p role="alert">{t('documents.noViewer')}</p> : null}
      <div className="relative h-[75vh] overflow-hidden rounded border border-stone-300 bg-stone-200">
        <div ref={container} className="absolute inset-0 overflow-auto" data-testid="pdf-container">
          <div className="pdfViewer" />
        </div>
      </div>
    </section>
  )
}
