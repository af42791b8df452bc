import { NodeViewWrapper, EditorContent, ReactNodeViewRenderer, type NodeViewProps, useEditor, useEditorState, type Editor } from '@tiptap/react'
import { createContext, useContext, useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type DocJSON, type NameLookup, type TaskBlockAttrs, type TaskBlockProblem, conclusionExtensions, normaliseTaskAttrs, standingCycles, TaskBlock, taskSentence } from '../conclusion-doc'
import { Button } from '~/components/ui/button'
import { DateField } from '~/components/ui/date-field'

export type Option = { id: number; name: string }
type EditorContextValue = { units: Option[]; leaders: Option[]; items: Option[]; names: NameLookup; problems: Map<string, TaskBlockProblem['problems']> }
const EditorData = createContext<EditorContextValue | null>(null)

const controlClass = 'block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base min-h-10'

/** One choice among units or people, "— Chọn —" meaning none. */
function OptionSelect({ id, label, required, value, options, onChange }: { id: string; label: string; required?: boolean; value: number | null; options: Option[]; onChange: (value: number | null) => void }) {
  const { t } = useTranslation()
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
        {required ? <span aria-hidden="true" className="text-red-800"> *</span> : null}
      </label>
      <select id={id} className={controlClass} value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t('conclusion.choose')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The task block inside the editor: the sentence as it will read, and a small form to edit it. */
function TaskBlockView({ node, updateAttributes, deleteNode, selected }: NodeViewProps) {
  const { t } = useTranslation()
  const data = useContext(EditorData)!
  const attrs = normaliseTaskAttrs(node.attrs)
  const [editing, setEditing] = useState(!attrs.content && !attrs.leadUnitId)
  const problems = data.problems.get(attrs.id)
  const id = useId()
  const set = (patch: Partial<TaskBlockAttrs>) => updateAttributes(patch)
  return (
    <NodeViewWrapper
      as="div"
      data-task-id={attrs.id}
      data-testid="task-block"
      className={`my-3 rounded-md border-l-4 p-3 ${problems ? 'border-red-700 bg-red-50' : 'border-brand-600 bg-stone-50'} ${selected ? 'ring-2 ring-brand-600' : ''}`}
      contentEditable={false}
    >
      <p className="m-0">
        <span className="mr-2 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white">{t('conclusion.taskLabel')}</span>
        {taskSentence(attrs, data.names)}
      </p>
      {attrs.agendaItemId && data.items.some((i) => i.id === attrs.agendaItemId) ? (
        <p className="m-0 text-sm text-stone-600" data-testid="task-from-item">
          {t('conclusion.fromItem', { item: data.items.find((i) => i.id === attrs.agendaItemId)!.name })}
        </p>
      ) : null}
      {problems ? (
        <ul className="mt-1 text-sm text-red-800" data-testid="task-block-problems">
          {problems.map((p) => (
            <li key={p}>{t(`conclusion.problem_${p}`)}</li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <fieldset className="mt-3 grid gap-3 font-sans text-base sm:grid-cols-2">
          <legend className="sr-only">{t('conclusion.editTask')}</legend>
          <div className="sm:col-span-2">
            <label htmlFor={`${id}-content`} className="mb-1 block text-sm font-medium">
              {t('conclusion.taskContent')}
            </label>
            <textarea id={`${id}-content`} className={controlClass} rows={2} value={attrs.content} onChange={(e) => set({ content: e.target.value })} />
          </div>
          <OptionSelect id={`${id}-lead`} label={t('conclusion.leadUnit')} required value={attrs.leadUnitId} options={data.units} onChange={(v) => set({ leadUnitId: v })} />
          <div>
            <label htmlFor={`${id}-coord`} className="mb-1 block text-sm font-medium">
              {t('conclusion.coordinatingUnits')}
            </label>
            <select
              id={`${id}-coord`}
              multiple
              size={4}
              className={controlClass}
              value={attrs.coordinatingUnitIds.map(String)}
              onChange={(e) => set({ coordinatingUnitIds: [...e.target.selectedOptions].map((o) => Number(o.value)) })}
            >
              {data.units
                .filter((u) => u.id !== attrs.leadUnitId)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
          </div>
          <DateField id={`${id}-deadline`} label={t('conclusion.deadline')} value={attrs.deadline ?? null} onChange={(deadline) => set({ deadline, standingCycle: deadline ? null : attrs.standingCycle })} />
          <div>
            <label htmlFor={`${id}-cycle`} className="mb-1 block text-sm font-medium">
              {t('conclusion.standing')}
            </label>
            <select id={`${id}-cycle`} className={controlClass} value={attrs.standingCycle ?? ''} onChange={(e) => set({ standingCycle: (e.target.value || null) as TaskBlockAttrs['standingCycle'], deadline: e.target.value ? null : attrs.deadline })}>
              <option value="">{t('conclusion.notStanding')}</option>
              {standingCycles.map((c) => (
                <option key={c} value={c}>
                  {t('conclusion.reportCycle', { cycle: t(`cycles.${c}`) })}
                </option>
              ))}
            </select>
          </div>
          <OptionSelect id={`${id}-leader`} label={t('conclusion.followingLeader')} value={attrs.followingLeaderId} options={data.leaders} onChange={(v) => set({ followingLeaderId: v })} />
          <div className="flex items-end gap-2">
            <Button variant="secondary" onClick={() => setEditing(false)}>
              {t('conclusion.doneEditing')}
            </Button>
            <Button variant="danger" onClick={() => deleteNode()}>
              {t('conclusion.removeTask')}
            </Button>
          </div>
        </fieldset>
      ) : (
        <Button variant="link" className="mt-1" onClick={() => setEditing(true)}>
          {t('conclusion.editTask')}
        </Button>
      )}
    </NodeViewWrapper>
  )
}

function ToolbarButton({ label, active, onClick, disabled }: { label: string; active?: boolean; onClick: () => void; disabled?: boolean }) {
  return (
    <button
      type="button"
      aria-pressed={active === undefined ? undefined : active}
      disabled={disabled}
      onClick={onClick}
      className={`min-h-9 rounded border px-2 text-sm ${active ? 'border-brand-600 bg-brand-600 text-white' : 'border-stone-300 bg-white text-stone-900 hover:bg-stone-100'} disabled:opacity-50`}
    >
      {label}
    </button>
  )
}

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation()
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      inTable: e.isActive('table'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  })
  const chain = () => editor.chain().focus()
  return (
    <div role="toolbar" aria-label={t('conclusion.toolbar')} className="flex flex-wrap gap-1 border-b border-stone-300 bg-stone-50 p-2">
      <ToolbarButton label={t('conclusion.bold')} active={state.bold} onClick={() => chain().toggleBold().run()} />
      <ToolbarButton label={t('conclusion.italic')} active={state.italic} onClick={() => chain().toggleItalic().run()} />
      <ToolbarButton label={t('conclusion.heading')} active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()} />
      <ToolbarButton label={t('conclusion.subheading')} active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()} />
      <ToolbarButton label={t('conclusion.bulletList')} active={state.bullet} onClick={() => chain().toggleBulletList().run()} />
      <ToolbarButton label={t('conclusion.orderedList')} active={state.ordered} onClick={() => chain().toggleOrderedList().run()} />
      {state.inTable ? (
        <>
          <ToolbarButton label={t('conclusion.addRow')} onClick={() => chain().addRowAfter().run()} />
          <ToolbarButton label={t('conclusion.addColumn')} onClick={() => chain().addColumnAfter().run()} />
          <ToolbarButton label={t('conclusion.deleteTable')} onClick={() => chain().deleteTable().run()} />
        </>
      ) : (
        <ToolbarButton label={t('conclusion.insertTable')} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} />
      )}
      <ToolbarButton label={t('conclusion.undo')} disabled={!state.canUndo} onClick={() => chain().undo().run()} />
      <ToolbarButton label={t('conclusion.redo')} disabled={!state.canRedo} onClick={() => chain().redo().run()} />
      <button
        type="button"
        onClick={() => {
          // Where the cursor is; at the end when the text has not been clicked into yet.
          const at = editor.state.selection.from <= 1 ? editor.state.doc.content.size : editor.state.selection.to
          chain().insertContentAt(at, { type: 'taskBlock', attrs: { id: crypto.randomUUID() } }).run()
        }}
        className="min-h-9 rounded border border-brand-600 bg-white px-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
      >
        {t('conclusion.addTask')}
      </button>
    </div>
  )
}

