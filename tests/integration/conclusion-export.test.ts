import { DOMParser, type Element } from '@xmldom/xmldom'
import JSZip from 'jszip'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { conclusionDocx, conclusionForExport, conclusionPdf, exportFileName, getConclusionState, issueConclusion, saveDraft } from '~/features/conclusions/index.server'
import { createMeeting, vietnamInstant } from '~/features/meetings/index.server'
import { getDb } from '#db/client'
import { issuingBodies } from '#db/schema'
import { createMeetingType, createUnit, createUser } from '../factories'

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
let data: ReturnType<typeof conclusionForExport>

beforeAll(async () => {
  const lead = createUnit({ name: 'Ban Tổ chức Tỉnh ủy', code: 'BTC_EX' })
  const coord = createUnit({ name: 'Sở Nội vụ', code: 'SNV_EX' })
  const chair = await createUser({ roles: ['chair'], fullName: 'Hoàng Trung Dũng' })
  getDb().insert(issuingBodies).values({ unitId: createUnit({ name: 'Tỉnh ủy Hà Tĩnh', code: 'TU_EX' }).id, style: 'party', bodyCode: 'TU', termStartYear: 2025, place: 'Hà Tĩnh' }).run()
  const meetingId = createMeeting({ input: { title: 'Họp Ban Thường vụ', meetingTypeId: createMeetingType().id, programmeItemId: null, offProgrammeReason: 'x', urgent: false, chairUserId: chair.id, startsAt: vietnamInstant('2026-06-01', '08:00'), endsAt: vietnamInstant('2026-06-01', '11:00'), mode: 'in_person', location: 'P1', joinUrl: null, preparingUnitId: null, agenda: [], memberUserIds: [], memberRoles: [], guestUnitIds: [], guestUserIds: [], secretaryUserId: null }, actor: { id: chair.id } })
  const content = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '1. Về công tác cán bộ' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Ban Thường vụ ' }, { type: 'text', text: 'thống nhất', marks: [{ type: 'bold' }] }, { type: 'text', text: ' chủ trương.' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Rà soát quy hoạch' }] }] }] },
      { type: 'taskBlock', attrs: { id: 't1', content: 'tham mưu sửa đổi quy chế', leadUnitId: lead.id, coordinatingUnitIds: [coord.id], deadline: '2026-06-30', standingCycle: null, followingLeaderId: null } },
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Chỉ tiêu' }] }] }, { type: 'tableHeader', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Kết quả' }] }] }] }] },
    ],
  }
  const saved = saveDraft({ meetingId, who: { id: chair.id }, input: { content, summary: 'về công tác cán bộ', baseRevision: 0 } })
  issueConclusion({ meetingId, who: { id: chair.id }, input: { baseRevision: saved.revision, summary: 'về công tác cán bộ', signerTitle: 'Phó Bí thư Thường trực', signerName: 'Hoàng Trung Dũng', recipientUnitIds: [], otherRecipients: ['Các đồng chí Tỉnh ủy viên'] } }, { now: new Date('2026-06-03T09:00:00+07:00') })
  data = conclusionForExport({ conclusion: getConclusionState({ meetingId }).issued! })
})

describe('the notice as DOCX (Party layout, Hướng dẫn 36-HD/VPTW)', () => {
  it('is a Word document on A4 in Times New Roman with the header, title, body, signature and Nơi nhận', async () => {
    const zip = await JSZip.loadAsync(await conclusionDocx(data))
    const xml = new DOMParser().parseFromString(await zip.file('word/document.xml')!.async('string'), 'text/xml')
    const pgSz = xml.getElementsByTagNameNS(W, 'pgSz')[0]!
    expect([pgSz.getAttributeNS(W, 'w'), pgSz.getAttributeNS(W, 'h')]).toEqual(['11906', '16838'])
    const runs = Array.from(xml.getElementsByTagNameNS(W, 'r')).map((r: Element) => {
      const props = r.getElementsByTagNameNS(W, 'rPr')[0]
      const prop = (name: string) => props?.getElementsByTagNameNS(W, name)[0]
      return {
        text: Array.from(r.getElementsByTagNameNS(W, 't')).map((t) => t.textContent).join(''),
        font: prop('rFonts')?.getAttributeNS(W, 'ascii'),
        bold: prop('b') !== undefined,
        italic: prop('i') !== undefined,
        size: Number(prop('sz')?.getAttributeNS(W, 'val')) / 2,
      }
    })
    const run = (text: string) => runs.find((r) => r.text === text)
    expect(run('ĐẢNG CỘNG SẢN VIỆT NAM')).toMatchObject({ font: 'Times New Roman', bold: true, size: 15 })
    expect(run('TỈNH ỦY HÀ TĨNH')).toMatchObject({ bold: true, size: 14 })
    expect(run(data.numberFormatted!)).toMatchObject({ size: 14 })
    expect(run('Hà Tĩnh, ngày 03 tháng 06 năm 2026')).toMatchObject({ italic: true, size: 14 })
    expect(run('THÔNG BÁO KẾT LUẬN')).toMatchObject({ bold: true, size: 16 })
    expect(run('về công tác cán bộ')).toMatchObject({ bold: true, size: 14 })
    expect(run('thống nhất')).toMatchObject({ bold: true, size: 14 })
    expect(run('Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ tham mưu sửa đổi quy chế, hoàn thành trước ngày 30/6/2026.')).toMatchObject({ font: 'Times New Roman', size: 14 })
    expect(run('T/M BAN THƯỜNG VỤ')).toMatchObject({ bold: true })
    expect(run('PHÓ BÍ THƯ THƯỜNG TRỰC')).toMatchObject({ bold: true })
    expect(run('Nơi nhận:')).toMatchObject({ bold: true, italic: true, size: 12 })
    expect(runs.map((r) => r.text)).toEqual(expect.arrayContaining(['- Ban Tổ chức Tỉnh ủy,', '- Sở Nội vụ,', '- Các đồng chí Tỉnh ủy viên,', '- Lưu Văn phòng.', '- ', 'Rà soát quy hoạch', 'Chỉ tiêu']))
    // The table of the text is a real table; every run is in Times New Roman.
    expect(xml.getElementsByTagNameNS(W, 'tbl').length).toBe(3)
    expect(runs.filter((r) => r.text && r.font !== 'Times New Roman')).toEqual([])
  })

  it('names the file in Vietnamese (RFC 5987) with an ASCII fallback', () => {
    const header = exportFileName(data, 'docx')
    expect(header).toMatch(/^attachment; filename="Thong-bao-ket-luan-\d+-TB-TU\.docx"; filename\*=UTF-8''Th%C3%B4ng%20b%C3%A1o/)
  })
})

describe('the notice as PDF', () => {
  it('is an A4 PDF whose text reads back in Vietnamese', async () => {
    const pdf = await getDocument({ data: new Uint8Array(await conclusionPdf(data)), useSystemFonts: false }).promise
    const page = await pdf.getPage(1)
    const [, , w, h] = page.view
    expect([Math.round(w!), Math.round(h!)]).toEqual([595, 842])
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' ')
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM')
    expect(text).toContain('THÔNG BÁO KẾT LUẬN')
    expect(text).toContain(data.numberFormatted!)
    expect(text).toContain('Giao Ban Tổ chức Tỉnh ủy chủ trì, phối hợp với Sở Nội vụ')
    expect(text).toContain('T/M BAN THƯỜNG VỤ')
    expect(text).toContain('Nơi nhận:')
  })
})
