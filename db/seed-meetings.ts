import { getWorkingCalendar } from '~/features/calendar/index.server'
import { addDays, vietnamDate, weekday } from '~/core/days'
import { createMeeting, sendInvitations, setMeetingStatus, vietnamInstant } from '~/features/meetings/index.server'
import { createProgramme, createProgrammeItem } from '~/features/programme/index.server'
import type { DB } from './client'
import { eq } from 'drizzle-orm'
import { issuingBodies, meetingTypes, participantGroupMembers, participantGroups, units, userRoles, users } from './schema'

const demoMeetingTypes = [
  { name: 'Hội nghị Ban Chấp hành Đảng bộ tỉnh', documentLeadDays: 5, conclusionDeadlineDays: 5, speakingLimitMinutes: 7, maxDurationMinutes: 480, defaultRoles: ['delegate' as const] },
  { name: 'Họp Ban Thường vụ Tỉnh ủy', documentLeadDays: 3, conclusionDeadlineDays: 5, speakingLimitMinutes: 5, maxDurationMinutes: 240 },
  { name: 'Họp Thường trực Tỉnh ủy', documentLeadDays: 2, conclusionDeadlineDays: 3, speakingLimitMinutes: 5, maxDurationMinutes: 180 },
  { name: 'Giao ban', documentLeadDays: 1, conclusionDeadlineDays: 3, speakingLimitMinutes: 3, maxDurationMinutes: 120 },
  { name: 'Họp chuyên đề', documentLeadDays: 3, conclusionDeadlineDays: 5, speakingLimitMinutes: 5, maxDurationMinutes: 240 },
]

/** Items of a provincial Standing Committee's year programme: [month, content, type index, preparing unit code]. */
const programmeContents: [number, string, number, string][] = [
  [1, 'Triển khai nhiệm vụ trọng tâm năm; chương trình công tác toàn khóa', 1, 'VPTU'],
  [1, 'Cho ý kiến về kế hoạch kiểm tra, giám sát năm của Ban Thường vụ', 1, 'UBKT'],
  [2, 'Công tác chuẩn bị Tết Nguyên đán và bảo đảm an ninh trật tự', 2, 'BANNOICHINH'],
  [3, 'Sơ kết công tác quý I, triển khai nhiệm vụ quý II', 1, 'VPTU'],
  [3, 'Cho ý kiến về Đề án chuyển đổi số tỉnh giai đoạn 2026–2030', 4, 'BANCSCL'],
  [4, 'Kiểm điểm việc thực hiện quy định về kỷ luật, kỷ cương hành chính', 1, 'UBKT'],
  [4, 'Công tác cán bộ: quy hoạch, luân chuyển, bổ nhiệm', 1, 'BANTOCHUC'],
  [5, 'Tình hình thực hiện các dự án trọng điểm, giải ngân vốn đầu tư công', 4, 'DUUBND'],
  [6, 'Sơ kết 6 tháng đầu năm, nhiệm vụ 6 tháng cuối năm', 0, 'VPTU'],
  [6, 'Kết quả thăm dò tín nhiệm giữa nhiệm kỳ', 1, 'BANTOCHUC'],
  [7, 'Công tác dân vận, giải quyết khiếu nại, tố cáo đông người', 1, 'BANTGDV'],
  [8, 'Chuẩn bị kỷ niệm Quốc khánh 2/9; công tác tuyên truyền', 2, 'BANTGDV'],
  [9, 'Tình hình kinh tế - xã hội 9 tháng; giải pháp hoàn thành kế hoạch năm', 1, 'DUUBND'],
  [10, 'Cho ý kiến về dự thảo báo cáo chính trị đại hội cấp cơ sở', 4, 'BANCSCL'],
  [11, 'Kế hoạch phòng chống thiên tai mùa mưa bão', 3, 'SONNMT'],
  [11, 'Cho ý kiến về dự toán ngân sách và kế hoạch đầu tư công năm sau', 1, 'SOTAICHINH'],
  [11, 'Nâng cao chất lượng hội họp; theo dõi thực hiện kết luận, nhiệm vụ được giao', 1, 'VPTU'],
  [12, 'Tổng kết công tác năm, phương hướng nhiệm vụ năm sau', 0, 'VPTU'],
  [12, 'Kiểm điểm tập thể, cá nhân Ban Thường vụ cuối năm', 1, 'BANTOCHUC'],
]

