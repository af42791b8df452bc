import { describe, expect, it } from 'vitest'
import { checkPassword, PASSWORD_MIN_LENGTH } from './password-policy'

describe('password policy', () => {
  it('accepts a long, uncommon password', () => {
    expect(checkPassword('Hoi-nghi-BCH-lan-thu-7')).toBeNull()
  })
  it('requires at least 10 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10)
    expect(checkPassword('a'.repeat(3) + 'bcdefg')).toBe('tooShort')
    expect(checkPassword('abcdefghij'.replace('j', 'x'))).toBeNull()
  })
  it('refuses common passwords whatever their case', () => {
    expect(checkPassword('1234567890')).toBe('common')
    expect(checkPassword('Password123')).toBe('common')
    expect(checkPassword('MATKHAU123')).toBe('common')
    expect(checkPassword('zzzzzzzzzzzz')).toBe('common')
  })
  it('refuses a password containing the username', () => {
    expect(checkPassword('vanphong-2026!', { username: 'vanphong' })).toBe('containsUsername')
    expect(checkPassword('vanphong-2026!', { username: 'bithu' })).toBeNull()
  })
  it('refuses absurdly long input', () => {
    expect(checkPassword('x'.repeat(300) + 'y')).toBe('tooLong')
  })
})
