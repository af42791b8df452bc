import { vitePlugin as remix } from '@remix-run/dev'
import optimizeLocales from '@react-aria/optimize-locales-plugin'
import tailwindcss from '@tailwindcss/vite'
import { constants } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import { compression } from 'vite-plugin-compression2'
import tsconfigPaths from 'vite-tsconfig-paths'
import remixConfig from './remix.config.js'

const isVitest = Boolean(process.env.VITEST)

// The browser's scripts and styles are compressed once, at build, at brotli's highest quality (and
// gzip for browsers without it); the server sends these files as they are (server/app.ts) instead
// of compressing each response on the fly at a fast, weaker setting. Client build only.
const precompressed: Plugin = {
  ...compression({
    include: /\.(m?js|css|svg)$/,
    threshold: 1024,
    algorithms: [['brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }], 'gzip'],
  }),
  apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
}

export default defineConfig({
  plugins: [
    tailwindcss(),
    // react-aria ships its components' strings in 34 languages; the app speaks two.
    { ...optimizeLocales.vite({ locales: ['vi-VN', 'en-US'] }), enforce: 'pre' },
    !isVitest && remix(remixConfig),
    tsconfigPaths(),
    precompressed,
  ],
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
  build: {
    target: 'es2022',
    // A feature's modules do nothing when imported but define things (decision 023): a page that
    // takes one name from a feature's surface gets that name's modules, not every component and
    // schema the surface lists.
    rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !/\/app\/features\/[^?]*\.tsx?$/.test(id) } },
  },
})
