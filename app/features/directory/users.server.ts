import { hash, verify } from '@node-rs/argon2'
import { and, asc, count, eq, inArray, like, or, type SQL } from 'drizzle-orm'
import { SqliteError } from 'better-sqlite3'
import { events } from '~/core/events.server'
import { DomainError } from '~/core/errors'
import { normaliseForSearch } from '~/core/text'
import type { CreateUserInput, UpdateUserInput } from './schemas/users'
import { type DBOrTx } from '#db/client'
import { apiTokens, type Locale, type Role, roles as allRoles, sessions, units, userRoles, users } from '#db/schema/index'
import { revokeAllApiTokens } from './api-tokens.server'
import { changedFields, writeAudit } from '~/core/audit.server'

/** OWASP's argon2id settings: 19 MiB, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 }

export function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

export type SessionUser = {
  id: number
  username: string
  fullName: string
  position: string | null
  unitId: number | null
  unitName: string | null
  roles: Role[]
  locale: Locale
}

import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

function rolesOf(userId: number, db: DBOrTx): Role[] {
  const order = new Map(allRoles.map((r, i) => [r, i]))
  return db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId))
    .all()
    .map((r) => r.role)
    .sort((a, b) => order.get(a)! - order.get(b)!)
}

/** The signed-in user as pages need them; null when missing or deactivated. */
export function getSessionUser({ userId }: { userId: number }, ctx: Partial<Context> = {}): SessionUser | null {
  const { db } = contextOf(ctx)
  const row = db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      position: users.position,
      unitId: users.unitId,
      unitName: units.name,
      locale: users.locale,
      active: users.active,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, userId))
    .get()
  if (!row || !row.active) return null
  const { active: _active, ...rest } = row
  return { ...rest, roles: rolesOf(userId, db) }
}

export function findUserForLogin({ username }: { username: string }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.username, username.trim().toLowerCase()))
    .get()
}

export type UserListFilter = { q?: string; unitId?: number; role?: Role; status?: 'active' | 'inactive' | 'all'; page?: number; pageSize?: number }

