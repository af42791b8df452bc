import { normaliseForSearch } from '~/core/text'

export const searchKinds = ['meeting', 'document', 'conclusion', 'task'] as const
export type SearchKind = (typeof searchKinds)[number]

/** Bounds on what is searched: a query never makes the index do unbounded work. */
export const SEARCH_LIMITS = { queryChars: 100, tokens: 6, tokenChars: 40 } as const

/**
 * What the user typed as an FTS5 query over the folded text: each word folded ("Đức" → "duc"),
 * only letters and digits kept, each a quoted prefix ("duc"*) when two characters or more, all
 * required. Null when nothing searchable is left. Nothing the user types reaches FTS5's syntax.
 */
export function ftsQuery(input: string): string | null {
  const words = normaliseForSearch(input.slice(0, SEARCH_LIMITS.queryChars))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, SEARCH_LIMITS.tokens)
    .map((w) => w.slice(0, SEARCH_LIMITS.tokenChars))
  if (!words.length) return null
  return words.map((w) => (w.length >= 2 ? `"${w}"*` : `"${w}"`)).join(' ')
}
