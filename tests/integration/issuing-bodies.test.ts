import { describe, expect, it } from 'vitest'
import { issuingBodyHeader, listIssuingBodies } from '~/features/conclusions/index.server'
import { action as bodiesAction } from '~/routes/_app.admin.issuing-bodies'
import { getDb } from '#db/client'
import { issuingBodies } from '#db/schema'
import { createUnit, createUser, formRequest, sessionCookieFor } from '../factories'
import { domainErrorResponse } from '~/core/http.server'

describe('the issuing body at the head of documents', () => {
  it('reads as registered once the administrator sets it, and as the unit’s name before', async () => {
    const unit = createUnit({ name: 'Tỉnh ủy' })
    const id = getDb().insert(issuingBodies).values({ unitId: unit.id, style: 'party', bodyCode: 'TU', termStartYear: 2025, place: 'Hà Tĩnh' }).returning().get().id
    expect(issuingBodyHeader({ issuingBodyId: id })).toEqual({ bodyName: 'Tỉnh ủy', place: 'Hà Tĩnh' })
    const admin = await createUser({ roles: ['admin'] })
    const res = (await bodiesAction({ request: formRequest('/admin/issuing-bodies', { id: String(id), headerName: 'Tỉnh ủy Hà Tĩnh', place: 'Hà Tĩnh' }, sessionCookieFor(admin.id)), params: {}, context: { ip: '' } })) as Response
    expect(res.status).toBe(302)
    expect(issuingBodyHeader({ issuingBodyId: id })).toEqual({ bodyName: 'TỈNH ỦY HÀ TĨNH', place: 'Hà Tĩnh' })
    expect(listIssuingBodies().find((b) => b.id === id)!.headerName).toBe('TỈNH ỦY HÀ TĨNH')
    // A place is required; nothing is saved then.
    const bad = (await bodiesAction({ request: formRequest('/admin/issuing-bodies', { id: String(id), headerName: 'X', place: '' }, sessionCookieFor(admin.id)), params: {}, context: { ip: '' } })) as Response
    expect(bad.status).toBe(400)
    expect(issuingBodyHeader({ issuingBodyId: id }).bodyName).toBe('TỈNH ỦY HÀ TĨNH')
    // Only the administrator.
    const office = await createUser({ roles: ['office'] })
    let status = 0
    try {
      await bodiesAction({ request: formRequest('/admin/issuing-bodies', { id: String(id), headerName: 'Khác', place: 'Hà Tĩnh' }, sessionCookieFor(office.id)), params: {}, context: { ip: '' } })
    } catch (e) {
      status = (domainErrorResponse(e) as Response).status
    }
    expect(status).toBe(403)
  })
})