const rooms = ['Phòng họp số 1, trụ sở Tỉnh ủy', 'Hội trường Tỉnh ủy', 'Phòng họp số 2, trụ sở Tỉnh ủy']

type Ids = { units: Map<string, number>; users: Map<string, number> }

/** A Standing Committee meeting as the seed makes them: members by name, the Office as secretary. */
function standingMeeting(input: {
  title: string
  meetingTypeId: number
  programmeItemId: number | null
  chairUserId: number
  startsAt: Date
  endsAt: Date
  location: string
  preparingUnitId: number
  members: number[]
  secretaryUserId: number
  agenda: { title: string; presenterUserId: number | null; presenterUnitId: number | null; plannedMinutes: number }[]
  hybrid?: boolean
  urgent?: boolean
}) {
  return {
    title: input.title,
    meetingTypeId: input.meetingTypeId,
    programmeItemId: input.programmeItemId,
    offProgrammeReason: input.programmeItemId ? null : 'Phát sinh theo chỉ đạo',
    urgent: input.urgent ?? false,
    chairUserId: input.chairUserId,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    mode: input.hybrid ? ('hybrid' as const) : ('in_person' as const),
    location: input.location,
    joinUrl: input.hybrid ? 'https://hop.tinhuy.example.vn/giao-ban' : null,
    preparingUnitId: input.preparingUnitId,
    agenda: input.agenda,
    memberUserIds: input.members,
    memberRoles: [],
    guestUnitIds: [],
    guestUserIds: [],
    secretaryUserId: input.secretaryUserId,
  }
}

function lookups(db: DB): Ids {
  return {
    units: new Map(db.select({ id: units.id, code: units.code }).from(units).all().map((u) => [u.code, u.id])),
    users: new Map(db.select({ id: users.id, username: users.username }).from(users).all().map((u) => [u.username, u.id])),
  }
}

/**
 * The demo's named groups (decision 019): who sits on the Standing Board, the Standing Committee
 * and the Executive Committee — a role alone cannot tell them apart.
 */
function ensureGroups(db: DB) {
  if (db.select({ id: participantGroups.id }).from(participantGroups).get()) return new Map(db.select({ id: participantGroups.id, name: participantGroups.name }).from(participantGroups).all().map((g) => [g.name, g.id]))
  const byUsername = new Map(db.select({ id: users.id, username: users.username }).from(users).all().map((u) => [u.username, u.id]))
  const standingBoard = ['bithu', 'phobithu', 'uyvien1']
  const standingCommittee = ['bithu', 'phobithu', ...Array.from({ length: 13 }, (_, i) => `uyvien${i + 1}`)]
  const delegates = db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'delegate')).all().map((r) => r.id)
  const executive = [...new Set([...standingCommittee.map((u) => byUsername.get(u)!).filter(Boolean), ...delegates])]
  const now = new Date()
  const groups: [string, string, number[]][] = [
    ['Thường trực Tỉnh ủy', 'Bí thư, Phó Bí thư Thường trực và Phó Bí thư Tỉnh ủy', standingBoard.map((u) => byUsername.get(u)!).filter(Boolean)],
    ['Ủy viên Ban Thường vụ Tỉnh ủy', 'Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy khóa này', standingCommittee.map((u) => byUsername.get(u)!).filter(Boolean)],
    ['Ban Chấp hành Đảng bộ tỉnh', 'Các đồng chí Tỉnh ủy viên', executive],
  ]
  const ids = new Map<string, number>()
  for (const [name, description, members] of groups) {
    const id = db.insert(participantGroups).values({ name, description, createdAt: now, updatedAt: now }).returning({ id: participantGroups.id }).get().id
    if (members.length) db.insert(participantGroupMembers).values(members.map((userId, position) => ({ groupId: id, userId, position }))).run()
    ids.set(name, id)
  }
  return ids
}

