import { describe, expect, it } from 'vitest'
import { applyScopeCounts } from './task-counts'

const c = (open_overdue: number, open_within = 0) => ({ done_on_time: 0, done_late: 0, open_within, open_overdue })
const total = c(9, 9)

describe('applying a task scope push to the counts a page shows', () => {
  const current = { total: c(5, 5), byUnit: [{ unitId: 1, unitName: 'Ban Tổ chức', counts: c(3) }, { unitId: 2, unitName: 'Sở Y tế', counts: c(2) }, { unitId: 3, unitName: 'Ban Dân vận', counts: c(0, 5) }] }

  it('a partial table replaces the changed units, keeps the others and re-sorts', () => {
    const next = applyScopeCounts(current, { total, byUnit: [{ unitId: 2, unitName: 'Sở Y tế', counts: c(4) }] }, true)
    expect(next.total).toBe(total)
    expect(next.byUnit.map((u) => [u.unitId, u.counts.open_overdue])).toEqual([[2, 4], [1, 3], [3, 0]])
  })

  it('drops a unit left with no task and adds a new one', () => {
    const next = applyScopeCounts(current, { total, byUnit: [{ unitId: 1, unitName: '', counts: c(0) }, { unitId: 4, unitName: 'Đảng ủy Khối', counts: c(0, 1) }] }, true)
    expect(next.byUnit.map((u) => u.unitId)).toEqual([2, 3, 4])
  })

  it('a whole table replaces everything', () => {
    const next = applyScopeCounts(current, { total, byUnit: [{ unitId: 9, unitName: 'Huyện ủy', counts: c(1) }] }, false)
    expect(next.byUnit.map((u) => u.unitId)).toEqual([9])
  })
})
