import { json } from '@remix-run/node'
import { parseForm, replyWithDomainError, statusOf } from '~/core/forms.server'
import { formatDate, formatDateTime } from '~/core/dates'
import { listMeetingTypes } from './meeting-types.server'
import { type MeetingSaveInput, saveMeeting } from './meetings.server'
import { scheduleConflicts } from './conflicts.server'
import { schedulableItems } from '~/features/programme/index.server'
import { listUnitTree, peopleByIds } from '~/features/directory/index.server'
import { type MeetingFormInput, meetingFormSchema, vietnamInstant } from './schemas'
import { listGroups } from '~/features/groups/index.server'
import type { AuditActor } from '~/core/actor'

type PeopleDefaults = { chairUserId?: string; secretaryUserId?: string; memberUserIds?: string[]; guestUserIds?: string[]; agenda?: { title?: string; presenterUserId?: string }[] }

/**
 * Everything the meeting form's pickers need. People are found by the pickers' server search, so
 * the directory is never sent whole; only those already in the form (`defaults`) come with it.
 */
export function meetingFormData(defaults: PeopleDefaults) {
  const ids = [defaults.chairUserId, defaults.secretaryUserId, ...(defaults.memberUserIds ?? []), ...(defaults.guestUserIds ?? []), ...(defaults.agenda ?? []).map((a) => a.presenterUserId)]
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
  return {
    types: listMeetingTypes().map((t) => ({ id: t.id, name: t.name })),
    known: peopleByIds({ ids: [...new Set(ids)] }),
    units: listUnitTree(),
    groups: listGroups().map((g) => ({ id: g.id, name: g.name, memberCount: g.memberCount })),
    items: schedulableItems(),
  }
}

export function toSaveInput(value: MeetingFormInput): MeetingSaveInput {
  const { date, startTime, endTime, confirmConflicts: _confirm, ...rest } = value
  return { ...rest, startsAt: vietnamInstant(date, startTime), endsAt: vietnamInstant(date, endTime) }
}

/** The form's values from a saved meeting (dates and times back in Asia/Ho_Chi_Minh). */
export function formDefaults(values: Omit<MeetingSaveInput, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date }) {
  const start = formatDateTime(values.startsAt)
  const date = formatDate(values.startsAt).split('/').reverse().join('-')
  return {
    ...values,
    date,
    startTime: start.slice(11),
    endTime: formatDateTime(values.endsAt).slice(11),
    agenda: values.agenda.map((a) => ({ ...a, presenterUserId: a.presenterUserId ? String(a.presenterUserId) : '', presenterUnitId: a.presenterUnitId ? String(a.presenterUnitId) : '', plannedMinutes: a.plannedMinutes ? String(a.plannedMinutes) : '' })),
    meetingTypeId: String(values.meetingTypeId),
    chairUserId: String(values.chairUserId),
    programmeItemId: values.programmeItemId ? String(values.programmeItemId) : '',
    preparingUnitId: values.preparingUnitId ? String(values.preparingUnitId) : '',
    secretaryUserId: values.secretaryUserId ? String(values.secretaryUserId) : '',
    memberUserIds: values.memberUserIds.map(String),
    guestUserIds: values.guestUserIds.map(String),
    guestUnitIds: values.guestUnitIds.map(String),
    memberGroupIds: (values.memberGroupIds ?? []).map(String),
    urgent: values.urgent ? 'on' : undefined,
    offProgrammeReason: values.offProgrammeReason ?? '',
    location: values.location ?? '',
    joinUrl: values.joinUrl ?? '',
  }
}

/**
 * Validates, warns about double bookings (chair, participants, room) before saving unless the
 * user confirmed them, then creates or updates the meeting in one transaction.
 */
export async function submitMeetingForm(formData: FormData, existingId: number | null, actor: AuditActor) {
  const submission = parseForm(formData, { schema: meetingFormSchema })
  if (submission.status !== 'success') return { error: json({ result: submission.reply(), conflicts: [] }, { status: 400 }) }
  const input = toSaveInput(submission.value)
  const conflicts = scheduleConflicts({ input, existingId })
  if (conflicts.length && !submission.value.confirmConflicts) return { error: json({ result: submission.reply(), conflicts }, { status: 409 }) }
  try {
    return { id: saveMeeting({ input, existingId, actor }) }
  } catch (error) {
    return { error: json({ result: replyWithDomainError(submission, error), conflicts: [] }, { status: statusOf(error) }) }
  }
}
