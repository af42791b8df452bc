import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { units } from './units'

/** A unit that issues numbered documents, and how it numbers them (R4.6g). */
export const issuingBodies = sqliteTable('issuing_bodies', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  unitId: integer('unit_id')
    .notNull()
    .unique()
    .references(() => units.id),
  /** party: continuous within the committee term (`Số 45-TB/TU`); state: restarts each 1 January (`Số: 45/TB-UBND`). */
  style: text('style', { enum: ['party', 'state'] }).notNull(),
  bodyCode: text('body_code').notNull(),
  termStartYear: integer('term_start_year'),
  /** Where documents are signed, for "Hà Tĩnh, ngày … tháng … năm …". */
  place: text('place').notNull(),
  /**
   * The body's name as registered and printed at the head of its documents ("TỈNH ỦY HÀ TĨNH");
   * null: the unit's name.
   */
  headerName: text('header_name'),
})

/** The last number used per body, document kind and numbering period (term or year). */
export const documentSequences = sqliteTable(
  'document_sequences',
  {
    issuingBodyId: integer('issuing_body_id')
      .notNull()
      .references(() => issuingBodies.id),
    kindCode: text('kind_code').notNull(),
    period: text('period').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuingBodyId, t.kindCode, t.period] })],
)