export function listUsers({ filter = {} }: { filter?: UserListFilter } = {}, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), 200)
  const page = Math.max(filter.page ?? 1, 1)
  const conditions: SQL[] = []
  const status = filter.status ?? 'active'
  if (status !== 'all') conditions.push(eq(users.active, status === 'active'))
  if (filter.unitId) conditions.push(eq(users.unitId, filter.unitId))
  if (filter.role) conditions.push(inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, filter.role))))
  const q = filter.q ? normaliseForSearch(filter.q) : ''
  if (q) {
    const pattern = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    conditions.push(or(like(users.searchText, pattern), like(users.username, pattern))!)
  }
  const where = conditions.length ? and(...conditions) : undefined
  const total = db.select({ n: count() }).from(users).where(where).get()?.n ?? 0
  const rows = db
    .select({
      id: users.id,
      username: users.username,
      fullName: users.fullName,
      position: users.position,
      email: users.email,
      phone: users.phone,
      unitId: users.unitId,
      unitName: units.name,
      active: users.active,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(where)
    .orderBy(asc(users.searchText), asc(users.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
  const roleRows = rows.length
    ? db.select().from(userRoles).where(inArray(userRoles.userId, rows.map((r) => r.id))).all()
    : []
  const withRoles = rows.map((r) => ({ ...r, roles: roleRows.filter((x) => x.userId === r.id).map((x) => x.role) }))
  return { rows: withRoles, total, page, pageSize }
}

export function getUser({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const row = db.select().from(users).where(eq(users.id, id)).get()
  if (!row) return null
  const { passwordHash: _hash, searchText: _search, ...rest } = row
  return { ...rest, roles: rolesOf(id, db) }
}
export type UserDetail = NonNullable<ReturnType<typeof getUser>>

function assertUnitExists(unitId: number | null | undefined, db: DBOrTx) {
  if (unitId == null) return
  const unit = db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get()
  if (!unit) throw new DomainError('user.unitMissing', 'invalid', 'unitId')
}

function rethrowUnique(error: unknown): never {
  if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    if (error.message.includes('users.username')) throw new DomainError('user.usernameTaken', 'conflict', 'username')
    if (error.message.includes('users.email')) throw new DomainError('user.emailTaken', 'conflict', 'email')
  }
  throw error
}

function profileFields(input: Partial<UpdateUserInput>) {
  const out: Partial<typeof users.$inferInsert> = {}
  if (input.fullName !== undefined) {
    out.fullName = input.fullName
    out.searchText = normaliseForSearch(input.fullName)
  }
  if (input.username !== undefined) out.username = input.username
  if (input.email !== undefined) out.email = input.email || null
  if (input.phone !== undefined) out.phone = input.phone || null
  if (input.position !== undefined) out.position = input.position || null
  if (input.unitId !== undefined) out.unitId = input.unitId ?? null
  if (input.locale !== undefined) out.locale = input.locale
  return out
}

export async function createUser({ input, actor }: { input: CreateUserInput; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const passwordHash = await hashPassword(input.password)
  try {
    const id = db.transaction((tx) => {
      assertUnitExists(input.unitId, tx)
      const fields = profileFields(input)
      const row = tx
        .insert(users)
        .values({ ...fields, username: input.username, fullName: input.fullName, passwordHash })
        .returning({ id: users.id })
        .get()
      tx.insert(userRoles).values([...new Set(input.roles)].map((role) => ({ userId: row.id, role }))).run()
      writeAudit(tx, {
        actorId: actor.id,
        ip: actor.ip,
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        after: { ...fields, roles: input.roles },
      })
      return row.id
    })
    events.emit('user.updated', { userId: id, unitId: input.unitId ?? null })
    return id
  } catch (error) {
    rethrowUnique(error)
  }
}

export function updateUser({ id, input, actor }: { id: number; input: Partial<UpdateUserInput> & { active?: boolean }; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const before = getUser({ id }, { db })
  if (!before) throw new DomainError('user.notFound', 'not_found')
  try {
    db.transaction((tx) => {
      assertUnitExists(input.unitId, tx)
      const fields = profileFields(input)
      if (input.active !== undefined) fields.active = input.active
      if (input.roles) {
        if (id === actor.id && before.roles.includes('admin') && !input.roles.includes('admin'))
          throw new DomainError('user.cannotDropOwnAdmin', 'invalid', 'roles')
        tx.delete(userRoles).where(eq(userRoles.userId, id)).run()
        tx.insert(userRoles).values([...new Set(input.roles)].map((role) => ({ userId: id, role }))).run()
      }
      if (input.active === false) {
        if (id === actor.id) throw new DomainError('user.cannotDeactivateSelf', 'invalid')
        tx.delete(sessions).where(eq(sessions.userId, id)).run()
        revokeAllApiTokens({ userId: id }, { db: tx })
      }
      tx.update(users).set({ ...fields, updatedAt: new Date() }).where(eq(users.id, id)).run()
      const { before: b, after: a } = changedFields(
        { ...before, roles: before.roles } as Record<string, unknown>,
        { ...before, ...fields, roles: input.roles ?? before.roles } as Record<string, unknown>,
      )
      delete b.searchText
      delete a.searchText
      const action = input.active === false && before.active ? 'user.deactivate' : input.active === true && !before.active ? 'user.activate' : 'user.update'
      writeAudit(tx, { actorId: actor.id, ip: actor.ip, action, entityType: 'user', entityId: id, before: b, after: a })
    })
  } catch (error) {
    rethrowUnique(error)
  }
  if (input.active === false) events.emit('user.sessionsRevoked', { userId: id })
  events.emit('user.updated', { userId: id, unitId: input.unitId ?? before.unitId })
}

export function setUserActive({ id, active, actor }: { id: number; active: boolean; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  updateUser({ id, input: { active }, actor }, { db })
}

/** An administrator sets a new password; every session of that user ends. */
export async function resetPassword({ id, newPassword, actor }: { id: number; newPassword: string; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const passwordHash = await hashPassword(newPassword)
  db.transaction((tx) => {
    const found = tx.select({ id: users.id }).from(users).where(eq(users.id, id)).get()
    if (!found) throw new DomainError('user.notFound', 'not_found')
    tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id)).run()
    tx.delete(sessions).where(eq(sessions.userId, id)).run()
    const tokens = revokeAllApiTokens({ userId: id }, { db: tx })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'user.resetPassword', entityType: 'user', entityId: id, after: { apiTokensRevoked: tokens } })
  })
  events.emit('user.sessionsRevoked', { userId: id })
}

/** The user changes their own password; other sessions end (their sockets close), the current one stays; API tokens are revoked. */
export async function changePassword(
  { userId, input, keepSessionId, actor }: { userId: number; input: { currentPassword: string; newPassword: string }; keepSessionId: string | null; actor: AuditActor }, ctx: Partial<Context> = {},
) {
  const { db } = contextOf(ctx)
  const row = db.select({ passwordHash: users.passwordHash, username: users.username }).from(users).where(eq(users.id, userId)).get()
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword)))
    throw new DomainError('password.currentWrong', 'invalid', 'currentPassword')
  if (input.newPassword.toLowerCase().includes(row.username)) throw new DomainError('password.containsUsername', 'invalid', 'newPassword')
  const passwordHash = await hashPassword(input.newPassword)
  const ended = db.transaction((tx) => {
    tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).run()
    const others = tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId)).all()
    const toDelete = others.map((s) => s.id).filter((id) => id !== keepSessionId)
    if (toDelete.length) tx.delete(sessions).where(inArray(sessions.id, toDelete)).run()
    const tokens = revokeAllApiTokens({ userId }, { db: tx })
    writeAudit(tx, { actorId: actor.id, ip: actor.ip, action: 'user.changePassword', entityType: 'user', entityId: userId, after: { apiTokensRevoked: tokens } })
    return toDelete
  })
  for (const sessionId of ended) events.emit('session.revoked', { sessionId })
}

