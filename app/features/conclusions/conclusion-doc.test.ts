import { describe, expect, it } from 'vitest'
import { meetingBody, openingSentence } from './conclusion-doc'
import { formatDay } from '~/core/dates'

describe('the notice’s opening sentence', () => {
  it('names the body once, dates with two-digit day and month, and names the chair', () => {
    const text = openingSentence({ title: 'Họp Ban Thường vụ Tỉnh ủy về công tác cán bộ', day: '2026-06-05', typeName: 'Họp Ban Thường vụ Tỉnh ủy', chairName: 'Nguyễn Văn Thắng', chairPosition: 'Bí thư Tỉnh ủy' })
    expect(text).toBe('Ngày 05/06/2026, Ban Thường vụ Tỉnh ủy họp về công tác cán bộ. Sau khi nghe báo cáo và ý kiến của các đồng chí dự họp, đồng chí Nguyễn Văn Thắng, Bí thư Tỉnh ủy, chủ trì cuộc họp kết luận như sau:')
    expect(text.match(/Ban Thường vụ/g)).toHaveLength(1)
  })

  it('reads naturally for a title that is only the subject, or only the body', () => {
    expect(openingSentence({ title: 'Cho ý kiến về Đề án chuyển đổi số', day: '2026-11-20', typeName: 'Họp chuyên đề', chairName: 'Hoàng Trung Dũng' })).toMatch(/^Ngày 20\/11\/2026, Ban Thường vụ họp cho ý kiến về Đề án chuyển đổi số\. .*đồng chí Hoàng Trung Dũng, chủ trì cuộc họp, kết luận/)
    expect(openingSentence({ title: 'Hội nghị Ban Chấp hành Đảng bộ tỉnh', day: '2026-01-09', typeName: 'Hội nghị Ban Chấp hành Đảng bộ tỉnh', chairName: 'A' })).toMatch(/^Ngày 09\/01\/2026, Ban Chấp hành Đảng bộ tỉnh họp\. /)
  })

  it('finds the body in the type’s name', () => {
    expect(meetingBody('Họp Thường trực Tỉnh ủy')).toBe('Thường trực Tỉnh ủy')
    expect(meetingBody('Giao ban')).toBe('Ban Thường vụ')
    expect(formatDay('2026-03-07')).toBe('07/03/2026')
  })
})
