// Single Fetch (remix.config.js `v3_singleFetch`): loader data is typed as it travels — turbo-stream
// keeps Dates and Maps — rather than as JSON.
import '@remix-run/node'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}
