import { and, asc, eq } from 'drizzle-orm'
import { allocateDocumentNumber } from '~/models/numbering.server'
import { createTasks, declareCompletion, decideCompletion, postProgress } from '~/models/tasks.server'
import { getWorkingCalendar } from '~/models/calendar.server'
import { vietnamDate } from '~/lib/working-days'
import type { DB } from './client'
import { conclusions, issuingBodies, meetings, meetingTypes, units, userRoles, users } from './schema'

const taskTexts = [
  'Hoàn thiện dự thảo, trình Ban Thường vụ xem xét',
  'Tổ chức quán triệt, triển khai đến các chi bộ, đảng bộ trực thuộc',
  'Rà soát, báo cáo kết quả thực hiện, đề xuất giải pháp',
]

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
  const calendar = getWorkingCalendar(db)
  const today = vietnamDate(now)
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
    const taskIds = db.transaction((tx) => {
      const numbered = allocateDocumentNumber(tx, body.id, 'TB', issuedOn)
      const conclusion = tx
        .insert(conclusions)
        .values({
          meetingId: m.id,
          status: 'issued',
          summary: `Kết luận của Ban Thường vụ Tỉnh ủy về ${m.title.charAt(0).toLowerCase()}${m.title.slice(1)}`,
          content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Ngày ${meetingDay}, Ban Thường vụ Tỉnh ủy họp nghe báo cáo: ${m.title}.` }] }] },
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
      return createTasks(
        tx,
        conclusion.id,
        taskTexts.slice(0, 2 + (n % 2)).map((text, i) => ({
          blockId: `task-${m.id}-${i + 1}`,
          content: text,
          leadUnitId: lead,
          coordinatingUnitIds: [unitIds[(n + i + 3) % unitIds.length]!].filter((u) => u !== lead),
          deadline: i === 2 ? null : calendar.addWorkingDays(issuedOn, 20 + i * 25),
          standingCycle: i === 2 ? ('quarter' as const) : null,
          followingLeaderId: m.chairUserId,
        })),
        issuedOn,
        issuedAt,
      )
    })
    if (!officer) return
    taskIds.forEach((taskId, i) => {
      const reportAt = new Date(Math.min(now.getTime(), issuedAt.getTime() + (10 + i * 7) * 86_400_000))
      postProgress(taskId, { id: officer.id, unitId: lead }, { percent: 30 + ((n + i) % 3) * 30, text: 'Đơn vị đã triển khai, đang tổng hợp kết quả.', obstacle: (n + i) % 5 === 4 }, db, reportAt)
      if ((n + i) % 3 === 0 && i < 2) {
        const doneOn = vietnamDate(new Date(Math.min(now.getTime(), issuedAt.getTime() + (18 + n * 3) * 86_400_000)))
        declareCompletion(taskId, { id: officer.id, unitId: lead }, { completedOn: doneOn, text: 'Đã hoàn thành, gửi kèm báo cáo.' }, db, new Date(`${doneOn}T10:00:00+07:00`))
        decideCompletion(taskId, { id: office, unitId: null }, { approve: true }, db, new Date(`${doneOn}T15:00:00+07:00`))
      }
    })
  })
}
