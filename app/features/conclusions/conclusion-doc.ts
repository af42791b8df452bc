import { type Extensions, Node as TiptapNode, mergeAttributes } from '@tiptap/core'
import { TableKit } from '@tiptap/extension-table'
import StarterKit from '@tiptap/starter-kit'
import { formatDay } from '~/core/dates'
import { isValidDate } from '~/core/days'

/**
 * The conclusion's document schema, shared by the editor (browser) and the server (validation,
 * HTML, DOCX/PDF). One list of extensions: what the editor can produce is exactly what the server
 * accepts. Tasks are `taskBlock` nodes whose attributes carry the assignment (R4.6g).
 */

export const standingCycles = ['month', 'quarter', 'half_year', 'year'] as const
export type StandingCycle = (typeof standingCycles)[number]

export type TaskBlockAttrs = {
  id: string
  content: string
  leadUnitId: number | null
  coordinatingUnitIds: number[]
  /** YYYY-MM-DD, or null for a standing task (then `standingCycle` is set). */
  deadline: string | null
  standingCycle: StandingCycle | null
  followingLeaderId: number | null
  /** The agenda item it came from, when taken from the minutes' conclusion on that item. */
  agendaItemId?: number | null
}

export type DocJSON = { type: string; attrs?: Record<string, unknown>; content?: DocJSON[]; marks?: { type: string; attrs?: Record<string, unknown> }[]; text?: string }

export type NameLookup = { unitName: (id: number) => string | undefined; userName: (id: number) => string | undefined }

const CYCLE_LABEL: Record<StandingCycle, string> = { month: 'hằng tháng', quarter: 'hằng quý', half_year: '6 tháng một lần', year: 'hằng năm' }

/** dd/mm/yyyy without leading zeros on day and month, as Vietnamese notices write dates. */
export function vnDate(iso: string) {
  const [y, m, d] = iso.split('-')
  return `${Number(d)}/${Number(m)}/${y}`
}

/** The body that meets, from the meeting type's name: "Họp Ban Thường vụ Tỉnh ủy" → "Ban Thường vụ Tỉnh ủy". */
export function meetingBody(typeName: string) {
  const body = typeName.replace(/^(Họp|Hội nghị|Phiên họp)\s+/u, '').trim()
  return body !== typeName.trim() && /^\p{Lu}/u.test(body) ? body : 'Ban Thường vụ'
}

/**
 * The notice's opening sentence, worded once: the meeting's title without the "Họp …" and the body
 * already named ("Họp Ban Thường vụ Tỉnh ủy về công tác cán bộ" opens "Ban Thường vụ Tỉnh ủy họp
 * về công tác cán bộ", not "Ban Thường vụ họp về nội dung: Họp Ban Thường vụ …"), the date with
 * two-digit day and month, and the chair by name.
 */
export function openingSentence(o: { title: string; day: string; typeName: string; chairName: string; chairPosition?: string | null }) {
  const body = meetingBody(o.typeName)
  let subject = o.title.trim().replace(/[.\s]+$/u, '')
  subject = subject.replace(/^(Họp|Hội nghị|Phiên họp)\s+/u, '')
  if (subject.toLocaleLowerCase('vi').startsWith(body.toLocaleLowerCase('vi'))) subject = subject.slice(body.length).trim()
  subject = subject.replace(/^[,:;–-]\s*/u, '')
  const what = !subject ? 'họp' : /^(về|cho ý kiến|bàn|nghe|thảo luận|xem xét|sơ kết|tổng kết|kiểm điểm|định kỳ|thường kỳ|tháng|quý|chuyên đề)(?=\s|$)/iu.test(subject) ? `họp ${subject.charAt(0).toLocaleLowerCase('vi')}${subject.slice(1)}` : `họp về ${subject.charAt(0).toLocaleLowerCase('vi')}${subject.slice(1)}`
  const chair = o.chairPosition ? `đồng chí ${o.chairName}, ${o.chairPosition}, chủ trì cuộc họp` : `đồng chí ${o.chairName}, chủ trì cuộc họp,`
  return `Ngày ${formatDay(o.day)}, ${body} ${what}. Sau khi nghe báo cáo và ý kiến của các đồng chí dự họp, ${chair} kết luận như sau:`
}

