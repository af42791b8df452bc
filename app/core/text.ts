/**
 * Vietnamese text normalisation for search: "Nguyễn Văn Đức" → "nguyen van duc".
 * Usable on both sides (no Node APIs).
 */
export function normaliseForSearch(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
/** Half of a UTF-16 pair without the other half (not valid text; SQLite and JSON mangle it). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/** Direction overrides and isolates: "‮fdp.exe" shows as "exe.pdf". */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g
/** Characters that take no space: a title made only of them is empty. */
const ZERO_WIDTH = /[\u200b\u2060\ufeff]/g

/**
 * Text as typed, made safe to store and show: NFC, lone surrogates replaced (U+FFFD), NUL and
 * other control characters removed (tabs and line breaks kept), direction overrides and
 * zero-width spaces removed. Every text field of the forms and the API goes through it.
 */
export function cleanText(input: string): string {
  return input.replace(LONE_SURROGATE, '\ufffd').normalize('NFC').replace(CONTROLS, '').replace(BIDI_CONTROLS, '').replace(ZERO_WIDTH, '')
}
