import { type Extensions, Node as TiptapNode, mergeAttributes } from '@tiptap/core'
import { baseExtensions } from '~/features/conclusions'

/**
 * The minutes' document (biên bản, Hướng dẫn 16-HD/VPTW; QĐ 45/2018/QĐ-TTg): Tiptap JSON whose
 * record blocks carry what the room recorded — the attendance, each agenda item, each speech with
 * its speaker and time (the minute-taker's summary inside it), each vote's result — and free text
 * around them, with the chair's conclusion per item. One list of extensions for the editor
 * (browser), the server's schema check, the HTML and the DOCX/PDF. The record blocks' facts are
 * the room's: the server rebuilds them from its records on every save, whatever the client sent.
 */

export type DocJSON = { type: string; attrs?: Record<string, unknown>; content?: DocJSON[]; marks?: { type: string; attrs?: Record<string, unknown> }[]; text?: string }

export type AttendanceFacts = {
  convened: number
  inPerson: string[]
  online: string[]
  absent: { name: string; reason: string | null }[]
  late: { name: string; at: string }[]
  leftEarly: { name: string; at: string; reason: string | null }[]
  substitutes: { name: string; for: string }[]
  invitees: string[]
}
export type ItemFacts = { itemId: number; position: number; title: string; presenter: string | null }
export type SpeechFacts = { speechId: number; itemId: number; name: string; post: string | null; kind: 'normal' | 'debate'; at: string; startedAtMs: number; spokenSeconds: number; ongoing: boolean }
export type VoteFacts = {
  voteId: number
  itemId: number
  openedAtMs: number
  question: string
  secret: boolean
  yes: number
  no: number
  abstain: number
  passed: boolean
  present: number
  convened: number
  quorumMet: boolean
}
/** What the room recorded, in the order it happened (speeches and votes by their start). */
export type RoomRecords = {
  meeting: { title: string; place: string | null; date: string; openedAt: string | null; closedAt: string | null; chair: string; chairPost: string | null; taker: string | null; takerPost: string | null; documents: string[] }
  attendance: AttendanceFacts
  items: ItemFacts[]
  speeches: SpeechFacts[]
  votes: VoteFacts[]
}

const join = (names: string[]) => (names.length ? names.join(', ') : 'không')
function duration(seconds: number) {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return m ? `${m} phút${s ? ` ${s} giây` : ''}` : `${s} giây`
}

export function attendanceText(a: AttendanceFacts): string[] {
  const present = a.inPerson.length + a.online.length
  return [
    `Thành viên được triệu tập: ${a.convened} đồng chí. Có mặt: ${present} đồng chí (tại hội trường ${a.inPerson.length}, trực tuyến ${a.online.length}).`,
    `Vắng mặt: ${a.absent.length} đồng chí${a.absent.length ? ` — ${a.absent.map((x) => `${x.name}${x.reason ? ` (${x.reason})` : ' (không rõ lý do)'}`).join('; ')}` : ''}.`,
    ...(a.substitutes.length ? [`Dự thay: ${a.substitutes.map((s) => `${s.name} dự thay đồng chí ${s.for}`).join('; ')}.`] : []),
    ...(a.late.length ? [`Đến muộn: ${a.late.map((x) => `${x.name} (${x.at})`).join('; ')}.`] : []),
    ...(a.leftEarly.length ? [`Về sớm: ${a.leftEarly.map((x) => `${x.name} (${x.at}${x.reason ? `, ${x.reason}` : ''})`).join('; ')}.`] : []),
    `Khách mời: ${join(a.invitees)}.`,
  ]
}

export function itemText(i: ItemFacts) {
  return `${i.position}. ${i.title}${i.presenter ? ` — trình bày: ${i.presenter}` : ''}`
}

export function speechText(s: SpeechFacts) {
  const who = `Đồng chí ${s.name}${s.post ? ` (${s.post})` : ''}`
  return `${who} ${s.kind === 'debate' ? 'tranh luận' : 'phát biểu'} lúc ${s.at}${s.ongoing ? ' (đang phát biểu)' : `, ${duration(s.spokenSeconds)}`}:`
}

export function voteText(v: VoteFacts) {
  return `Biểu quyết ${v.secret ? 'kín' : 'công khai'}: «${v.question}» — ${v.yes} đồng ý, ${v.no} không đồng ý, ${v.abstain} không biểu quyết; có mặt ${v.present}/${v.convened} thành viên (${v.quorumMet ? 'đủ' : 'không đủ'} số lượng). Kết quả: ${v.passed ? 'thông qua' : 'không thông qua'}.`
}

