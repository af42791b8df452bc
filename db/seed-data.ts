import type { Role, UnitKind } from './schema'

/** The demo body: a provincial Party committee with its boards, departments and communes. */
export const demoUnits: { code: string; name: string; kind: UnitKind; parent?: string }[] = [
  { code: 'TINHUY', name: 'Tỉnh ủy', kind: 'committee' },
  { code: 'VPTU', name: 'Văn phòng Tỉnh ủy', kind: 'office', parent: 'TINHUY' },
  { code: 'BANTOCHUC', name: 'Ban Tổ chức Tỉnh ủy', kind: 'party_board', parent: 'TINHUY' },
  { code: 'UBKT', name: 'Ủy ban Kiểm tra Tỉnh ủy', kind: 'party_board', parent: 'TINHUY' },
  { code: 'BANTGDV', name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy', kind: 'party_board', parent: 'TINHUY' },
  { code: 'BANNOICHINH', name: 'Ban Nội chính Tỉnh ủy', kind: 'party_board', parent: 'TINHUY' },
  { code: 'BANCSCL', name: 'Ban Chính sách, chiến lược Tỉnh ủy', kind: 'party_board', parent: 'TINHUY' },
  { code: 'DUCQD', name: 'Đảng ủy các cơ quan Đảng tỉnh', kind: 'party_committee', parent: 'TINHUY' },
  { code: 'DUUBND', name: 'Đảng ủy Ủy ban nhân dân tỉnh', kind: 'party_committee', parent: 'TINHUY' },
  { code: 'DUQSTINH', name: 'Đảng ủy Quân sự tỉnh', kind: 'party_committee', parent: 'TINHUY' },
  { code: 'DUCATINH', name: 'Đảng ủy Công an tỉnh', kind: 'party_committee', parent: 'TINHUY' },
  { code: 'SONOIVU', name: 'Sở Nội vụ', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SOTAICHINH', name: 'Sở Tài chính', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SOXAYDUNG', name: 'Sở Xây dựng', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SOYTE', name: 'Sở Y tế', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SOGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SONNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SOKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SOVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'SOCONGTHUONG', name: 'Sở Công Thương', kind: 'state_agency', parent: 'DUUBND' },
  { code: 'DUTHANHSEN', name: 'Đảng ủy phường Thành Sen', kind: 'commune', parent: 'TINHUY' },
  { code: 'DUTRANPHU', name: 'Đảng ủy phường Trần Phú', kind: 'commune', parent: 'TINHUY' },
  { code: 'DUHONGLINH', name: 'Đảng ủy phường Hồng Lĩnh', kind: 'commune', parent: 'TINHUY' },
  { code: 'DUCAMXUYEN', name: 'Đảng ủy xã Cẩm Xuyên', kind: 'commune', parent: 'TINHUY' },
  { code: 'DUTHACHHA', name: 'Đảng ủy xã Thạch Hà', kind: 'commune', parent: 'TINHUY' },
]

type DemoUser = { username: string; fullName: string; position: string; unit: string; roles: Role[]; email?: string; phone?: string }

export const demoLeaders: DemoUser[] = [
  { username: 'admin', fullName: 'Lê Minh Quản', position: 'Chuyên viên Công nghệ thông tin', unit: 'VPTU', roles: ['admin'] },
  { username: 'vanphong', fullName: 'Trần Thị Hồng Vân', position: 'Chánh Văn phòng Tỉnh ủy', unit: 'VPTU', roles: ['office', 'delegate'] },
  { username: 'bithu', fullName: 'Nguyễn Văn Thắng', position: 'Bí thư Tỉnh ủy', unit: 'TINHUY', roles: ['chair', 'delegate'] },
  { username: 'phobithu', fullName: 'Hoàng Trung Dũng', position: 'Phó Bí thư Thường trực Tỉnh ủy', unit: 'TINHUY', roles: ['chair', 'delegate'] },
  { username: 'uyvien1', fullName: 'Võ Trọng Hải', position: 'Chủ tịch UBND tỉnh', unit: 'DUUBND', roles: ['delegate'] },
  { username: 'uyvien2', fullName: 'Trần Thế Dũng', position: 'Trưởng Ban Tổ chức Tỉnh ủy', unit: 'BANTOCHUC', roles: ['delegate'] },
  { username: 'uyvien3', fullName: 'Nguyễn Thị Nữ Ý', position: 'Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', unit: 'UBKT', roles: ['delegate'] },
  { username: 'uyvien4', fullName: 'Lê Ngọc Châu', position: 'Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy', unit: 'BANTGDV', roles: ['delegate'] },
  { username: 'uyvien5', fullName: 'Phan Thiên Định', position: 'Trưởng Ban Nội chính Tỉnh ủy', unit: 'BANNOICHINH', roles: ['delegate'] },
  { username: 'uyvien6', fullName: 'Đặng Quốc Vinh', position: 'Trưởng Ban Chính sách, chiến lược Tỉnh ủy', unit: 'BANCSCL', roles: ['delegate'] },
  { username: 'uyvien7', fullName: 'Nguyễn Hồng Lĩnh', position: 'Bí thư Đảng ủy các cơ quan Đảng tỉnh', unit: 'DUCQD', roles: ['delegate'] },
  { username: 'uyvien8', fullName: 'Trần Báu Hà', position: 'Phó Chủ tịch Thường trực UBND tỉnh', unit: 'DUUBND', roles: ['delegate'] },
  { username: 'uyvien9', fullName: 'Đại tá Phạm Văn Tuấn', position: 'Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh', unit: 'DUQSTINH', roles: ['delegate'] },
  { username: 'uyvien10', fullName: 'Đại tá Nguyễn Hồng Phong', position: 'Giám đốc Công an tỉnh', unit: 'DUCATINH', roles: ['delegate'] },
  { username: 'uyvien11', fullName: 'Bùi Thị Quỳnh Vân', position: 'Chủ tịch Ủy ban MTTQ Việt Nam tỉnh', unit: 'TINHUY', roles: ['delegate'] },
  { username: 'uyvien12', fullName: 'Võ Hồng Hải', position: 'Bí thư Đảng ủy phường Thành Sen', unit: 'DUTHANHSEN', roles: ['delegate'] },
  { username: 'uyvien13', fullName: 'Dương Tất Thắng', position: 'Phó Chủ tịch HĐND tỉnh', unit: 'TINHUY', roles: ['delegate'] },
  { username: 'giamsat', fullName: 'Hồ Thị Thanh Tâm', position: 'Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy', unit: 'UBKT', roles: ['supervisor'] },
]

const givenNames = ['An', 'Bình', 'Cường', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hiếu', 'Hòa', 'Hùng', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Nga', 'Phúc', 'Quang', 'Sơn', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Tuấn', 'Vân', 'Việt', 'Yến']
const familyNames = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý']
const middleNames = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Quốc', 'Ngọc', 'Xuân', 'Hồng']

/** A deterministic Vietnamese name for the n-th generated person. */
export function generatedName(n: number) {
  return `${familyNames[n % familyNames.length]} ${middleNames[(n * 7) % middleNames.length]} ${givenNames[(n * 13) % givenNames.length]}`
}

/** For each unit, its officer (`unit_officer`), named after the unit code; most units also get a deputy head. */
export function demoUnitStaff(): DemoUser[] {
  const staff: DemoUser[] = []
  demoUnits.forEach((unit, i) => {
    staff.push({ username: unit.code.toLowerCase(), fullName: generatedName(i * 3 + 1), position: `Chuyên viên ${unit.name}`, unit: unit.code, roles: ['unit_officer'] })
    if (unit.kind !== 'committee' && i % 3 !== 0)
      staff.push({ username: `pho.${unit.code.toLowerCase()}`, fullName: generatedName(i * 3 + 2), position: `Phó Thủ trưởng ${unit.name}`, unit: unit.code, roles: ['delegate', 'unit_officer'] })
  })
  return staff
}
