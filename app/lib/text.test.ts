import { describe, expect, it } from 'vitest'
import { normaliseForSearch } from './text'

describe('normaliseForSearch', () => {
  it('removes Vietnamese diacritics, including đ', () => {
    expect(normaliseForSearch('Nguyễn Văn Đức')).toBe('nguyen van duc')
    expect(normaliseForSearch('  Ủy ban   Kiểm tra ')).toBe('uy ban kiem tra')
  })
  it('treats composed and decomposed input alike', () => {
    expect(normaliseForSearch('Hồng'.normalize('NFD'))).toBe(normaliseForSearch('Hồng'.normalize('NFC')))
  })
})