const json = (name: string) => ({
  default: null,
  parseHTML: (el: HTMLElement) => {
    try {
      return JSON.parse(el.getAttribute(`data-${name}`) ?? 'null')
    } catch {
      return null
    }
  },
  renderHTML: () => ({}),
})
const int = (name: string) => ({ default: null, parseHTML: (el: HTMLElement) => Number(el.getAttribute(`data-${name}`)) || null, renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${name}`]: attrs[name] }) })

/** The attendance section: one atom whose facts come from the room. */
const AttendanceBlock = TiptapNode.create({
  name: 'attendanceBlock',
  group: 'block',
  atom: true,
  addAttributes: () => ({ facts: json('facts') }),
  parseHTML: () => [{ tag: 'div[data-attendance]' }],
  renderHTML({ node, HTMLAttributes }) {
    const facts = node.attrs.facts as AttendanceFacts | null
    return ['div', mergeAttributes(HTMLAttributes, { 'data-attendance': '', class: 'record-block attendance-block' }), ...(facts ? attendanceText(facts) : ['']).map((line) => ['p', {}, line])]
  },
  renderText: ({ node }) => (node.attrs.facts ? attendanceText(node.attrs.facts as AttendanceFacts).join('\n') : ''),
})

/** An agenda item's heading. */
const ItemHeading = TiptapNode.create({
  name: 'itemHeading',
  group: 'block',
  atom: true,
  addAttributes: () => ({ itemId: int('item'), facts: json('facts') }),
  parseHTML: () => [{ tag: 'h3[data-item]' }],
  renderHTML({ node, HTMLAttributes }) {
    return ['h3', mergeAttributes(HTMLAttributes, { class: 'record-block item-heading' }), node.attrs.facts ? itemText(node.attrs.facts as ItemFacts) : '']
  },
  renderText: ({ node }) => (node.attrs.facts ? itemText(node.attrs.facts as ItemFacts) : ''),
})

/** A speech: who, when, how long (from the room), and the minute-taker's summary inside it. */
const SpeechBlock = TiptapNode.create({
  name: 'speechBlock',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes: () => ({ speechId: int('speech'), facts: json('facts') }),
  parseHTML: () => [{ tag: 'section[data-speech]', contentElement: 'div.speech-summary' }],
  renderHTML({ node, HTMLAttributes }) {
    return [
      'section',
      mergeAttributes(HTMLAttributes, { class: 'record-block speech-block' }),
      ['p', { class: 'speech-head', contenteditable: 'false' }, node.attrs.facts ? speechText(node.attrs.facts as SpeechFacts) : ''],
      ['div', { class: 'speech-summary' }, 0],
    ]
  },
})

/** A vote's result, as the room closed it. */
const VoteBlock = TiptapNode.create({
  name: 'voteBlock',
  group: 'block',
  atom: true,
  addAttributes: () => ({ voteId: int('vote'), facts: json('facts') }),
  parseHTML: () => [{ tag: 'p[data-vote]' }],
  renderHTML({ node, HTMLAttributes }) {
    return ['p', mergeAttributes(HTMLAttributes, { class: 'record-block vote-block' }), node.attrs.facts ? voteText(node.attrs.facts as VoteFacts) : '']
  },
  renderText: ({ node }) => (node.attrs.facts ? voteText(node.attrs.facts as VoteFacts) : ''),
})

export type MeetingFacts = RoomRecords['meeting']

/** The opening lines of 16-HD/VPTW: start time, place, content, chair, minute-taker, documents used. */
export function openingText(m: MeetingFacts): [string, string][] {
  return [
    ['Thời gian bắt đầu', m.openedAt ? `${m.openedAt} ngày ${m.date}` : `ngày ${m.date}`],
    ['Địa điểm', m.place ?? ''],
    ['Nội dung', m.title],
    ['Chủ trì', `đồng chí ${m.chair}${m.chairPost ? `, ${m.chairPost}` : ''}`],
    ['Thư ký', m.taker ? `đồng chí ${m.taker}${m.takerPost ? `, ${m.takerPost}` : ''}` : ''],
    ['Tài liệu sử dụng', m.documents.join('; ')],
  ]
}

const OpeningBlock = TiptapNode.create({
  name: 'openingBlock',
  group: 'block',
  atom: true,
  addAttributes: () => ({ facts: json('facts') }),
  parseHTML: () => [{ tag: 'div[data-opening]' }],
  renderHTML({ node, HTMLAttributes }) {
    const facts = node.attrs.facts as MeetingFacts | null
    return ['div', mergeAttributes(HTMLAttributes, { 'data-opening': '', class: 'record-block opening-block' }), ...(facts ? openingText(facts) : []).map(([label, value]) => ['p', {}, ['strong', {}, `${label}: `], value])]
  },
  renderText: ({ node }) => (node.attrs.facts ? openingText(node.attrs.facts as MeetingFacts).map(([l, v]) => `${l}: ${v}`).join('\n') : ''),
})

export const closingText = (m: MeetingFacts) => `Cuộc họp kết thúc lúc: ${m.closedAt ?? '…'}`

const ClosingBlock = TiptapNode.create({
  name: 'closingBlock',
  group: 'block',
  atom: true,
  addAttributes: () => ({ facts: json('facts') }),
  parseHTML: () => [{ tag: 'p[data-closing]' }],
  renderHTML({ node, HTMLAttributes }) {
    return ['p', mergeAttributes(HTMLAttributes, { 'data-closing': '', class: 'record-block closing-block' }), node.attrs.facts ? closingText(node.attrs.facts as MeetingFacts) : '']
  },
  renderText: ({ node }) => (node.attrs.facts ? closingText(node.attrs.facts as MeetingFacts) : ''),
})

/** The chair's conclusion on an item (offered as the start of the conclusion notice). */
const ItemConclusion = TiptapNode.create({
  name: 'itemConclusion',
  group: 'block',
  content: 'paragraph+',
  defining: true,
  addAttributes: () => ({ itemId: int('item-conclusion') }),
  parseHTML: () => [{ tag: 'section[data-item-conclusion]', contentElement: 'div.item-conclusion-text' }],
  renderHTML({ HTMLAttributes }) {
    return ['section', mergeAttributes(HTMLAttributes, { class: 'record-block item-conclusion' }), ['p', { class: 'item-conclusion-head', contenteditable: 'false' }, 'Kết luận của đồng chí chủ trì:'], ['div', { class: 'item-conclusion-text' }, 0]]
  },
})

export function minutesExtensions(): Extensions {
  return [
    ...baseExtensions(),
    OpeningBlock,
    ClosingBlock,
    AttendanceBlock,
    ItemHeading,
    SpeechBlock,
    VoteBlock,
    ItemConclusion,
  ]
}

const p = (text = ''): DocJSON => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })

export const speechNode = (s: SpeechFacts): DocJSON => ({ type: 'speechBlock', attrs: { speechId: s.speechId, facts: s }, content: [p()] })
export const voteNode = (v: VoteFacts): DocJSON => ({ type: 'voteBlock', attrs: { voteId: v.voteId, facts: v } })

/**
 * The skeleton of 16-HD/VPTW: start time, place, content, chair, minute-taker, documents;
 * attendance; per item its heading, the speeches in the order spoken and the votes, the chair's
 * conclusion; closing time. Filled from what the room recorded so far.
 */
export function buildSkeleton(r: RoomRecords): DocJSON {
  const content: DocJSON[] = [
    { type: 'openingBlock', attrs: { facts: r.meeting } },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Thành phần dự họp' }] },
    { type: 'attendanceBlock', attrs: { facts: r.attendance } },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '2. Diễn biến cuộc họp' }] },
  ]
  for (const item of r.items) {
    content.push({ type: 'itemHeading', attrs: { itemId: item.itemId, facts: item } })
    for (const record of recordsOf(r, item.itemId)) content.push('speechId' in record ? speechNode(record) : voteNode(record))
    content.push({ type: 'itemConclusion', attrs: { itemId: item.itemId }, content: [p()] })
  }
  content.push({ type: 'closingBlock', attrs: { facts: r.meeting } })
  return { type: 'doc', content }
}

/** An item's speeches and votes in the order they happened. */
function recordsOf(r: RoomRecords, itemId: number): (SpeechFacts | VoteFacts)[] {
  return [...r.speeches.filter((s) => s.itemId === itemId), ...r.votes.filter((v) => v.itemId === itemId)].sort((a, b) => orderKey(a) - orderKey(b))
}
const orderKey = (x: SpeechFacts | VoteFacts) => ('speechId' in x ? x.startedAtMs : x.openedAtMs)

/** Where a record goes: the key of its block. */
export const recordKey = (x: SpeechFacts | VoteFacts) => ('speechId' in x ? `s${x.speechId}` : `v${x.voteId}`)
export function blockKey(node: { type: string | { name: string }; attrs: Record<string, unknown> }) {
  const type = typeof node.type === 'string' ? node.type : node.type.name
  if (type === 'speechBlock') return `s${node.attrs.speechId}`
  if (type === 'voteBlock') return `v${node.attrs.voteId}`
  if (type === 'attendanceBlock') return 'attendance'
  if (type === 'openingBlock') return 'opening'
  if (type === 'closingBlock') return 'closing'
  if (type === 'itemHeading') return `i${node.attrs.itemId}`
  return null
}

/** The facts a block should carry now (null: the room has no such record). */
export function factsFor(r: RoomRecords, key: string): unknown {
  if (key === 'attendance') return r.attendance
  if (key === 'opening' || key === 'closing') return r.meeting
  const id = Number(key.slice(1))
  if (key[0] === 's') return r.speeches.find((s) => s.speechId === id) ?? null
  if (key[0] === 'v') return r.votes.find((v) => v.voteId === id) ?? null
  if (key[0] === 'i') return r.items.find((i) => i.itemId === id) ?? null
  return null
}

/**
 * Brings a document up to date with the room, as plain JSON (the server on every save and when a
 * draft opens): every record block's facts replaced by the room's (a forged count or name is
 * gone); blocks of records the room does not have removed; records not yet in the document
 * inserted at the end of their item (before its conclusion). Text the minute-taker wrote —
 * summaries, conclusions, paragraphs — is never touched.
 */
export function syncWithRoom(doc: DocJSON, r: RoomRecords): DocJSON {
  const present = new Set<string>()
  const refresh = (n: DocJSON): DocJSON | null => {
    const key = blockKey({ type: n.type, attrs: n.attrs ?? {} })
    if (key) {
      const facts = factsFor(r, key)
      if (!facts || present.has(key)) return null
      present.add(key)
      return { ...n, attrs: { ...n.attrs, facts } }
    }
    return n.content ? { ...n, content: n.content.map(refresh).filter((c): c is DocJSON => c !== null) } : n
  }
  const content = (doc.content ?? []).map(refresh).filter((c): c is DocJSON => c !== null)
  for (const item of r.items) {
    const missing = recordsOf(r, item.itemId).filter((x) => !present.has(recordKey(x)))
    if (!missing.length) continue
    const nodes = missing.map((x) => ('speechId' in x ? speechNode(x) : voteNode(x)))
    content.splice(insertionIndex(content, item.itemId), 0, ...nodes)
  }
  return { ...doc, content }
}

/** Before the item's conclusion; else before the next item's heading; else before the closing line (the last block). */
export function insertionIndex(blocks: { type: string; attrs?: Record<string, unknown> | null }[], itemId: number) {
  const conclusion = blocks.findIndex((b) => b.type === 'itemConclusion' && Number(b.attrs?.itemId) === itemId)
  if (conclusion >= 0) return conclusion
  const heading = blocks.findIndex((b) => b.type === 'itemHeading' && Number(b.attrs?.itemId) === itemId)
  if (heading >= 0) {
    const next = blocks.findIndex((b, i) => i > heading && b.type === 'itemHeading')
    return next >= 0 ? next : Math.max(heading + 1, blocks.length - 1)
  }
  return Math.max(0, blocks.length - 1)
}

/** The chair's conclusion per item (non-empty), as text paragraphs: the start of the conclusion notice. */
export function itemConclusions(doc: DocJSON): { itemId: number; title: string; paragraphs: string[] }[] {
  const titles = new Map<number, string>()
  const out: { itemId: number; title: string; paragraphs: string[] }[] = []
  const text = (n: DocJSON): string => (n.type === 'text' ? (n.text ?? '') : (n.content ?? []).map(text).join(''))
  for (const b of doc.content ?? []) {
    if (b.type === 'itemHeading') titles.set(Number(b.attrs?.itemId), ((b.attrs?.facts as ItemFacts | null)?.title) ?? '')
    if (b.type === 'itemConclusion') {
      const paragraphs = (b.content ?? []).map(text).map((t) => t.trim()).filter(Boolean)
      if (paragraphs.length) out.push({ itemId: Number(b.attrs?.itemId), title: titles.get(Number(b.attrs?.itemId)) ?? '', paragraphs })
    }
  }
  return out
}