/** Which group each demo type invites by default. */
const demoTypeGroups: Record<string, string> = {
  'Hội nghị Ban Chấp hành Đảng bộ tỉnh': 'Ban Chấp hành Đảng bộ tỉnh',
  'Họp Ban Thường vụ Tỉnh ủy': 'Ủy viên Ban Thường vụ Tỉnh ủy',
  'Họp Thường trực Tỉnh ủy': 'Thường trực Tỉnh ủy',
  'Giao ban': 'Thường trực Tỉnh ủy',
  'Họp chuyên đề': 'Ủy viên Ban Thường vụ Tỉnh ủy',
}

function ensureTypes(db: DB) {
  const groups = ensureGroups(db)
  if (!db.select({ id: meetingTypes.id }).from(meetingTypes).get())
    db.insert(meetingTypes)
      .values(demoMeetingTypes.map(({ defaultRoles: _roles, ...t }) => ({ ...t, defaultGroupIds: groups.has(demoTypeGroups[t.name] ?? '') ? [groups.get(demoTypeGroups[t.name]!)!] : [] })))
      .run()
  return db.select({ id: meetingTypes.id, name: meetingTypes.name, maxDurationMinutes: meetingTypes.maxDurationMinutes }).from(meetingTypes).all()
}

/** The seed keeps to each type's maximum duration, like any user must. */
function endWithin(startsAt: Date, endsAt: Date, maxMinutes: number | null | undefined) {
  return maxMinutes ? new Date(Math.min(endsAt.getTime(), startsAt.getTime() + maxMinutes * 60_000)) : endsAt
}

