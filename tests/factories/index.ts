import { hash } from '@node-rs/argon2'
import { createSession } from '~/features/directory/index.server'
import { normaliseForSearch } from '~/core/text'
import { type DB, getDb } from '#db/client'
import { DomainError } from '~/core/errors'
import { createMeeting as saveNewMeeting, sendInvitations, vietnamInstant } from '~/features/meetings/index.server'
import { createTasks } from '~/features/tasks/index.server'
import { createDocument as createDocumentRecord, distributeDocuments } from '~/features/documents/index.server'
import { storeBytes } from '~/core/files.server'
import { pdfBytes } from '../setup/mail-files'
import { conclusions, meetingTypes, programmeItems, programmes, type Role, type UnitKind, units, userRoles, users } from '#db/schema'

export const TEST_PASSWORD = 'mat-khau-kiem-thu-2026'
let passwordHash: Promise<string> | undefined
let sequence = 0

export function createUnit(overrides: Partial<{ name: string; code: string; kind: UnitKind; parentId: number | null; active: boolean }> = {}, db: DB = getDb()) {
  sequence++
  const name = overrides.name ?? `Đơn vị kiểm thử ${sequence}`
  return db
    .insert(units)
    .values({ name, code: overrides.code ?? `DVKT${sequence}`, kind: overrides.kind ?? 'state_agency', parentId: overrides.parentId ?? null, active: overrides.active ?? true, searchText: normaliseForSearch(name) })
    .returning()
    .get()
}

export async function createUser(
  overrides: Partial<{ username: string; fullName: string; unitId: number | null; roles: Role[]; active: boolean; password: string; locale: 'vi' | 'en' }> = {},
  db: DB = getDb(),
) {
  sequence++
  passwordHash ??= hash(TEST_PASSWORD)
  const fullName = overrides.fullName ?? `Nguyễn Văn Thử ${sequence}`
  const user = db
    .insert(users)
    .values({
      username: overrides.username ?? `nguoidung${sequence}`,
      fullName,
      unitId: overrides.unitId ?? null,
      active: overrides.active ?? true,
      locale: overrides.locale ?? 'vi',
      passwordHash: overrides.password ? await hash(overrides.password) : await passwordHash,
      searchText: normaliseForSearch(fullName),
    })
    .returning()
    .get()
  const roles = overrides.roles ?? ['delegate']
  db.insert(userRoles).values(roles.map((role) => ({ userId: user.id, role }))).run()
  return { ...user, roles }
}

/** A session cookie for `userId`, as the browser would send it. */
export function sessionCookieFor(userId: number, db: DB = getDb()) {
  const { token } = createSession({ userId, meta: {} }, { db })
  return `nghisu_session=${token}`
}

/** A Request as Remix hands it to a loader or action. */
export function formRequest(url: string, fields: Record<string, string | string[]>, cookie?: string) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  return new Request(new URL(url, 'http://localhost:3000'), {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost:3000', ...(cookie ? { Cookie: cookie } : {}) },
  })
}

export function getRequest(url: string, cookie?: string) {
  return new Request(new URL(url, 'http://localhost:3000'), { headers: cookie ? { Cookie: cookie } : {} })
}

export function createMeetingType(overrides: Partial<typeof meetingTypes.$inferInsert> = {}, db: DB = getDb()) {
  sequence++
  return db
    .insert(meetingTypes)
    .values({ name: `Họp Ban Thường vụ ${sequence}`, documentLeadDays: 3, conclusionDeadlineDays: 5, speakingLimitMinutes: 5, ...overrides })
    .returning()
    .get()
}

/** A programme for a unit and an item in it (month 11 of 2026 unless told). */
export function createProgrammeItemFixture(unitId: number, overrides: Partial<typeof programmeItems.$inferInsert> = {}, db: DB = getDb()) {
  sequence++
  const programme = db
    .insert(programmes)
    .values({ issuingUnitId: unitId, year: 2026, period: 'month', periodNumber: (sequence % 12) + 1, title: `Chương trình ${sequence}`, createdAt: new Date() })
    .returning()
    .get()
  const now = new Date()
  return db
    .insert(programmeItems)
    .values({ programmeId: programme.id, content: `Nội dung ${sequence}`, plannedMonth: 11, createdAt: now, updatedAt: now, ...overrides })
    .returning()
    .get()
}

