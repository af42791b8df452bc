import { sha256 } from '@oslojs/crypto/sha2'
import { constantTimeEqual } from '@oslojs/crypto/subtle'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/**
 * Token primitives from the Lucia guide: a random id and a random secret, the token is
 * `id.secret`, only SHA-256(secret) is stored, and comparison is constant-time.
 */
export function generateSecureRandomString(bytes = 20): string {
  const buffer = new Uint8Array(bytes)
  crypto.getRandomValues(buffer)
  return encodeBase32LowerCaseNoPadding(buffer)
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret))
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const hash = hashSecret(secret)
  return hash.length === storedHash.length && constantTimeEqual(hash, new Uint8Array(storedHash))
}

export type TokenParts = { id: string; secret: string }

export function createTokenParts(): TokenParts & { token: string; secretHash: Buffer } {
  const id = generateSecureRandomString()
  const secret = generateSecureRandomString(24)
  return { id, secret, token: `${id}.${secret}`, secretHash: Buffer.from(hashSecret(secret)) }
}

/** Splits `id.secret`; null for anything else (so malformed cookies never reach the database). */
export function parseToken(token: string | null | undefined, prefix = ''): TokenParts | null {
  if (!token || !token.startsWith(prefix)) return null
  const parts = token.slice(prefix.length).split('.')
  if (parts.length !== 2) return null
  const [id, secret] = parts
  if (!/^[a-z2-7]{16,64}$/.test(id!) || !/^[a-z2-7]{16,96}$/.test(secret!)) return null
  return { id: id!, secret: secret! }
}
