import { and, asc, eq } from 'drizzle-orm'
import { allocateDocumentNumber, recipientUnitsOf, vnDate } from '~/features/conclusions/index.server'
import { createTasks, declareCompletion, decideCompletion, postProgress, type TaskBlock, taskUnitRows } from '~/features/tasks/index.server'
import { getWorkingCalendar } from '~/features/calendar/index.server'
import { vietnamDate } from '~/core/days'
import type { DB } from './client'
import { conclusions, issuingBodies, meetings, meetingTypes, taskEvents, taskUnits, tasks, units, userRoles, users } from './schema'

const taskTexts = [
  'Hoàn thiện dự thảo, trình Ban Thường vụ xem xét',
  'Tổ chức quán triệt, triển khai đến các chi bộ, đảng bộ trực thuộc',
  'Rà soát, báo cáo kết quả thực hiện, đề xuất giải pháp',
]

/** A conclusion's document: an opening paragraph, a heading, and one task block per task (same ids as the tasks). */
function conclusionContent(opening: string, blocks: TaskBlock[]) {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: opening }] },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Nhiệm vụ thời gian tới' }] },
      ...blocks.map((b) => ({ type: 'taskBlock', attrs: { id: b.blockId, content: b.content, leadUnitId: b.leadUnitId, coordinatingUnitIds: b.coordinatingUnitIds, deadline: b.deadline, standingCycle: b.standingCycle, followingLeaderId: b.followingLeaderId } })),
    ],
  }
}

/**
 * Issued conclusions, with tasks, for the demo's held meetings: some done on time, some late,
 * some in progress, some overdue — what the task tracker (issue 5) will show.
 */
