import { readSheet } from 'read-excel-file/node'
import writeXlsxFile from 'write-excel-file/node'
import { serverT } from '~/i18n/translate.server'
import { formatDay } from '~/core/dates'
import { normaliseForSearch } from '~/core/text'
import { type ProgrammeItemInput, programmeItemInputSchema } from '~/features/meetings/index.server'
import { importLookups, importProgrammeItems, listProgrammeItems } from './programme.server'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

/** The sheet's columns, as the Office types them (Vietnamese headers; accents and case ignored). */
const SHEET_COLUMNS = ['Tháng', 'Ngày', 'Nội dung', 'Loại cuộc họp', 'Người chủ trì', 'Cơ quan chuẩn bị', 'Ghi chú'] as const
type Column = 'month' | 'date' | 'content' | 'type' | 'presiding' | 'unit' | 'notes'
const COLUMN_KEYS: Record<string, Column> = {
  thang: 'month',
  ngay: 'date',
  'noi dung': 'content',
  'loai cuoc hop': 'type',
  'nguoi chu tri': 'presiding',
  'co quan chuan bi': 'unit',
  'ghi chu': 'notes',
}

export type RowError = { row: number; messages: string[] }
export type SheetResult = { items: ProgrammeItemInput[]; errors: RowError[] }

function cellText(value: unknown) {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value).trim()
}

/** dd/mm/yyyy, or a spreadsheet date cell. */
function parseDay(value: unknown): string | null | 'invalid' {
  if (value == null || value === '') return null
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(value).trim())
  if (!m) return 'invalid'
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
}

/** Checks every row against the same rules as the form and names each problem with its row number. */
function parseProgrammeRows(rows: unknown[][], lookups: ReturnType<typeof importLookups>): SheetResult {
  const t = serverT('vi')
  const [header, ...body] = rows
  const columns = (header ?? []).map((h) => COLUMN_KEYS[normaliseForSearch(cellText(h))])
  const missing = (['month', 'content'] as Column[]).filter((c) => !columns.includes(c))
  if (missing.length) return { items: [], errors: [{ row: 1, messages: [t('programme.importHeader', { columns: SHEET_COLUMNS.join(', ') })] }] }
  const items: ProgrammeItemInput[] = []
  const errors: RowError[] = []
  body.forEach((cells, index) => {
    const rowNumber = index + 2
    const get = (c: Column) => {
      const i = columns.indexOf(c)
      return i < 0 ? undefined : cells[i]
    }
    if (cells.every((c) => cellText(c) === '')) return
    const messages: string[] = []
    const typeName = cellText(get('type'))
    const username = cellText(get('presiding')).toLowerCase()
    const unitCode = cellText(get('unit')).toLowerCase()
    const meetingTypeId = typeName ? lookups.meetingTypes.get(typeName.toLowerCase()) : null
    const presidingUserId = username ? lookups.users.get(username) : null
    const preparingUnitId = unitCode ? lookups.units.get(unitCode) : null
    if (meetingTypeId === undefined) messages.push(t('programme.importUnknownType', { value: typeName }))
    if (presidingUserId === undefined) messages.push(t('programme.importUnknownUser', { value: username }))
    if (preparingUnitId === undefined) messages.push(t('programme.importUnknownUnit', { value: unitCode }))
    const day = parseDay(get('date'))
    if (day === 'invalid') messages.push(t('programme.importBadDate', { value: cellText(get('date')) }))
    const parsed = programmeItemInputSchema.safeParse({
      content: cellText(get('content')),
      plannedMonth: Number(cellText(get('month'))),
      plannedDate: day === 'invalid' ? null : day,
      notes: cellText(get('notes')) || null,
      meetingTypeId: meetingTypeId ?? null,
      presidingUserId: presidingUserId ?? null,
      preparingUnitId: preparingUnitId ?? null,
    })
    if (!parsed.success) {
      const labels: Record<string, string> = { content: 'Nội dung', plannedMonth: 'Tháng', plannedDate: 'Ngày', notes: 'Ghi chú' }
      for (const issue of parsed.error.issues) messages.push(`${labels[String(issue.path[0])] ?? issue.path.join('.')}: ${t(issue.message)}`)
    }
    if (messages.length) errors.push({ row: rowNumber, messages })
    else if (parsed.success) items.push(parsed.data)
  })
  if (!items.length && !errors.length) errors.push({ row: 2, messages: [t('programme.importEmpty')] })
  return { items, errors }
}

/** Reads an uploaded sheet and imports it only when every row is right. */
export async function importProgrammeSheet({ programmeId, file, actor }: { programmeId: number; file: Buffer; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  let rows: unknown[][]
  try {
    rows = (await readSheet(file)) as unknown[][]
  } catch {
    return { imported: 0, errors: [{ row: 0, messages: [serverT('vi')('programme.importNotXlsx')] }] }
  }
  const result = parseProgrammeRows(rows, importLookups({ db }))
  if (result.errors.length) return { imported: 0, errors: result.errors }
  const ids = importProgrammeItems({ programmeId, items: result.items, actor }, { db })
  return { imported: ids.length, errors: [] as RowError[] }
}

/** The programme as a sheet with the same columns the import reads. */
export async function exportProgrammeSheet({ programmeId }: { programmeId: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const t = serverT('vi')
  const items = listProgrammeItems({ programmeId }, { db })
  const header = [...SHEET_COLUMNS, 'Trạng thái'].map((value) => ({ value, fontWeight: 'bold' as const }))
  const data = [
    header,
    ...items.map((i) => [
      { type: Number, value: i.plannedMonth },
      { type: String, value: i.plannedDate ? formatDay(i.plannedDate) : '' },
      { type: String, value: i.content, wrap: true },
      { type: String, value: i.meetingTypeName ?? '' },
      { type: String, value: i.presidingUsername ?? '' },
      { type: String, value: i.preparingUnitCode ?? '' },
      { type: String, value: i.notes ?? '' },
      { type: String, value: t(`programmeStatus.${i.status}`) },
    ]),
  ]
  return writeXlsxFile(data, { buffer: true, columns: [{ width: 8 }, { width: 12 }, { width: 60 }, { width: 24 }, { width: 16 }, { width: 16 }, { width: 30 }, { width: 16 }], sheet: 'Chương trình' })
}
