import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import { participantGroupMembers, participantGroups, units, users } from '#db/schema'
import { DomainError } from '~/core/errors'
import { normaliseForSearch } from '~/core/text'
import { writeAudit } from '~/core/audit.server'
import type { GroupInput } from './schemas'
import { findById } from '~/core/schemas'
import type { AuditActor } from '~/core/actor'
import { type Context, contextOf } from '~/core/context'

/** The groups, with how many active people each holds (the Office's list, the meeting form's choices). */
export function listGroups(options: { includeInactive?: boolean } = {}, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  return db
    .select({
      id: participantGroups.id,
      name: participantGroups.name,
      description: participantGroups.description,
      active: participantGroups.active,
      // Written out: drizzle leaves the outer column unqualified inside a subquery, where "id" would be the user's.
      memberCount: sql<number>`(select count(*) from participant_group_members m inner join users u on u.id = m.user_id where m.group_id = "participant_groups"."id" and u.active = 1)`,
    })
    .from(participantGroups)
    .where(options.includeInactive ? undefined : eq(participantGroups.active, true))
    .orderBy(asc(participantGroups.name))
    .all()
}

/** One group with its members in their order (names, positions and units for the form's tags). */
export function getGroup({ id }: { id: number }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const group = db.select().from(participantGroups).where(eq(participantGroups.id, id)).get()
  if (!group) return null
  const members = db
    .select({ id: users.id, fullName: users.fullName, position: users.position, unitName: units.name })
    .from(participantGroupMembers)
    .innerJoin(users, eq(users.id, participantGroupMembers.userId))
    .leftJoin(units, eq(units.id, users.unitId))
    .where(eq(participantGroupMembers.groupId, id))
    .orderBy(asc(participantGroupMembers.position))
    .all()
  return { ...group, members }
}

/** The active people of the given groups, by group (what a meeting inviting them expands to). */
export function groupMemberIds({ groupIds }: { groupIds: number[] }, ctx: Partial<Context> = {}) {
  const { db } = contextOf(ctx)
  const out = new Map<number, number[]>()
  if (!groupIds.length) return out
  const rows = db
    .select({ groupId: participantGroupMembers.groupId, userId: participantGroupMembers.userId })
    .from(participantGroupMembers)
    .innerJoin(users, eq(users.id, participantGroupMembers.userId))
    .innerJoin(participantGroups, eq(participantGroups.id, participantGroupMembers.groupId))
    .where(and(inArray(participantGroupMembers.groupId, groupIds), eq(users.active, true), eq(participantGroups.active, true)))
    .orderBy(asc(participantGroupMembers.position))
    .all()
  for (const r of rows) out.set(r.groupId, [...(out.get(r.groupId) ?? []), r.userId])
  return out
}

/** Creates a group or replaces one's name, description, state and members, in one transaction. */
export function saveGroup({ input, existingId, actor }: { input: GroupInput; existingId: number | null; actor: AuditActor }, ctx: Partial<Context> = {}) {
  const { db, now } = contextOf(ctx)
  return db.transaction((tx) => {
    // Compared as folded text (SQLite's lower() knows only ASCII: "Ủy" and "ủy" would differ).
    const folded = normaliseForSearch(input.name)
    const clash = tx
      .select({ id: participantGroups.id, name: participantGroups.name })
      .from(participantGroups)
      .where(existingId ? ne(participantGroups.id, existingId) : undefined)
      .all()
      .some((g) => normaliseForSearch(g.name) === folded)
    if (clash) throw new DomainError('groups.nameTaken', 'conflict', 'name')
    const memberIds = [...new Set(input.memberUserIds)]
    if (memberIds.length) {
      const known = tx.select({ id: users.id }).from(users).where(inArray(users.id, memberIds)).all().length
      if (known !== memberIds.length) throw new DomainError('groups.unknownPerson', 'invalid', 'memberUserIds')
    }
    let id = existingId
    const before = existingId ? tx.select().from(participantGroups).where(eq(participantGroups.id, existingId)).get() : null
    if (existingId && !before) throw new DomainError('groups.notFound', 'not_found')
    if (id) tx.update(participantGroups).set({ name: input.name, description: input.description ?? null, active: input.active, updatedAt: now }).where(eq(participantGroups.id, id)).run()
    else id = tx.insert(participantGroups).values({ name: input.name, description: input.description ?? null, active: true, createdAt: now, updatedAt: now }).returning({ id: participantGroups.id }).get().id
    tx.delete(participantGroupMembers).where(eq(participantGroupMembers.groupId, id)).run()
    if (memberIds.length) tx.insert(participantGroupMembers).values(memberIds.map((userId, position) => ({ groupId: id!, userId, position }))).run()
    writeAudit(tx, {
      actorId: actor.id,
      ip: actor.ip,
      action: existingId ? 'group.update' : 'group.create',
      entityType: 'group',
      entityId: id,
      before: before ? { name: before.name, active: before.active } : undefined,
      after: { name: input.name, active: existingId ? input.active : true, members: memberIds.length },
    })
    return id
  })
}

/** A group by the id a page was given, or not found. */
export function findGroup(param: string | number | undefined) {
  return findById(param, (id) => getGroup({ id }), 'groups.notFound').found
}
