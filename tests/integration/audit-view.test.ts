import { describe, expect, it } from 'vitest'
import { serverT } from '~/i18n/translate.server'
import { auditHistoryFor } from '~/core/audit.server'
import { updateUnit, updateUser } from '~/features/directory/index.server'
import { createUnit, createUser } from '../factories'

describe('the audit history reads in Vietnamese', () => {
  it('names the action and each field in words, people and units by name, with no ids or blank signs', async () => {
    const admin = await createUser({ roles: ['admin'], fullName: 'Lê Minh Quản' })
    const from = createUnit({ name: 'Sở Nội vụ' })
    const to = createUnit({ name: 'Sở Tài chính' })
    const person = await createUser({ unitId: from.id, fullName: 'Trần Văn An' })
    updateUser({ id: person.id, input: { unitId: to.id, position: 'Phó Giám đốc', active: false }, actor: { id: admin.id } })
    const [entry] = auditHistoryFor('user', person.id, serverT('vi'))
    expect(entry!.actorName).toBe('Lê Minh Quản')
    expect(entry!.action).not.toMatch(/[a-z]+\.[a-z]+/i)
    const byLabel = Object.fromEntries(entry!.changes.map((c) => [c.label, c]))
    expect(byLabel['Đơn vị']).toMatchObject({ from: 'Sở Nội vụ', to: 'Sở Tài chính' })
    expect(byLabel['Chức vụ']).toMatchObject({ from: '(để trống)', to: 'Phó Giám đốc' })
    expect(byLabel['Đang hoạt động']).toMatchObject({ from: 'Có', to: 'Không' })
    const text = JSON.stringify(entry)
    expect(text).not.toContain('∅')
    expect(text).not.toMatch(/"label":"(unitId|position|active)"/)
  })

  it('a unit’s new parent reads by name, and the English reader reads English', async () => {
    const admin = await createUser({ roles: ['admin'] })
    const parent = createUnit({ name: 'Tỉnh ủy' })
    const unit = createUnit({ name: 'Ban Tổ chức' })
    updateUnit({ id: unit.id, input: { parentId: parent.id }, actor: { id: admin.id } })
    const vi = auditHistoryFor('unit', unit.id, serverT('vi'))[0]!
    expect(vi.action).toBe('Sửa đơn vị')
    expect(vi.changes).toContainEqual(expect.objectContaining({ label: 'Đơn vị cấp trên', to: 'Tỉnh ủy' }))
    const en = auditHistoryFor('unit', unit.id, serverT('en'))[0]!
    expect(en.changes).toContainEqual(expect.objectContaining({ label: 'Parent unit', to: 'Tỉnh ủy' }))
  })
})