/**
 * The conclusion editor (client-only: Tiptap renders after hydration). `onChange` receives the
 * document JSON on every change; saving is the caller's business.
 */
export function ConclusionEditor({
  items = [],
  initialContent,
  units,
  leaders,
  problems,
  onChange,
  onReady,
  labelledBy,
}: {
  /** The meeting's agenda items (a task taken from the minutes names the item it came from). */
  items?: Option[]
  initialContent: DocJSON
  units: Option[]
  leaders: Option[]
  problems: TaskBlockProblem[]
  onChange: (doc: DocJSON) => void
  onReady?: (editor: Editor) => void
  labelledBy: string
}) {
  const names = useMemo<NameLookup>(() => {
    const u = new Map(units.map((x) => [x.id, x.name]))
    const l = new Map(leaders.map((x) => [x.id, x.name]))
    return { unitName: (id) => u.get(id), userName: (id) => l.get(id) }
  }, [units, leaders])
  const editor = useEditor({
    immediatelyRender: false,
    extensions: [
      ...conclusionExtensions(names).filter((e) => e.name !== 'taskBlock'),
      TaskBlock.configure({ names }).extend({ addNodeView: () => ReactNodeViewRenderer(TaskBlockView) }),
    ],
    content: initialContent,
    editorProps: { attributes: { class: 'prose-conclusion min-h-64 p-4 focus:outline-none', 'aria-labelledby': labelledBy, 'aria-multiline': 'true', role: 'textbox' } },
    onUpdate: ({ editor: e }) => onChange(e.getJSON() as DocJSON),
  })
  useEffect(() => {
    if (editor && onReady) onReady(editor)
  }, [editor, onReady])
  const value = useMemo(() => ({ units, leaders, items, names, problems: new Map(problems.map((p) => [p.blockId, p.problems])) }), [units, leaders, items, names, problems])
  return (
    <EditorData.Provider value={value}>
      <div className="rounded-md border border-stone-400 bg-white focus-within:ring-2 focus-within:ring-brand-600" data-testid="conclusion-editor">
        {editor ? <Toolbar editor={editor} /> : null}
        <EditorContent editor={editor} />
        {!editor ? <p className="p-4 text-stone-600">…</p> : null}
      </div>
    </EditorData.Provider>
  )
}
