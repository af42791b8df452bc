import { z } from 'zod'

// zod 4 compiles object parsers with `new Function` when it may; under the pages'
// Content-Security-Policy (no 'unsafe-eval') even its probe is reported as a violation. Imported
// first by root.tsx, before any schema is built.
z.config({ jitless: true })