export function setLocale({ userId, locale }: { userId: number; locale: Locale }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  db.update(users).set({ locale }).where(eq(users.id, userId)).run()
}

/**
 * Deletes a user who has left no trace. Anyone referenced by history (the audit log, and
 * later meetings, tasks …) cannot be deleted: the foreign keys refuse, and we say "deactivate".
 */
export function deleteUser({ id, actor }: { id: number; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  if (id === actor.id) throw new DomainError('user.cannotDeleteSelf', 'invalid')
  const before = getUser({ id }, { db })
  if (!before) throw new DomainError('user.notFound', 'not_found')
  try {
    db.transaction((tx) => {
      tx.delete(sessions).where(eq(sessions.userId, id)).run()
      tx.delete(apiTokens).where(eq(apiTokens.userId, id)).run()
      tx.delete(userRoles).where(eq(userRoles.userId, id)).run()
      tx.delete(users).where(eq(users.id, id)).run()
      writeAudit(tx, {
        actorId: actor.id,
        ip: actor.ip,
        action: 'user.delete',
        entityType: 'user',
        entityId: id,
        before: { username: before.username, fullName: before.fullName },
      })
    })
  } catch (error) {
    if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
      throw new DomainError('user.hasHistory', 'conflict')
    throw error
  }
  events.emit('user.sessionsRevoked', { userId: id })
}

export function countUsers(ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db.select({ n: count() }).from(users).get()?.n ?? 0
}

/** Active people for pickers, grouped by unit (name, position); `role` narrows to holders of a role. */
export function listUserOptions({ role }: { role?: Role } = {}, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const rows = db
    .select({ id: users.id, fullName: users.fullName, position: users.position, unitName: units.name })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.active, true), role ? inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, role))) : undefined))
    .orderBy(asc(units.name), asc(users.searchText))
    .all()
  return rows
}

/** Names and e-mail addresses of people, for notices sent outside the app. */
export function contactsOf({ userIds }: { userIds: number[] }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return userIds.length ? db.select({ email: users.email, fullName: users.fullName, locale: users.locale }).from(users).where(inArray(users.id, userIds)).all() : []
}

export type PersonMatch = { id: number; fullName: string; position: string | null; unitName: string | null }

/**
 * People whose name, position or unit contain every word typed, without diacritics ("duc" finds
 * "Đức", "so noi vu" the people of Sở Nội vụ): the people pickers' server search, for directories
 * too large to send to the browser. Those whose name starts with the first word come first.
 */
export function searchPeople({ q, role, limit = 20 }: { q: string; role?: Role; limit?: number }, ctx: Partial<Context> = {}): PersonMatch[] {
  const { db } = contextOf(ctx)
  const words = normaliseForSearch(q.slice(0, 100)).split(' ').filter(Boolean).slice(0, 6)
  if (!words.length) return []
  const rows = db
    .select({ id: users.id, fullName: users.fullName, position: users.position, unitName: units.name, searchText: users.searchText })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .where(and(eq(users.active, true), role ? inArray(users.id, db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.role, role))) : undefined))
    .all()
  const matches: (PersonMatch & { rank: number })[] = []
  // Positions and units repeat across the directory: each distinct one is folded once.
  const folded = new Map<string, string>()
  const fold = (text: string | null) => {
    if (!text) return ''
    let f = folded.get(text)
    if (f === undefined) folded.set(text, (f = normaliseForSearch(text)))
    return f
  }
  for (const r of rows) {
    const haystack = `${r.searchText} ${fold(r.position)} ${fold(r.unitName)}`
    if (!words.every((w) => haystack.includes(w))) continue
    const name = r.searchText
    const rank = name.startsWith(words[0]!) ? 0 : name.split(' ').some((part) => part.startsWith(words[0]!)) ? 1 : 2
    matches.push({ id: r.id, fullName: r.fullName, position: r.position, unitName: r.unitName, rank })
  }
  return matches
    .sort((a, b) => a.rank - b.rank || a.fullName.localeCompare(b.fullName, 'vi'))
    .slice(0, limit)
    .map(({ rank: _, ...p }) => p)
}

/** Names, positions and units of the given people (the chosen ones a picker shows). */
export function peopleByIds({ ids }: { ids: number[] }, ctx: Partial<Context> = {}): PersonMatch[] {
  const { db } = contextOf(ctx)
  if (!ids.length) return []
  return db.select({ id: users.id, fullName: users.fullName, position: users.position, unitName: units.name }).from(users).leftJoin(units, eq(units.id, users.unitId)).where(inArray(users.id, ids)).all()
}