/** Form fields for a meeting, as the browser sends them. */
export function meetingFormFields(input: { title?: string; meetingTypeId: number; chairUserId: number; date: string; startTime?: string; endTime?: string; programmeItemId?: number; offProgrammeReason?: string; memberUserIds?: number[]; location?: string; confirmConflicts?: boolean }) {
  const fields: Record<string, string | string[]> = {
    title: input.title ?? 'Họp Ban Thường vụ',
    meetingTypeId: String(input.meetingTypeId),
    chairUserId: String(input.chairUserId),
    date: input.date,
    startTime: input.startTime ?? '08:00',
    endTime: input.endTime ?? '11:00',
    mode: 'in_person',
    location: input.location ?? 'Phòng họp số 1',
    memberUserIds: (input.memberUserIds ?? []).map(String),
    'agenda[0].title': 'Báo cáo tình hình',
  }
  if (input.programmeItemId) fields.programmeItemId = String(input.programmeItemId)
  if (input.offProgrammeReason) fields.offProgrammeReason = input.offProgrammeReason
  if (input.confirmConflicts) fields.confirmConflicts = 'on'
  return fields
}

/** A multipart form (fields and files), as a browser sends one with `encType="multipart/form-data"`. */
export function multipartRequest(url: string, fields: Record<string, string>, files: { field: string; name: string; bytes: Uint8Array; type?: string }[], cookie?: string) {
  const body = new FormData()
  for (const [key, value] of Object.entries(fields)) body.append(key, value)
  for (const f of files) body.append(f.field, new File([new Uint8Array(f.bytes)], f.name, { type: f.type ?? 'application/octet-stream' }))
  return new Request(new URL(url, 'http://localhost:3000'), { method: 'POST', body, headers: { Origin: 'http://localhost:3000', ...(cookie ? { Cookie: cookie } : {}) } })
}

/**
 * A meeting of its own type, chaired by `chairUserId` (a new chair when not given), held on
 * `date` at 08:00–11:00 (Asia/Ho_Chi_Minh), outside the programme.
 */
