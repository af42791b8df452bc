import { constants, createHash, createPrivateKey, createPublicKey, generateKeyPair, privateDecrypt, publicEncrypt } from 'node:crypto'
import { promisify } from 'node:util'
import { RSABSSA } from '@cloudflare/blindrsa-ts'

/**
 * Blind RSA signatures (RFC 9474, RSABSSA-SHA384-PSS-Randomized) on the server. The library
 * (`@cloudflare/blindrsa-ts`) prepares, blinds and finalizes in the voter's browser and verifies
 * here; the one step it does in JavaScript big integers — the blind signature itself, RSASP1, about
 * 0.3 s of event loop per voter — is done by OpenSSL (`privateDecrypt` without padding is m^d mod n)
 * and checked as the RFC asks (s^e mod n = m) before it is returned.
 */
export const suite = RSABSSA.SHA384.PSS.Randomized()
const generate = promisify(generateKeyPair)

export async function newCampaignKey() {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048, publicExponent: 0x10001 })
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  }
}

const MODULUS_BYTES = 256

/** RSASP1 on the blinded message, checked with RSAVP1; null when the message is not a valid input (wrong size, ≥ n). */
export function blindSign(privateKeyB64: string, publicKeyB64: string, blinded: Uint8Array): Uint8Array | null {
  if (blinded.length !== MODULUS_BYTES) return null
  try {
    const key = createPrivateKey({ key: Buffer.from(privateKeyB64, 'base64'), format: 'der', type: 'pkcs8' })
    const signature = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, blinded)
    const check = publicEncrypt({ key: createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' }), padding: constants.RSA_NO_PADDING }, signature)
    return Buffer.compare(check, Buffer.from(blinded)) === 0 ? new Uint8Array(signature) : null
  } catch {
    return null
  }
}

/** Whether `signature` is the campaign key's signature on the prepared token. */
export async function verifyToken(publicKeyB64: string, prepared: Uint8Array, signature: Uint8Array) {
  try {
    const key = await crypto.subtle.importKey('spki', Buffer.from(publicKeyB64, 'base64'), { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify'])
    return await suite.verify(key, signature, prepared)
  } catch {
    return false
  }
}

/** The ballot's key: SHA-256 of the prepared token (what a voter finds again in the published list). */
export function tokenHash(prepared: Uint8Array) {
  return createHash('sha256').update(prepared).digest('hex')
}
