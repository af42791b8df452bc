import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { users } from './users'

/**
 * Named participant groups kept by the Office (Ủy viên Ban Thường vụ, Thường trực Tỉnh ủy, Ban Chấp
 * hành …): who sits on a body, which roles alone cannot say (the role `delegate` holds Standing
 * Committee members and department deputies alike). A meeting invites a group; a type invites its
 * default groups.
 */
export const participantGroups = sqliteTable('participant_groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  description: text('description'),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
})

export const participantGroupMembers = sqliteTable(
  'participant_group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => participantGroups.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('participant_group_members_user_idx').on(t.userId)],
)