export async function createMeeting(overrides: { chairUserId?: number; officeUserId?: number; date?: string; title?: string } = {}, db: DB = getDb()) {
  const chairUserId = overrides.chairUserId ?? (await createUser({ roles: ['chair'] })).id
  const officeUserId = overrides.officeUserId ?? (await createUser({ roles: ['office'] })).id
  const date = overrides.date ?? '2026-06-01'
  return saveNewMeeting({ input: { title: overrides.title ?? 'Họp Ban Thường vụ', meetingTypeId: createMeetingType({}, db).id, programmeItemId: null, offProgrammeReason: 'Kiểm thử', urgent: false, chairUserId, startsAt: vietnamInstant(date, '08:00'), endsAt: vietnamInstant(date, '11:00'), mode: 'in_person', location: 'Phòng họp số 1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: officeUserId } }, { db })
}

/** An issued notice of a meeting (a new meeting when not given), to hang tasks on. */
export async function createIssuedConclusion(overrides: { meetingId?: number; chairUserId?: number } = {}, db: DB = getDb()) {
  const meetingId = overrides.meetingId ?? (await createMeeting({ chairUserId: overrides.chairUserId }, db))
  const now = new Date()
  return db.insert(conclusions).values({ meetingId, status: 'issued', content: { type: 'doc' }, createdAt: now, updatedAt: now }).returning().get()
}

/** A task of an issued notice through the tasks model (a new notice and lead unit when not given). */
export async function createTask(overrides: Partial<Parameters<typeof createTasks>[0]['blocks'][number]> & { conclusionId?: number; issuedOn?: string } = {}, db: DB = getDb()) {
  const { conclusionId: givenConclusion, issuedOn, ...block } = overrides
  const conclusionId = givenConclusion ?? (await createIssuedConclusion({}, db)).id
  const leadUnitId = block.leadUnitId ?? createUnit({}, db).id
  const id = db.transaction((tx) =>
    createTasks({ conclusionId, blocks: [{ blockId: `b${++sequence}`, content: `Nhiệm vụ kiểm thử ${sequence}`, coordinatingUnitIds: [], deadline: '2026-06-30', standingCycle: null, followingLeaderId: null, ...block, leadUnitId }], issuedOn: issuedOn ?? '2026-06-05' }, { db: tx }),
  )[0]!
  return { id, conclusionId, leadUnitId }
}

/**
 * A meeting ready for its session: invitations sent, `members` invited as members (plus the
 * chair), two agenda items (10 and 20 minutes planned), starting `startsAt` (default: now).
 */
export async function createHallFixture(options: { members?: number; startsAt?: Date; mode?: 'in_person' | 'online' | 'hybrid'; type?: Partial<typeof meetingTypes.$inferInsert> } = {}, db: DB = getDb()) {
  const office = await createUser({ roles: ['office'] }, db)
  const chair = await createUser({ roles: ['chair'] }, db)
  const members = await Promise.all(Array.from({ length: options.members ?? 4 }, () => createUser({ roles: ['delegate'] }, db)))
  const type = createMeetingType(options.type ?? {}, db)
  const startsAt = options.startsAt ?? new Date()
  const meetingId = saveNewMeeting({ input: {
      title: 'Hội nghị Ban Chấp hành',
      meetingTypeId: type.id,
      programmeItemId: null,
      offProgrammeReason: 'Kiểm thử',
      urgent: true,
      chairUserId: chair.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
      mode: options.mode ?? 'hybrid',
      location: 'Hội trường A',
      joinUrl: options.mode === 'in_person' ? null : 'https://hop.example.vn/phong-a',
      preparingUnitId: null,
      agenda: [
        { title: 'Báo cáo kinh tế - xã hội', plannedMinutes: 10 },
        { title: 'Công tác cán bộ', plannedMinutes: 20 },
      ],
      memberUserIds: members.map((m) => m.id),
      memberRoles: [],
      guestUnitIds: [],
      guestUserIds: [],
      secretaryUserId: null,
    } as Parameters<typeof saveNewMeeting>[0]['input'], actor: { id: office.id } }, { db })
  sendInvitations({ id: meetingId, actor: { id: office.id }, confirmFew: true }, { db, now: new Date(startsAt.getTime() - 7 * 86_400_000) })
  return { meetingId, office, chair, members, type }
}

/** The i18n key of the domain rule a call breaks, or null when it succeeds (anything else is rethrown). */
export function refusal(run: () => unknown) {
  try {
    run()
    return null
  } catch (error) {
    if (error instanceof DomainError) return error.message
    throw error
  }
}

/**
 * A document of a meeting (a new meeting and Office user when not given) through the documents
 * model, with a small PDF as its file; `distributed` sends it to the meeting's people.
 */
export async function createDocument(overrides: { meetingId?: number; officeUserId?: number; title?: string; restricted?: boolean; readerIds?: number[]; distributed?: boolean } = {}, db: DB = getDb()) {
  const officeUserId = overrides.officeUserId ?? (await createUser({ roles: ['office'] })).id
  const meetingId = overrides.meetingId ?? (await createMeeting({ officeUserId }, db))
  const file = await storeBytes(await pdfBytes(overrides.title ?? 'Tờ trình'), 'tai-lieu.pdf')
  const office = { id: officeUserId, ip: null, office: true }
  const id = createDocumentRecord({ meetingId, who: office, input: { title: overrides.title ?? `Tờ trình kiểm thử ${++sequence}`, kind: 'to_trinh', restricted: overrides.restricted ?? false, readerIds: overrides.readerIds ?? [] }, file }, { db })
  if (overrides.distributed) distributeDocuments({ meetingId, who: office, reason: 'Phát hành trong kiểm thử (có thể sau hạn)' }, { db })
  return { id, meetingId, officeUserId }
}
