/** Global search's public surface for routes, the API and the server's start. */
export { ensureSearchIndex, keepSearchIndex, matchingIds, rebuildSearchIndex, searchEverything, type SearchHit } from './search.server'
export { SEARCH_LIMITS, searchKinds, type SearchKind } from './query'
