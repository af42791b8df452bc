/** Global search's public surface for the browser side of routes. */
export { SEARCH_LIMITS, searchKinds, type SearchKind } from './query'
