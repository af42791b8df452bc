import type { Node as PMNode } from '@tiptap/pm/model'
import { type Editor, EditorContent, useEditor, useEditorState } from '@tiptap/react'
import { useEffect, useRef, useState } from 'react'
import { useDraftAutosave } from '~/components/use-draft-autosave'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '~/core/dates'
import { blockKey, type DocJSON, factsFor, insertionIndex, minutesExtensions, recordKey, type RoomRecords, speechNode, voteNode } from '../doc'


/**
 * The room's records into the open editor as one transaction outside the undo history: record
 * blocks get the room's facts (attributes only — the summary typed inside a speech stays), and
 * records not yet in the text are inserted at the end of their item, before its conclusion.
 * Text the minute-taker typed is never replaced, and the cursor stays where it is.
 */
export function applyRoomRecords(editor: Editor, records: RoomRecords) {
  const { state } = editor
  let tr = state.tr
  const seen = new Set<string>()
  state.doc.forEach((node, offset) => {
    const key = blockKey(node)
    if (!key) return
    seen.add(key)
    const facts = factsFor(records, key)
    if (facts && JSON.stringify(facts) !== JSON.stringify(node.attrs.facts)) tr = tr.setNodeMarkup(offset, undefined, { ...node.attrs, facts })
  })
  const missing = [...records.speeches, ...records.votes].filter((x) => !seen.has(recordKey(x))).sort((a, b) => ('speechId' in a ? a.startedAtMs : a.openedAtMs) - ('speechId' in b ? b.startedAtMs : b.openedAtMs))
  for (const record of missing) {
    const blocks: { type: string; attrs: Record<string, unknown>; pos: number }[] = []
    tr.doc.forEach((node: PMNode, offset: number) => blocks.push({ type: node.type.name, attrs: node.attrs, pos: offset }))
    const index = insertionIndex(blocks, record.itemId)
    const pos = blocks[index]?.pos ?? tr.doc.content.size
    tr = tr.insert(pos, state.schema.nodeFromJSON('speechId' in record ? speechNode(record) : voteNode(record)))
  }
  if (tr.docChanged) editor.view.dispatch(tr.setMeta('addToHistory', false))
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const s = useEditorState({ editor, selector: ({ editor: e }) => ({ bold: e.isActive('bold'), italic: e.isActive('italic'), bullet: e.isActive('bulletList'), canUndo: e.can().undo(), canRedo: e.can().redo() }) })
  const button = (label: string, active: boolean | undefined, run: () => void, disabled = false) => (
    <button type="button" aria-pressed={active} disabled={disabled} onClick={run} className={`min-h-9 rounded border px-2 text-sm ${active ? 'border-brand-600 bg-brand-50 font-semibold' : 'border-stone-300 bg-white'} disabled:opacity-50`}>
      {label}
    </button>
  )
  const chain = () => editor.chain().focus()
  return (
    <div role="toolbar" aria-label={t('minutes.toolbar')} className="flex flex-wrap gap-1 border-b border-stone-300 bg-stone-50 p-2">
      {button(t('conclusion.bold'), s.bold, () => chain().toggleBold().run())}
      {button(t('conclusion.italic'), s.italic, () => chain().toggleItalic().run())}
      {button(t('conclusion.bulletList'), s.bullet, () => chain().toggleBulletList().run())}
      {button(t('conclusion.undo'), undefined, () => chain().undo().run(), !s.canUndo)}
      {button(t('conclusion.redo'), undefined, () => chain().redo().run(), !s.canRedo)}
    </div>
  )
}

/**
 * The minutes editor: Tiptap on the shared schema, autosaved to the server (a stale save is
 * refused, never overwrites), kept in localStorage until the server has it (a reload or a dropped
 * connection loses nothing), and fed live by the room's records.
 */
export function MinutesEditor({ meetingId, initial, revision, records, savedAt, readOnly }: { meetingId: number; initial: DocJSON; revision: number; records: RoomRecords | null; savedAt: string | null; readOnly: boolean }) {
  const { t } = useTranslation()
  const content = useRef<DocJSON>(initial)
  const [restored, setRestored] = useState(false)
  const autosave = useDraftAutosave({
    url: `/meetings/${meetingId}/minutes-draft`,
    storageKey: `nghisu:minutes-draft:${meetingId}`,
    revision,
    savedAt,
    fields: () => ({ content: JSON.stringify(content.current) }),
    snapshot: () => ({ content: content.current }),
  })
  const { changed, kept, state } = autosave

  const editor = useEditor({
    immediatelyRender: false,
    editable: !readOnly,
    extensions: minutesExtensions(),
    content: initial,
    editorProps: { attributes: { class: 'prose-conclusion prose-minutes min-h-64 p-4 focus:outline-none', 'aria-labelledby': 'minutes-editor-label', 'aria-describedby': 'minutes-editor-hint', 'aria-multiline': 'true', role: 'textbox' } },
    onUpdate: ({ editor: e }) => {
      content.current = e.getJSON() as DocJSON
      if (!readOnly) changed()
    },
    // Unsaved text from this device (a reload, a lost connection) comes back once, if it started from the same revision.
    onCreate: ({ editor: e }) => {
      const backup = readOnly ? null : kept()
      if (!backup || JSON.stringify(backup.content) === JSON.stringify(content.current)) return
      e.commands.setContent(backup.content)
      content.current = backup.content
      setRestored(true)
      changed()
    },
  })

  // The room's records, live.
  useEffect(() => {
    if (editor && records && !readOnly) applyRoomRecords(editor, records)
  }, [editor, records, readOnly])

  const status = {
    saved: autosave.savedAt ? t('minutes.saved', { time: formatDateTime(autosave.savedAt) }) : t('minutes.notSavedYet'),
    dirty: t('minutes.unsaved'),
    saving: t('minutes.saving'),
    offline: t('minutes.offline'),
    conflict: t('minutes.conflict'),
    error: t('minutes.saveError'),
  }[state]
  return (
    <div className="space-y-2">
      <h2 id="minutes-editor-label" className="text-lg font-semibold">
        {t('minutes.editorLabel')}
      </h2>
      <p id="minutes-editor-hint" className="text-sm text-stone-700">
        {t('minutes.editorHint')}
      </p>
      {restored ? <p className="rounded bg-amber-50 p-2 text-sm">{t('minutes.restored')}</p> : null}
      <p role="status" data-testid="minutes-save-state" data-state={state} className={`text-sm ${state === 'conflict' || state === 'error' ? 'text-red-800' : 'text-stone-700'}`}>
        {readOnly ? null : status}
      </p>
      <div className="rounded-md border border-stone-400 bg-white focus-within:ring-2 focus-within:ring-brand-600" data-testid="minutes-editor">
        {editor && !readOnly ? <Toolbar editor={editor} /> : null}
        <EditorContent editor={editor} />
        {!editor ? <p className="p-4 text-stone-600">…</p> : null}
      </div>
    </div>
  )
}
