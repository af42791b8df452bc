import { describe, expect, it } from 'vitest'
import { normaliseForSearch } from '~/core/text'

describe('normaliseForSearch', () => {
  it('removes Vietnamese diacritics, including đ', () => {
    expect(normaliseForSearch('Nguyễn Văn Đức')).toBe('nguyen van duc')
    expect(normaliseForSearch('  Ủy ban   Kiểm tra ')).toBe('uy ban kiem tra')
  })
  it('treats composed and decomposed input alike', () => {
    expect(normaliseForSearch('Hồng'.normalize('NFD'))).toBe(normaliseForSearch('Hồng'.normalize('NFC')))
  })
})

describe('cleanText: what typed text may hold', () => {
  it('replaces lone surrogates, drops NUL and controls but keeps line breaks', async () => {
    const { cleanText } = await import('~/core/text')
    expect(cleanText('Báo\u0000 cáo\ud800')).toBe('Báo cáo\ufffd')
    expect(cleanText('Dòng 1\nDòng 2\tcột')).toBe('Dòng 1\nDòng 2\tcột')
    expect(cleanText('😀 ổn')).toBe('😀 ổn')
  })
  it('drops direction overrides (name spoofing) and zero-width spaces; composes to NFC', async () => {
    const { cleanText } = await import('~/core/text')
    expect(cleanText('hoso\u202Efdp.exe')).toBe('hosofdp.exe')
    expect(cleanText('\u200b\u200b\ufeff')).toBe('')
    expect(cleanText('Nguye\u0302\u0303n')).toBe('Nguyễn')
  })
})
