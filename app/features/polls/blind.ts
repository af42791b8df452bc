import { RSABSSA } from '@cloudflare/blindrsa-ts'

/**
 * The voter's side of the blind signature (RFC 9474) in the browser: a random token, prepared and
 * blinded with the campaign's public key; the server signs the blinded value without seeing the
 * token; the browser finalizes the signature. Then the ballot goes without cookies under the token.
 */
const suite = RSABSSA.SHA384.PSS.Randomized()
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))

export async function blindToken(publicKeyB64: string) {
  const key = await crypto.subtle.importKey('spki', unb64(publicKeyB64), { name: 'RSA-PSS', hash: 'SHA-384' }, true, ['verify'])
  const prepared = suite.prepare(crypto.getRandomValues(new Uint8Array(32)))
  const { blindedMsg, inv } = await suite.blind(key, prepared)
  return {
    blinded: b64(blindedMsg),
    finalize: async (blindSignatureB64: string) => ({ token: b64(prepared), signature: b64(await suite.finalize(key, prepared, unb64(blindSignatureB64), inv)) }),
  }
}

/** The ballot's key as the server stores it (SHA-256 of the token, hex): the voter checks it in the published list. */
export async function ballotKey(tokenB64: string) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', unb64(tokenB64)))
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
}
