import { hash } from '@node-rs/argon2'
import { count } from 'drizzle-orm'
import { normaliseForSearch } from '~/core/text'
import type { DB } from './client'
import { demoLeaders, demoUnitStaff, demoUnits, generatedName } from './seed-data'
import { seedDemoConclusions, seedProvinceConclusions } from './seed-conclusions'
import { seedDemoDocuments, seedProvinceDocuments } from './seed-documents'
import { seedDemoMeetings, seedProvinceMeetings } from './seed-meetings'
import { type Role, units, unitKinds, userRoles, users } from './schema'

const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 }

/** The seed writes only into an empty database, unless told to (`force`). */
function assertEmpty(db: DB, force = false) {
  const n = db.select({ n: count() }).from(users).get()?.n ?? 0
  const u = db.select({ n: count() }).from(units).get()?.n ?? 0
  if ((n > 0 || u > 0) && !force) throw new Error('Cơ sở dữ liệu đã có dữ liệu: không nạp dữ liệu mẫu (dùng --force nếu thật sự muốn).')
}

type SeedUser = { username: string; fullName: string; position: string; unitId: number | null; roles: Role[]; email?: string | null; phone?: string | null }

function insertUsers(db: DB, list: SeedUser[], passwordHash: string) {
  for (const u of list) {
    const row = db
      .insert(users)
      .values({
        username: u.username,
        fullName: u.fullName,
        position: u.position,
        unitId: u.unitId,
        email: u.email ?? null,
        phone: u.phone ?? null,
        passwordHash,
        searchText: normaliseForSearch(u.fullName),
      })
      .returning({ id: users.id })
      .get()
    db.insert(userRoles).values(u.roles.map((role) => ({ userId: row.id, role }))).run()
  }
}

export async function seedDemo(db: DB, options: { password: string; force?: boolean; meetings?: boolean }) {
  assertEmpty(db, options.force)
  const passwordHash = await hash(options.password, ARGON2)
  db.transaction((tx) => {
    const ids = new Map<string, number>()
    for (const unit of demoUnits) {
      const row = tx
        .insert(units)
        .values({ name: unit.name, code: unit.code, kind: unit.kind, parentId: unit.parent ? ids.get(unit.parent)! : null, searchText: normaliseForSearch(unit.name) })
        .returning({ id: units.id })
        .get()
      ids.set(unit.code, row.id)
    }
    const people = [...demoLeaders, ...demoUnitStaff()].map((p, i) => ({
      ...p,
      unitId: ids.get(p.unit) ?? null,
      email: `${p.username}@demo.nghisu.vn`,
      phone: `0239 38${String(1000 + i).padStart(4, '0')}`,
    }))
    insertUsers(tx as unknown as DB, people, passwordHash)
  })
  if (options.meetings !== false) {
    seedDemoMeetings(db)
    seedDemoConclusions(db)
    await seedDemoDocuments(db)
  }
}

export const DEMO_ACCOUNTS_NOTE = (password: string) =>
  [
    '',
    'Đã nạp dữ liệu mẫu. Tài khoản dùng thử (mật khẩu chung: ' + password + '):',
    '  admin               quản trị hệ thống',
    '  vanphong            Văn phòng Tỉnh ủy',
    '  bithu, phobithu     chủ trì',
    '  uyvien1 … uyvien13  đại biểu (Ủy viên Ban Thường vụ)',
    '  giamsat             kiểm tra, giám sát',
    '  bantochuc, sonoivu … cán bộ đơn vị (mã đơn vị viết thường)',
    '',
  ].join('\n')

/**
 * Province scale for benchmarks: about 150 units and 2,000 users on top of the demo body.
 * One shared password hash keeps it fast (hashing 2,000 passwords would take minutes).
 */
export async function seedProvince(db: DB, options: { password: string; force?: boolean }) {
  await seedDemo(db, { ...options, meetings: false })
  const passwordHash = await hash(options.password, ARGON2)
  db.transaction((tx) => {
    const parent = tx.select({ id: units.id }).from(units).get()!.id
    const unitIds: number[] = []
    for (let i = 0; i < 125; i++) {
      const kind = i < 69 ? 'commune' : unitKinds[i % unitKinds.length]!
      const name = kind === 'commune' ? `Đảng ủy xã ${generatedName(i).split(' ').slice(1).join(' ')} ${i + 1}` : `Đơn vị trực thuộc số ${i + 1}`
      const row = tx
        .insert(units)
        .values({ name, code: `DV${String(i + 1).padStart(3, '0')}`, kind, parentId: parent, searchText: normaliseForSearch(name) })
        .returning({ id: units.id })
        .get()
      unitIds.push(row.id)
    }
    const existing = tx.select({ n: count() }).from(users).get()!.n
    const people: SeedUser[] = []
    for (let i = 0; people.length + existing < 2000; i++) {
      const unitId = unitIds[i % unitIds.length]!
      people.push({
        username: `canbo${i + 1}`,
        fullName: generatedName(i + 100),
        position: i % 16 === 0 ? 'Bí thư' : i % 16 === 1 ? 'Phó Bí thư' : 'Chuyên viên',
        unitId,
        roles: i % 16 < 2 ? ['delegate', 'unit_officer'] : i % 5 === 0 ? ['unit_officer'] : ['delegate'],
      })
    }
    insertUsers(tx as unknown as DB, people, passwordHash)
  })
  seedProvinceMeetings(db)
  seedProvinceConclusions(db)
  await seedProvinceDocuments(db)
}