export function seedDemoConclusions(db: DB, now = new Date()) {
  const body = db.select().from(issuingBodies).get()
  if (!body) return
  const office = db.select({ id: users.id }).from(users).where(eq(users.username, 'vanphong')).get()!.id
  const held = db
    .select({ id: meetings.id, startsAt: meetings.startsAt, title: meetings.title, chairUserId: meetings.chairUserId, preparingUnitId: meetings.preparingUnitId, deadlineDays: meetingTypes.conclusionDeadlineDays })
    .from(meetings)
    .innerJoin(meetingTypes, eq(meetingTypes.id, meetings.meetingTypeId))
    .where(eq(meetings.status, 'held'))
    .orderBy(asc(meetings.startsAt))
    .all()
  const unitIds = db.select({ id: units.id }).from(units).all().map((u) => u.id)
  const calendar = getWorkingCalendar({ db: db })
  const today = vietnamDate(now)
  const chairs = new Map(db.select({ id: users.id, name: users.fullName, position: users.position }).from(users).all().map((u) => [u.id, u]))
  held.forEach((m, n) => {
    const meetingDay = vietnamDate(m.startsAt)
    const issuedOn = calendar.addWorkingDays(meetingDay, n % 4 === 3 ? m.deadlineDays + 2 : 2)
    if (issuedOn > today) return
    const lead = m.preparingUnitId ?? unitIds[n % unitIds.length]!
    const issuedAt = new Date(`${issuedOn}T09:00:00+07:00`)
    const officer = db
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'unit_officer')))
      .where(eq(users.unitId, lead))
      .get()
    const blocks = taskTexts.slice(0, 2 + (n % 2)).map((text, i) => ({
      blockId: `task-${m.id}-${i + 1}`,
      content: text,
      leadUnitId: lead,
      coordinatingUnitIds: [unitIds[(n + i + 3) % unitIds.length]!].filter((u) => u !== lead),
      deadline: i === 2 ? null : calendar.addWorkingDays(issuedOn, 20 + i * 25),
      standingCycle: i === 2 ? ('quarter' as const) : null,
      followingLeaderId: m.chairUserId,
    }))
    const taskIds = db.transaction((tx) => {
      const numbered = allocateDocumentNumber({ issuingBodyId: body.id, kindCode: 'TB', issuedOn }, { db: tx })
      const conclusion = tx
        .insert(conclusions)
        .values({
          meetingId: m.id,
          status: 'issued',
          summary: `Kết luận của Ban Thường vụ Tỉnh ủy về ${m.title.charAt(0).toLowerCase()}${m.title.slice(1)}`,
          content: conclusionContent(`Ngày ${vnDate(meetingDay)}, Ban Thường vụ Tỉnh ủy họp nghe báo cáo: ${m.title}.`, blocks),
          recipientUnitIds: recipientUnitsOf(blocks, []),
          otherRecipients: ['Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy'],
          signerTitle: chairs.get(m.chairUserId)?.position ?? '',
          signerName: chairs.get(m.chairUserId)?.name ?? '',
          issuingBodyId: body.id,
          number: numbered.number,
          numberFormatted: numbered.formatted,
          issuedOn,
          issuedAt,
          issuedBy: m.chairUserId,
          onTime: calendar.workingDaysBetween(meetingDay, issuedOn) <= m.deadlineDays,
          createdAt: issuedAt,
          updatedAt: issuedAt,
        })
        .returning({ id: conclusions.id })
        .get()
      tx.update(meetings).set({ status: 'concluded' }).where(eq(meetings.id, m.id)).run()
      return createTasks({ conclusionId: conclusion.id, blocks, issuedOn }, { db: tx, now: issuedAt })
    })
    if (!officer) return
    taskIds.forEach((taskId, i) => {
      const reportAt = new Date(Math.min(now.getTime(), issuedAt.getTime() + (10 + i * 7) * 86_400_000))
      postProgress({ taskId, who: { id: officer.id, unitId: lead }, input: { percent: 30 + ((n + i) % 3) * 30, text: 'Đơn vị đã triển khai, đang tổng hợp kết quả.', obstacle: (n + i) % 5 === 4 } }, { db, now: reportAt })
      if ((n + i) % 3 === 0 && i < 2) {
        const doneOn = vietnamDate(new Date(Math.min(now.getTime(), issuedAt.getTime() + (18 + n * 3) * 86_400_000)))
        declareCompletion({ taskId, who: { id: officer.id, unitId: lead }, input: { completedOn: doneOn, text: 'Đã hoàn thành, gửi kèm báo cáo.' } }, { db, now: new Date(`${doneOn}T10:00:00+07:00`) })
        decideCompletion({ taskId, who: { id: office, unitId: null }, input: { approve: true } }, { db, now: new Date(`${doneOn}T15:00:00+07:00`) })
      }
    })
  })
}

/**
 * Province scale for benchmarks: a notice for every held meeting with ten tasks each (about
 * 30,000 tasks over five years), spread over every unit; most completed (some late), the rest
 * open within the deadline or overdue, with progress reports. Written in bulk, not through the
 * models, so the seed takes seconds.
 */
