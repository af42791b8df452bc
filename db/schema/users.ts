import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { units } from './units'
import { roles, locales } from './enums'
export { roles, locales, type Role, type Locale } from './enums'


export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull().unique(),
    fullName: text('full_name').notNull(),
    email: text('email').unique(),
    phone: text('phone'),
    /** Chức vụ, e.g. "Phó Bí thư Tỉnh ủy". */
    position: text('position'),
    unitId: integer('unit_id').references(() => units.id),
    passwordHash: text('password_hash'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    locale: text('locale', { enum: locales }).notNull().default('vi'),
    /** Lower-case name without diacritics, for search ("nguyen van an"). */
    searchText: text('search_text').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('users_unit_idx').on(t.unitId), index('users_active_name_idx').on(t.active, t.fullName)],
)

export const userRoles = sqliteTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index('user_roles_role_idx').on(t.role)],
)
