import type { TaskBucket } from '~/features/tasks'

type ByUnit = { unitId: number; unitName: string; counts: Record<TaskBucket, number> }
type Counts = { total: Record<TaskBucket, number>; byUnit: ByUnit[] }

/** The by-unit table's order: most overdue first, then by name (Vietnamese collation). */
export function byUnitOrder(a: ByUnit, b: ByUnit) {
  return b.counts.open_overdue - a.counts.open_overdue || a.unitName.localeCompare(b.unitName, 'vi')
}

/**
 * Applies a task scope push to the counts a page shows: a whole table replaces them; a partial one
 * (only the units whose tasks changed) replaces those rows, drops the ones left empty and keeps the order.
 */
export function applyScopeCounts(current: Counts, pushed: Counts & { partial?: boolean }, partial: boolean): Counts {
  if (!partial) return { total: pushed.total, byUnit: pushed.byUnit }
  const rows = new Map(current.byUnit.map((u) => [u.unitId, u]))
  for (const u of pushed.byUnit) {
    const empty = Object.values(u.counts).every((n) => n === 0)
    if (empty) rows.delete(u.unitId)
    else rows.set(u.unitId, { ...u, unitName: u.unitName || rows.get(u.unitId)?.unitName || '' })
  }
  return { total: pushed.total, byUnit: [...rows.values()].sort(byUnitOrder) }
}
