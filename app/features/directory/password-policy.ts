export const PASSWORD_MIN_LENGTH = 10

/** Passwords people actually choose; refused whatever their length. Compared case-insensitively. */
const COMMON_PASSWORDS = new Set([
  '1234567890', '0123456789', '12345678910', '1234567890a', 'a123456789', '123456789a', '1234567890q',
  'qwertyuiop', 'qwerty1234', 'qwerty12345', '1q2w3e4r5t', '1qaz2wsx3edc', 'asdfghjkl1', 'zxcvbnm123',
  'password12', 'password123', 'password1234', 'passw0rd123', 'p@ssw0rd123', 'p@ssword123', 'admin12345',
  'admin123456', 'administrator', 'iloveyou123', 'abc1234567', 'abcd123456', 'abc@123456', 'aa12345678',
  '1111111111', '0000000000', '1234512345', '9876543210', '1122334455', '123123123123', '123456123456',
  'matkhau123', 'matkhau1234', 'matkhau@123', 'matkhaumoi', 'vietnam123', 'vietnam1234', 'vietnam@123',
  'hanoi12345', 'saigon1234', 'anhyeuem123', 'emyeuanh123', 'tinhuy1234', 'tinhuy@123', 'vanphong123',
  'hoihop12345', 'nghisu1234', 'nghisu12345', 'welcome123', 'changeme123', 'letmein1234', 'football123',
])

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common' | 'containsUsername'

/** Checks a new password against the policy; returns the first problem, or null when it is acceptable. */
export function checkPassword(password: string, context: { username?: string } = {}): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort'
  if (password.length > 256) return 'tooLong'
  const lower = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lower)) return 'common'
  if (/^(.)\1+$/.test(password)) return 'common'
  const username = context.username?.trim().toLowerCase()
  if (username && username.length >= 3 && lower.includes(username)) return 'containsUsername'
  return null
}