function joinNames(names: string[]) {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} và ${names.at(-1)}`
}

/**
 * The task as a sentence of the notice: "Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ
 * rà soát …, hoàn thành trước ngày 30/6/2026."
 */
export function taskSentence(task: TaskBlockAttrs, names: NameLookup) {
  const lead = task.leadUnitId ? (names.unitName(task.leadUnitId) ?? '…') : '[chưa chọn đơn vị chủ trì]'
  const coordinating = task.coordinatingUnitIds.filter((id) => id !== task.leadUnitId).map((id) => names.unitName(id) ?? '…')
  const trimmed = task.content.trim().replace(/[.;,\s]+$/, '')
  // "Hoàn thiện dự thảo" reads "… chủ trì hoàn thiện dự thảo"; acronyms (UBND …) keep their case.
  const content = (/^\p{Lu}\p{Ll}/u.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed) || '[nội dung nhiệm vụ]'
  const when = task.deadline
    ? isValidDate(task.deadline)
      ? `hoàn thành trước ngày ${vnDate(task.deadline)}`
      : '[thời hạn không hợp lệ]'
    : task.standingCycle
      ? `thực hiện thường xuyên, báo cáo ${CYCLE_LABEL[task.standingCycle]}`
      : '[chưa có thời hạn]'
  const leader = task.followingLeaderId ? names.userName(task.followingLeaderId) : undefined
  const who = coordinating.length ? `Giao ${lead} chủ trì, phối hợp với ${joinNames(coordinating)}` : `Giao ${lead} chủ trì`
  return `${who} ${content}, ${when}.${leader ? ` (Đồng chí ${leader} theo dõi.)` : ''}`
}

function parseNumberList(value: string | null) {
  try {
    const parsed: unknown = JSON.parse(value ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : []
  } catch {
    return []
  }
}

const intAttr = (name: string) => ({
  default: null,
  parseHTML: (el: HTMLElement) => (el.getAttribute(name) ? Number(el.getAttribute(name)) : null),
  renderHTML: () => ({}),
})

export type TaskBlockOptions = { names: NameLookup }

/** The task block: an atom; its attributes are edited in a small form, never as free text. */
export const TaskBlock = TiptapNode.create<TaskBlockOptions>({
  name: 'taskBlock',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: false,
  addOptions() {
    return { names: { unitName: () => undefined, userName: () => undefined } }
  },
  addAttributes() {
    return {
      id: { default: '', parseHTML: (el) => el.getAttribute('data-task-id') ?? '', renderHTML: (attrs) => ({ 'data-task-id': attrs.id as string }) },
      content: { default: '', parseHTML: (el) => el.getAttribute('data-content') ?? '', renderHTML: () => ({}) },
      leadUnitId: intAttr('data-lead-unit'),
      coordinatingUnitIds: { default: [], parseHTML: (el) => parseNumberList(el.getAttribute('data-coordinating')), renderHTML: () => ({}) },
      deadline: { default: null, parseHTML: (el) => el.getAttribute('data-deadline'), renderHTML: () => ({}) },
      standingCycle: { default: null, parseHTML: (el) => el.getAttribute('data-cycle'), renderHTML: () => ({}) },
      followingLeaderId: intAttr('data-leader'),
      agendaItemId: { default: null, parseHTML: (el: HTMLElement) => (el.getAttribute('data-agenda-item') ? Number(el.getAttribute('data-agenda-item')) : null), renderHTML: (attrs: Record<string, unknown>) => (attrs.agendaItemId ? { 'data-agenda-item': attrs.agendaItemId } : {}) },
    }
  },
  parseHTML() {
    return [{ tag: 'p[data-task-id]' }]
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['p', mergeAttributes(HTMLAttributes, { class: 'task-block' }), taskSentence(node.attrs as TaskBlockAttrs, this.options.names)]
  },
  renderText({ node }) {
    return taskSentence(node.attrs as TaskBlockAttrs, this.options.names)
  },
})

/** Links only to the web and e-mail: no `javascript:` or `data:` URLs, in the editor or stored. */
export function isSafeHref(href: unknown) {
  if (typeof href !== 'string') return false
  try {
    const url = new URL(href, 'https://invalid.example/')
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) && !/^\s*(javascript|data|vbscript):/i.test(href)
  } catch {
    return false
  }
}

/** The text every document of the body is written in (the conclusion, the minutes): headings, lists, emphasis, safe links, tables. */
export function baseExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3] },
      code: false,
      codeBlock: false,
      link: { openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'], isAllowedUri: (url) => isSafeHref(url) },
    }),
    TableKit.configure({ table: { resizable: false } }),
  ]
}

export function conclusionExtensions(names?: NameLookup): Extensions {
  return [...baseExtensions(), names ? TaskBlock.configure({ names }) : TaskBlock]
}

/** Every task block of a document, in order. */
export function taskBlocksOf(doc: DocJSON): TaskBlockAttrs[] {
  const out: TaskBlockAttrs[] = []
  const walk = (node: DocJSON) => {
    if (node.type === 'taskBlock') out.push(normaliseTaskAttrs(node.attrs ?? {}))
    node.content?.forEach(walk)
  }
  walk(doc)
  return out
}

export function normaliseTaskAttrs(attrs: Record<string, unknown>): TaskBlockAttrs {
  const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null)
  return {
    id: typeof attrs.id === 'string' ? attrs.id : '',
    content: typeof attrs.content === 'string' ? attrs.content : '',
    leadUnitId: int(attrs.leadUnitId),
    coordinatingUnitIds: Array.isArray(attrs.coordinatingUnitIds) ? [...new Set(attrs.coordinatingUnitIds.map(int).filter((n): n is number => n !== null))] : [],
    deadline: typeof attrs.deadline === 'string' && attrs.deadline ? attrs.deadline : null,
    standingCycle: standingCycles.includes(attrs.standingCycle as StandingCycle) ? (attrs.standingCycle as StandingCycle) : null,
    followingLeaderId: int(attrs.followingLeaderId),
    agendaItemId: int(attrs.agendaItemId),
  }
}

export type TaskBlockProblem = { blockId: string; index: number; problems: ('content' | 'leadUnit' | 'deadline' | 'deadlinePast' | 'duplicateId')[] }

/**
 * What stops issuing: a task block without content, without a lead unit (exactly one is
 * required) or without a valid deadline (a date not before `earliest`, or a standing cycle).
 */
export function checkTaskBlocks(blocks: TaskBlockAttrs[], earliest: string, unitExists: (id: number) => boolean = () => true): TaskBlockProblem[] {
  const seen = new Set<string>()
  return blocks
    .map((b, index) => {
      const problems: TaskBlockProblem['problems'] = []
      if (!b.id || seen.has(b.id)) problems.push('duplicateId')
      seen.add(b.id)
      if (!b.content.trim()) problems.push('content')
      if (!b.leadUnitId || !unitExists(b.leadUnitId)) problems.push('leadUnit')
      if (b.deadline) {
        if (!isValidDate(b.deadline)) problems.push('deadline')
        else if (b.deadline < earliest) problems.push('deadlinePast')
      } else if (!b.standingCycle) problems.push('deadline')
      return { blockId: b.id, index, problems }
    })
    .filter((p) => p.problems.length > 0)
}