/** This year's programme for the Standing Committee, with meetings held, this week and in the coming weeks. */
export function seedDemoMeetings(db: DB, now = new Date()) {
  const types = ensureTypes(db)
  const typeIds = demoMeetingTypes.map((t) => types.find((x) => x.name === t.name)!.id)
  const ids = lookups(db)
  const office = { id: ids.users.get('vanphong')!, ip: null }
  const today = vietnamDate(now)
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  // The Standing Committee numbers its notices as a Party body, within the 2025–2030 term.
  db.insert(issuingBodies).values({ unitId: ids.units.get('TINHUY')!, style: 'party', bodyCode: 'TU', termStartYear: 2025, place: 'Hà Tĩnh', headerName: 'TỈNH ỦY HÀ TĨNH' }).onConflictDoNothing().run()
  // The Office numbers its own reports (Số …-BC/VPTU).
  db.insert(issuingBodies).values({ unitId: ids.units.get('VPTU')!, style: 'party', bodyCode: 'VPTU', termStartYear: 2025, place: 'Hà Tĩnh', headerName: 'VĂN PHÒNG TỈNH ỦY HÀ TĨNH' }).onConflictDoNothing().run()
  const programmeId = createProgramme({ input: { issuingUnitId: ids.units.get('TINHUY')!, year, period: 'year', title: `Chương trình công tác năm ${year} của Ban Thường vụ Tỉnh ủy` }, actor: office }, { db, now })
  const standing = ['bithu', 'phobithu', ...Array.from({ length: 13 }, (_, i) => `uyvien${i + 1}`)].map((u) => ids.users.get(u)!)
  const calendar = getWorkingCalendar({ db: db })
  const monday = addDays(today, -((weekday(today) + 6) % 7))
  const items = programmeContents.map(([m, content, typeIndex, unit], i) => ({
    id: createProgrammeItem({ programmeId, input: { content, plannedMonth: m, meetingTypeId: typeIds[typeIndex], presidingUserId: ids.users.get(i % 3 === 2 ? 'phobithu' : 'bithu')!, preparingUnitId: ids.units.get(unit)!, notes: null, plannedDate: null }, actor: office }, { db, now }),
    month: m,
    content,
    typeIndex,
    unit,
    chair: i % 3 === 2 ? 'phobithu' : 'bithu',
  }))

  const schedule = (item: (typeof items)[number], date: string, start: string, end: string, room: string) =>
    createMeeting({ input: standingMeeting({
        title: item.content,
        meetingTypeId: typeIds[item.typeIndex]!,
        programmeItemId: item.id,
        chairUserId: ids.users.get(item.chair)!,
        startsAt: vietnamInstant(date, start),
        endsAt: endWithin(vietnamInstant(date, start), vietnamInstant(date, end), demoMeetingTypes[item.typeIndex]!.maxDurationMinutes),
        location: room,
        hybrid: item.typeIndex === 3,
        preparingUnitId: ids.units.get(item.unit)!,
        members: standing,
        secretaryUserId: office.id!,
        agenda: [
          { title: `Báo cáo: ${item.content}`, presenterUnitId: ids.units.get(item.unit)!, presenterUserId: null, plannedMinutes: 30 },
          { title: 'Thảo luận, cho ý kiến', presenterUserId: null, presenterUnitId: null, plannedMinutes: 60 },
          { title: 'Kết luận của đồng chí chủ trì', presenterUserId: ids.users.get(item.chair)!, presenterUnitId: null, plannedMinutes: 15 },
        ],
      }), actor: office }, { db, now })

  // Past months: held, invitations on time (one late, for the reports to show).
  items
    .filter((i) => i.month < month)
    .forEach((item, n) => {
      const date = calendar.addWorkingDays(`${year}-${String(item.month).padStart(2, '0')}-09`, 1 + (n % 5))
      const id = schedule(item, date, n % 2 ? '14:00' : '08:00', n % 2 ? '17:00' : '11:00', rooms[n % rooms.length]!)
      const sentOn = calendar.subtractWorkingDays(date, n % 7 === 3 ? 1 : 4)
      sendInvitations({ id, actor: office, confirmFew: true }, { db, now: vietnamInstant(sentOn, '09:00') })
      setMeetingStatus({ id, input: { status: 'held' }, actor: office }, { db, now: vietnamInstant(date, '18:00') })
    })
  // This week and the coming weeks.
  const current = items.filter((i) => i.month >= month)
  const slots = [
    { date: calendar.addWorkingDays(monday, 1), start: '08:00', end: '11:00', invite: -4 },
    { date: calendar.addWorkingDays(monday, 3), start: '14:00', end: '16:30', invite: -3 },
    { date: calendar.addWorkingDays(monday, 7), start: '08:00', end: '11:30', invite: 0 },
    { date: calendar.addWorkingDays(monday, 12), start: '08:00', end: '11:00', invite: null },
  ]
  current.slice(0, slots.length).forEach((item, n) => {
    const slot = slots[n]!
    const id = schedule(item, slot.date, slot.start, slot.end, rooms[n % rooms.length]!)
    if (slot.invite !== null) {
      const sentOn = slot.invite < 0 ? calendar.addWorkingDays(slot.date, slot.invite) : today
      const sentAt = vietnamInstant(sentOn < today ? sentOn : today, '09:00')
      sendInvitations({ id, actor: office, confirmFew: true }, { db, now: sentAt < now ? sentAt : now })
      const start = vietnamInstant(slot.date, slot.start)
      if (start < now) setMeetingStatus({ id, input: { status: 'held' }, actor: office }, { db, now })
    }
  })
  // A meeting about to start, so the meeting room can be tried at once: invited, hybrid, its
  // session openable now (the room opens from two hours before the start).
  const soon = new Date(Math.ceil((now.getTime() + 20 * 60_000) / 300_000) * 300_000)
  const upcoming = createMeeting({ input: {
      ...standingMeeting({
        title: 'Hội nghị Ban Thường vụ Tỉnh ủy: cho ý kiến về tình hình kinh tế - xã hội',
        meetingTypeId: typeIds[1]!,
        programmeItemId: null,
        urgent: true,
        chairUserId: ids.users.get('bithu')!,
        startsAt: soon,
        endsAt: new Date(soon.getTime() + 3 * 3_600_000),
        location: 'Hội trường Tỉnh ủy',
        hybrid: true,
        preparingUnitId: ids.units.get('VPTU')!,
        members: standing,
        secretaryUserId: office.id!,
        agenda: [
          { title: 'Báo cáo tình hình kinh tế - xã hội', presenterUserId: ids.users.get('uyvien1')!, presenterUnitId: null, plannedMinutes: 20 },
          { title: 'Thảo luận, cho ý kiến', presenterUserId: null, presenterUnitId: null, plannedMinutes: 60 },
          { title: 'Biểu quyết thông qua và kết luận', presenterUserId: ids.users.get('bithu')!, presenterUnitId: null, plannedMinutes: 15 },
        ],
      }),
      offProgrammeReason: 'Phát sinh theo chỉ đạo của Thường trực Tỉnh ủy',
    }, actor: office }, { db, now })
  sendInvitations({ id: upcoming, actor: office, confirmFew: true }, { db, now })
}