export function seedProvinceConclusions(db: DB, now = new Date()) {
  const body = db.select().from(issuingBodies).orderBy(asc(issuingBodies.id)).get()
  if (!body) return 0
  const office = db.select({ id: users.id }).from(users).where(eq(users.username, 'vanphong')).get()!.id
  const held = db.select({ id: meetings.id, startsAt: meetings.startsAt, title: meetings.title, chairUserId: meetings.chairUserId }).from(meetings).where(eq(meetings.status, 'held')).orderBy(asc(meetings.startsAt)).all()
  const unitIds = db.select({ id: units.id }).from(units).all().map((u) => u.id)
  const calendar = getWorkingCalendar({ db: db })
  const today = vietnamDate(now)
  const texts = [...taskTexts, 'Kiểm tra, đôn đốc việc thực hiện', 'Xây dựng kế hoạch triển khai', 'Tham mưu sơ kết, đánh giá']
  let made = 0
  const chunk = 200
  for (let start = 0; start < held.length; start += chunk) {
    db.transaction((tx) => {
      held.slice(start, start + chunk).forEach((m, k) => {
        const n = start + k
        const issuedOn = calendar.addWorkingDays(vietnamDate(m.startsAt), 2 + (n % 7 === 0 ? 5 : 0))
        if (issuedOn > today) return
        const issuedAt = new Date(`${issuedOn}T09:00:00+07:00`)
        const blocks: TaskBlock[] = Array.from({ length: 10 }, (_, i) => ({
          blockId: `p${m.id}-${i}`,
          content: `${texts[(n + i) % texts.length]} (nội dung ${i + 1})`,
          leadUnitId: unitIds[(n * 7 + i * 13) % unitIds.length]!,
          coordinatingUnitIds: [unitIds[(n * 7 + i * 13 + 5) % unitIds.length]!],
          deadline: i === 9 && n % 4 === 0 ? null : calendar.addWorkingDays(issuedOn, 15 + ((n + i * 11) % 90)),
          standingCycle: i === 9 && n % 4 === 0 ? ('quarter' as const) : null,
          followingLeaderId: m.chairUserId,
        }))
        const numbered = allocateDocumentNumber({ issuingBodyId: body.id, kindCode: 'TB', issuedOn }, { db: tx })
        const conclusionId = tx
          .insert(conclusions)
          .values({
            meetingId: m.id,
            status: 'issued',
            summary: `Kết luận về ${m.title.toLowerCase()}`,
            content: conclusionContent(`Ban Thường vụ họp nghe báo cáo: ${m.title}.`, blocks),
            recipientUnitIds: recipientUnitsOf(blocks, []),
            issuingBodyId: body.id,
            number: numbered.number,
            numberFormatted: numbered.formatted,
            issuedOn,
            issuedAt,
            issuedBy: m.chairUserId,
            onTime: n % 7 !== 0,
            createdAt: issuedAt,
            updatedAt: issuedAt,
          })
          .returning({ id: conclusions.id })
          .get().id
        const rows = blocks.map((b, i) => {
          const h = (n * 31 + i * 17) % 100
          const due = b.deadline ?? issuedOn
          const completedOn = b.deadline && h < 65 ? calendar.addWorkingDays(due, h < 52 ? -3 : 4) : null
          const done = completedOn && completedOn <= today ? completedOn : null
          return {
            conclusionId,
            blockId: b.blockId,
            position: i + 1,
            content: b.content,
            leadUnitId: b.leadUnitId,
            coordinatingUnitIds: b.coordinatingUnitIds.filter((u) => u !== b.leadUnitId),
            deadline: b.deadline,
            standingCycle: b.standingCycle,
            followingLeaderId: b.followingLeaderId,
            progress: done ? 100 : h % 4 === 0 ? 0 : 20 + (h % 7) * 10,
            completedOn: done,
            completionDeclaredOn: done,
            startedOn: issuedOn,
            createdAt: issuedAt,
            updatedAt: issuedAt,
          }
        })
        tx.update(meetings).set({ status: 'concluded' }).where(eq(meetings.id, m.id)).run()
        const ids = tx.insert(tasks).values(rows).returning({ id: tasks.id }).all()
        tx.insert(taskUnits)
          .values(ids.flatMap((t, i) => taskUnitRows(t.id, rows[i]!.leadUnitId, rows[i]!.coordinatingUnitIds)))
          .run()
        const reports = ids.flatMap((t, i) => {
          const row = rows[i]!
          if (row.progress === 0) return []
          const at = new Date(Math.min(now.getTime(), issuedAt.getTime() + (10 + i) * 86_400_000))
          return [{ taskId: t.id, kind: 'progress' as const, actorId: office, unitId: row.leadUnitId, percent: Math.min(row.progress, 60), text: 'Đơn vị đang triển khai.', at }]
        })
        if (reports.length) tx.insert(taskEvents).values(reports).run()
        made += ids.length
      })
    })
  }
  return made
}
