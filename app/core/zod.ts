import { z } from 'zod'

/**
 * zod, configured: import `z` from here, never from 'zod' itself. zod 4 compiles object parsers
 * with `new Function` when it may; under the pages' Content-Security-Policy (no 'unsafe-eval') even
 * its probe is reported as a violation. A module that imports `z` from here runs this first, so
 * every schema is built after it — in the browser only the pages (and lazily loaded validators) that
 * use zod pay for it.
 */
z.config({ jitless: true })

export { z }
