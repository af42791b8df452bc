/** Global search's public surface for routes, the API and the server's start. */
export { keepSearchIndex, matchingIds, rebuildSearchIndex, searchEverything, searchKinds, type SearchHit, type SearchKind } from './search.server'
export { SEARCH_LIMITS } from './query'
