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
