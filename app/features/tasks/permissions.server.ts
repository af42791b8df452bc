// Who may do what with the tasks feature's things: rules asked through authorize() (core/permissions.server.ts).
import { can, hasRole } from '~/core/permissions.server'
import type { Actor } from '~/core/actor'

/** What task checks need: the lead unit, the coordinating units, who follows it and who chaired. */
export type TaskAccess = { leadUnitId: number; coordinatingUnitIds: number[]; followingLeaderId: number | null; chairUserId: number }

/** Those who oversee, the lead and coordinating units' members, the following leader and the chair. */
export function canViewTask(user: Actor, task: TaskAccess) {
  return (
    can(user, 'meetings.overview') ||
    user.unitId === task.leadUnitId ||
    (user.unitId != null && task.coordinatingUnitIds.includes(user.unitId)) ||
    task.followingLeaderId === user.id ||
    task.chairUserId === user.id
  )
}

/** Progress, obstacles, extension requests and completion: the lead unit's officers only (R4.6h). */
export function canReportOnTask(user: Actor, task: TaskAccess) {
  return hasRole(user, 'unit_officer') && user.unitId === task.leadUnitId
}

/** Coordinating units add their contributions but never change the status. */
export function canContributeToTask(user: Actor, task: TaskAccess) {
  return hasRole(user, 'unit_officer') && user.unitId != null && task.coordinatingUnitIds.includes(user.unitId)
}

/** Sending files with a form (progress, evidence, contributions): whoever may report on the task or contribute to it. */
export function canAttachToTask(user: Actor, task: TaskAccess) {
  return canReportOnTask(user, task) || canContributeToTask(user, task)
}

/** Approving extensions and accepting completion: the Office, or the chair / following leader. */
export function canDecideOnTask(user: Actor, task: TaskAccess) {
  return can(user, 'meetings.manage') || (hasRole(user, 'chair') && (task.chairUserId === user.id || task.followingLeaderId === user.id))
}

/** Changing the lead unit needs the chair (R4.4). */
export function canReassignTask(user: Actor, task: TaskAccess) {
  return hasRole(user, 'chair') && (task.chairUserId === user.id || task.followingLeaderId === user.id)
}

/** The whole body's tasks (dashboard, every unit's list, the `dashboard:0` room): those who oversee. */
export function canFollowBodyTasks(user: Actor) {
  return can(user, 'meetings.overview')
}

/**
 * Whose tasks a list shows this person, as the `viewer` filter of listTasks/countTasks (the rule
 * of canViewTask in SQL): none for those who oversee, else their own and their unit's.
 */
export function taskListViewer(user: Actor) {
  return canFollowBodyTasks(user) ? undefined : { userId: user.id, unitId: user.unitId }
}

/** A leader's tasks (dashboard and `leader:<id>` room): that leader, and those who oversee. */
export function canFollowLeaderTasks(user: Actor, leaderId: number) {
  return leaderId === user.id || canFollowBodyTasks(user)
}

/** A unit's tasks on the dashboard: its members, and those who oversee. */
export function canFollowUnitTasks(user: Actor, unitId: number) {
  return user.unitId === unitId || canFollowBodyTasks(user)
}
