import { describe, expect, it } from 'vitest'
import { bucketOf, cycleOf, deriveStandingTaskStatus, deriveTaskStatus } from './task-status'

const task = (over: Partial<Parameters<typeof deriveTaskStatus>[0]> = {}) => ({ deadline: '2026-06-30', completedOn: null, progress: 0, ...over })

describe('deriving a dated task’s status', () => {
  it.each([
    ['2026-06-01', task(), 'not_due', 0],
    ['2026-06-01', task({ progress: 40 }), 'in_progress', 0],
    ['2026-06-30', task({ progress: 40 }), 'in_progress', 0], // the deadline day is within the deadline
    ['2026-07-01', task({ progress: 90 }), 'overdue', 1],
    ['2026-07-15', task(), 'overdue', 15],
    ['2026-08-01', task({ completedOn: '2026-06-30' }), 'done_on_time', 0], // completed on the deadline day
    ['2026-08-01', task({ completedOn: '2026-06-12' }), 'done_on_time', 0],
    ['2026-08-01', task({ completedOn: '2026-07-03' }), 'done_late', 3],
  ] as const)('on %s → %s', (today, t, status, days) => {
    expect(deriveTaskStatus(t, today)).toEqual({ status, daysOverdue: days })
  })

  it('holidays do not move a deadline: due on 30/4 (a holiday), open on 2/5 is overdue by 2 days', () => {
    expect(deriveTaskStatus(task({ deadline: '2026-04-30' }), '2026-05-02')).toEqual({ status: 'overdue', daysOverdue: 2 })
  })

  it('an approved extension moves the effective deadline; the original still counts for reports', () => {
    const extended = task({ deadline: '2026-07-31', originalDeadline: '2026-06-30', completedOn: '2026-07-20' })
    expect(deriveTaskStatus(extended, '2026-08-01')).toEqual({ status: 'done_on_time', daysOverdue: 0 })
    expect(deriveTaskStatus(extended, '2026-08-01', true)).toEqual({ status: 'done_late', daysOverdue: 20 })
  })

  it('maps statuses to the four reporting buckets', () => {
    expect(['not_due', 'in_progress', 'overdue', 'done_on_time', 'done_late'].map((s) => bucketOf(s as never))).toEqual([
      'open_within',
      'open_within',
      'open_overdue',
      'done_on_time',
      'done_late',
    ])
  })
})

describe('standing tasks report per cycle', () => {
  it('finds the cycle of a date', () => {
    expect(cycleOf('2026-05-17', 'month')).toEqual({ start: '2026-05-01', end: '2026-05-31' })
    expect(cycleOf('2026-05-17', 'quarter')).toEqual({ start: '2026-04-01', end: '2026-06-30' })
    expect(cycleOf('2026-11-25', 'half_year')).toEqual({ start: '2026-07-01', end: '2026-12-31' })
    expect(cycleOf('2028-02-10', 'month')).toEqual({ start: '2028-02-01', end: '2028-02-29' })
  })

  it('is overdue when a finished cycle has no report, and names the missing cycles', () => {
    const result = deriveStandingTaskStatus({ startedOn: '2026-01-15', cycle: 'quarter', reportDates: ['2026-03-28', '2026-09-30'] }, '2026-11-25')
    expect(result.status).toBe('overdue')
    expect(result.missingCycles).toEqual([{ start: '2026-04-01', end: '2026-06-30' }])
    expect(result.daysOverdue).toBe(148)
  })

  it('is in progress when every finished cycle and the current one are reported, not due before the current report', () => {
    const reports = ['2026-01-30', '2026-02-27', '2026-03-31']
    expect(deriveStandingTaskStatus({ startedOn: '2026-01-05', cycle: 'month', reportDates: reports }, '2026-03-31').status).toBe('in_progress')
    expect(deriveStandingTaskStatus({ startedOn: '2026-01-05', cycle: 'month', reportDates: reports.slice(0, 2) }, '2026-03-15').status).toBe('not_due')
    expect(deriveStandingTaskStatus({ startedOn: '2026-01-05', cycle: 'month', reportDates: reports.slice(0, 2) }, '2026-04-01').status).toBe('overdue')
  })
})
