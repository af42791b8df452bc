import { auditLog, meetingTypes, units, users } from '#db/schema/index'
import { formatDateTime, formatDay } from '~/core/dates'
import type { DBOrTx } from '#db/client'
import { getDb } from '#db/client'
import { and, desc, eq, inArray } from 'drizzle-orm'

export type AuditEntry = {
  actorId: number | null
  action: string
  entityType: string
  entityId?: string | number | null
  before?: Record<string, unknown>
  after?: Record<string, unknown>
  ip?: string | null
}

/** Keeps only the fields that differ, so the log says what changed and nothing more. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key]
      a[key] = after[key]
    }
  }
  return { before: b, after: a }
}

/** Writes one audit row; call it inside the transaction that makes the change. */
export function writeAudit(db: DBOrTx, entry: AuditEntry) {
  db.insert(auditLog)
    .values({
      at: new Date(),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      summary: entry.before || entry.after ? { before: entry.before, after: entry.after } : null,
      ip: entry.ip ?? null,
    })
    .run()
}

/** The history of one record, newest first, with the actor's name. */
function listAuditFor(entityType: string, entityId: string | number, db: DBOrTx = getDb(), limit = 100) {
  return db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, summary: auditLog.summary, actorName: users.fullName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all()
}

type ValueKind = 'user' | 'users' | 'unit' | 'units' | 'role' | 'roles' | 'bool' | 'day' | 'instant' | 'meetingType' | 'unitKind' | 'status' | 'locale' | 'text'

/** How each recorded field reads: who and which unit by name, days as dd/mm/yyyy, yes/no … */
const FIELD_KINDS: Record<string, ValueKind> = {
  presidingUserId: 'user',
  chairUserId: 'user',
  secretaryUserId: 'user',
  actorId: 'user',
  memberUserIds: 'users',
  guestUserIds: 'users',
  unitId: 'unit',
  parentId: 'unit',
  preparingUnitId: 'unit',
  leadUnitId: 'unit',
  guestUnitIds: 'units',
  defaultUnitIds: 'units',
  roles: 'roles',
  defaultRoles: 'roles',
  memberRoles: 'roles',
  role: 'role',
  active: 'bool',
  urgent: 'bool',
  substitutesVote: 'bool',
  plannedDate: 'day',
  deadline: 'day',
  startsAt: 'instant',
  endsAt: 'instant',
  meetingTypeId: 'meetingType',
  kind: 'unitKind',
  status: 'status',
  locale: 'locale',
}

export type AuditChange = { field: string; label: string; from: string | null; to: string }
export type AuditEntryView = { id: number; at: string; action: string; actorName: string | null; changes: AuditChange[] }

/**
 * The audit rows of a record as a reader sees them (issue 14): the action and each field in the
 * reader's language, people and units by name, days as dd/mm/yyyy, never an id or a blank sign.
 */
export function auditHistoryFor(entityType: string, entityId: string | number, t: (key: string, options?: Record<string, unknown>) => string, db: DBOrTx = getDb()): AuditEntryView[] {
  const rows = listAuditFor(entityType, entityId, db)
  const ids = { users: new Set<number>(), units: new Set<number>(), types: new Set<number>() }
  const collect = (key: string, value: unknown) => {
    const kind = FIELD_KINDS[key]
    const list = Array.isArray(value) ? value : [value]
    for (const v of list) {
      const n = Number(v)
      if (!Number.isInteger(n) || n <= 0) continue
      if (kind === 'user' || kind === 'users') ids.users.add(n)
      if (kind === 'unit' || kind === 'units') ids.units.add(n)
      if (kind === 'meetingType') ids.types.add(n)
    }
  }
  for (const r of rows) for (const side of [r.summary?.before, r.summary?.after]) for (const [k, v] of Object.entries(side ?? {})) collect(k, v)
  const userNames = new Map(ids.users.size ? db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, [...ids.users])).all().map((u) => [u.id, u.name]) : [])
  const unitNames = new Map(ids.units.size ? db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, [...ids.units])).all().map((u) => [u.id, u.name]) : [])
  const typeNames = new Map(ids.types.size ? db.select({ id: meetingTypes.id, name: meetingTypes.name }).from(meetingTypes).where(inArray(meetingTypes.id, [...ids.types])).all().map((u) => [u.id, u.name]) : [])
  const empty = t('audit.empty')
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return empty
    const kind = FIELD_KINDS[key] ?? 'text'
    const one = (v: unknown): string => {
      switch (kind) {
        case 'user':
        case 'users':
          return userNames.get(Number(v)) ?? t('audit.someone')
        case 'unit':
        case 'units':
          return unitNames.get(Number(v)) ?? t('audit.aUnit')
        case 'meetingType':
          return typeNames.get(Number(v)) ?? String(v)
        case 'role':
        case 'roles':
          return t(`roles.${String(v)}`)
        case 'bool':
          return v ? t('audit.yes') : t('audit.no')
        case 'day':
          return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDay(v) : String(v)
        case 'instant':
          return typeof v === 'string' || typeof v === 'number' ? formatDateTime(v) : String(v)
        case 'unitKind':
          return t(`unitKinds.${String(v)}`, { defaultValue: String(v) })
        case 'status':
          return t(`programmeStatus.${String(v)}`, { defaultValue: t(`meetingStatus.${String(v)}`, { defaultValue: String(v) }) })
        case 'locale':
          return v === 'en' ? 'English' : 'Tiếng Việt'
        default:
          return typeof v === 'object' ? JSON.stringify(v) : String(v)
      }
    }
    return Array.isArray(value) ? value.map(one).join(', ') : one(value)
  }
  return rows.map((r) => {
    const before = r.summary?.before
    const after = r.summary?.after ?? {}
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])].filter((k) => !['passwordHash', 'password'].includes(k))
    return {
      id: r.id,
      at: r.at.toISOString(),
      action: t(`auditActions.${r.action.replace('.', '_')}`, { defaultValue: t('audit.otherAction') }),
      actorName: r.actorName,
      changes: keys.map((k) => ({ field: k, label: t(`auditFields.${k}`, { defaultValue: t('audit.otherField') }), from: before && k in before ? show(k, before[k]) : null, to: show(k, after[k]) })),
    }
  })
}
