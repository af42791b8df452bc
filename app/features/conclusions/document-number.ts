/**
 * Document numbers (R4.6g). Party bodies number each document kind continuously from 01 within a
 * committee term (nhiệm kỳ) and write `Số 45-TB/TU`; state bodies restart every 1 January and write
 * `Số: 45/TB-UBND`. Which applies is configured per issuing body.
 */
export type NumberingStyle = 'party' | 'state'

export type IssuingBodyNumbering = {
  style: NumberingStyle
  /** The body's abbreviation after the kind: `TU` (Tỉnh ủy), `UBND`, `ĐU` … */
  bodyCode: string
  /** Party bodies: the year the current committee term began (e.g. 2025 for 2025–2030). */
  termStartYear?: number
}

/** The counter a new document draws from: one per body, kind and term (party) or year (state). */
export function numberingPeriod(body: IssuingBodyNumbering, issuedOn: string) {
  if (body.style === 'state') return `year:${issuedOn.slice(0, 4)}`
  if (!body.termStartYear) throw new Error('Cấp ủy cần năm bắt đầu nhiệm kỳ để đánh số văn bản.')
  return `term:${body.termStartYear}`
}

/** `Số 45-TB/TU` (party) or `Số: 45/TB-UBND` (state); numbers below 10 are written 01–09. */
export function formatDocumentNumber(body: IssuingBodyNumbering, kindCode: string, number: number) {
  if (!Number.isInteger(number) || number < 1) throw new RangeError('Số văn bản phải là số nguyên dương.')
  const n = String(number).padStart(2, '0')
  return body.style === 'party' ? `Số ${n}-${kindCode}/${body.bodyCode}` : `Số: ${n}/${kindCode}-${body.bodyCode}`
}
