// @vitest-environment happy-dom
import { Editor } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { applyRoomRecords } from './components/minutes-editor'
import { buildSkeleton, type DocJSON, minutesExtensions, type RoomRecords, type SpeechFacts } from './doc'

const speech = (id: number, name: string, over: Partial<SpeechFacts> = {}): SpeechFacts => ({ speechId: id, itemId: 1, name, post: null, kind: 'normal', at: '08:1' + id, startedAtMs: 1000 * id, spokenSeconds: 0, ongoing: true, ...over })
const records = (speeches: SpeechFacts[]): RoomRecords => ({
  meeting: { title: 'Họp', place: 'Hội trường', date: '01/12/2026', openedAt: '08:00', closedAt: null, chair: 'Chủ trì', chairPost: null, taker: 'Thư ký', takerPost: null, documents: [] },
  attendance: { convened: 3, inPerson: ['A'], online: [], absent: [], late: [], leftEarly: [], substitutes: [], invitees: [] },
  items: [
    { itemId: 1, position: 1, title: 'Nội dung một', presenter: null },
    { itemId: 2, position: 2, title: 'Nội dung hai', presenter: null },
  ],
  speeches,
  votes: [],
})
const text = (n: DocJSON): string => (n.type === 'text' ? (n.text ?? '') : (n.content ?? []).map(text).join(''))

describe('the live prefill in the editor', () => {
  it('inserts a new speech at the end of its item and refreshes facts, never touching typed text or the undo history', () => {
    const editor = new Editor({ extensions: minutesExtensions(), content: buildSkeleton(records([speech(1, 'Nguyễn A')])) })
    // The minute-taker types a summary inside the first speech.
    let summaryAt = -1
    editor.state.doc.descendants((node, pos) => {
      if (summaryAt < 0 && node.type.name === 'speechBlock') summaryAt = pos + 2
    })
    editor.chain().setTextSelection(summaryAt).insertContent('Đề nghị tăng vốn.').run()

    applyRoomRecords(editor, records([speech(1, 'Nguyễn A', { ongoing: false, spokenSeconds: 95 }), speech(2, 'Trần B')]))
    const doc = editor.getJSON() as DocJSON
    const blocks = doc.content!
    const speeches = blocks.filter((b) => b.type === 'speechBlock')
    expect(speeches.map((s) => (s.attrs!.facts as SpeechFacts).name)).toEqual(['Nguyễn A', 'Trần B'])
    expect(speeches[0]!.attrs!.facts).toMatchObject({ ongoing: false, spokenSeconds: 95 })
    expect(text(speeches[0]!)).toBe('Đề nghị tăng vốn.')
    const types = blocks.map((b) => b.type)
    // Item one: heading, two speeches, its conclusion; then item two.
    expect(types.indexOf('speechBlock', types.indexOf('speechBlock') + 1)).toBe(types.indexOf('itemConclusion') - 1)
    // Undo takes back the typing, not what the room added.
    editor.commands.undo()
    const after = (editor.getJSON() as DocJSON).content!.filter((b) => b.type === 'speechBlock')
    expect(after).toHaveLength(2)
    expect(text(after[0]!)).toBe('')
    // Applying the same records again changes nothing.
    const before = JSON.stringify(editor.getJSON())
    applyRoomRecords(editor, records([speech(1, 'Nguyễn A', { ongoing: false, spokenSeconds: 95 }), speech(2, 'Trần B')]))
    expect(JSON.stringify(editor.getJSON())).toBe(before)
    editor.destroy()
  })
})
