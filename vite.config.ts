import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import remixConfig from './remix.config.js'

const isVitest = Boolean(process.env.VITEST)

export default defineConfig({
  plugins: [tailwindcss(), !isVitest && remix(remixConfig), tsconfigPaths()],
  server: {
    watch: { ignored: ['**/data/**', '**/test-results/**', '**/tests/.tmp/**', '**/*.db*'] },
  },
  // The dependency scan follows .server modules too; native server packages must not be
  // pre-bundled for the browser.
  optimizeDeps: {
    exclude: ['@node-rs/argon2', 'better-sqlite3', 'drizzle-orm'],
  },
  ssr: {
    external: ['better-sqlite3', '@node-rs/argon2'],
  },
  build: { target: 'es2022' },
})