/** About 3,000 meetings over the last five years for benchmarks (60 units' programmes). */
export function seedProvinceMeetings(db: DB, now = new Date()) {
  const types = ensureTypes(db)
  const ids = lookups(db)
  const office = { id: ids.users.get('vanphong')!, ip: null }
  const chairs = ['bithu', 'phobithu'].map((u) => ids.users.get(u)!)
  const standing = ['bithu', 'phobithu', ...Array.from({ length: 13 }, (_, i) => `uyvien${i + 1}`)].map((u) => ids.users.get(u)!)
  const unitIds = [...ids.units.values()]
  const calendar = getWorkingCalendar({ db: db })
  const endYear = Number(vietnamDate(now).slice(0, 4))
  let created = 0
  for (let year = endYear - 4; year <= endYear; year++) {
    // The Standing Committee numbers its notices as a Party body, within the 2025–2030 term.
  db.insert(issuingBodies).values({ unitId: ids.units.get('TINHUY')!, style: 'party', bodyCode: 'TU', termStartYear: 2025, place: 'Hà Tĩnh', headerName: 'TỈNH ỦY HÀ TĨNH' }).onConflictDoNothing().run()
  const programmeId = createProgramme({ input: { issuingUnitId: ids.units.get('TINHUY')!, year, period: 'year', title: `Chương trình công tác năm ${year}` }, actor: office }, { db, now })
    let day = `${year}-01-05`
    for (let n = 0; n < 600; n++) {
      day = calendar.addWorkingDays(day, n % 2)
      const startsAt = vietnamInstant(day, n % 2 ? '14:00' : '08:00')
      if (startsAt > new Date(now.getTime() + 60 * 86_400_000)) break
      const itemId = programmeId && n % 5 !== 0
        ? createProgrammeItem({ programmeId, input: { content: `Nội dung ${n + 1} năm ${year}`, plannedMonth: Number(day.slice(5, 7)), meetingTypeId: types[n % types.length]!.id, presidingUserId: chairs[n % 2]!, preparingUnitId: unitIds[n % unitIds.length]!, notes: null, plannedDate: null }, actor: office }, { db, now })
        : null
      const id = createMeeting({ input: standingMeeting({
          title: `Cuộc họp ${n + 1}/${year}`,
          meetingTypeId: types[n % types.length]!.id,
          programmeItemId: itemId,
          urgent: n % 17 === 0,
          chairUserId: chairs[n % 2]!,
          startsAt,
          endsAt: endWithin(startsAt, new Date(startsAt.getTime() + 3 * 3_600_000), types[n % types.length]!.maxDurationMinutes),
          location: rooms[n % rooms.length]!,
          preparingUnitId: unitIds[n % unitIds.length]!,
          members: standing,
          secretaryUserId: office.id!,
          agenda: [{ title: 'Báo cáo', presenterUnitId: unitIds[n % unitIds.length]!, presenterUserId: null, plannedMinutes: 30 }],
        }), actor: office }, { db, now })
      created++
      if (startsAt < now) {
        sendInvitations({ id, actor: office, confirmFew: true }, { db, now: new Date(startsAt.getTime() - (n % 9 === 0 ? 1 : 5) * 86_400_000) })
        setMeetingStatus({ id, input: { status: 'held' }, actor: office }, { db, now })
      }
    }
  }
  return created
}
