import { sql } from 'drizzle-orm'
import { type AnySQLiteColumn, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { unitKinds } from './enums'
export { unitKinds, type UnitKind } from './enums'


/** Đơn vị: a node in the tree of bodies (Tỉnh ủy → ban, sở, đảng ủy xã/phường …). */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    code: text('code').notNull().unique(),
    kind: text('kind', { enum: unitKinds }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    searchText: text('search_text').notNull().default(''),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('units_parent_idx').on(t.parentId), index('units_active_name_idx').on(t.active, t.name)],
)
