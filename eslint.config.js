import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'tests/.tmp/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The house's boundaries (decision 016): a feature is used through its public surface
    // (`index.ts` for the browser side, `index.server.ts` for the server side; its messages are
    // composed into app/i18n), never by reaching into its files.
    files: ['app/**/*.{ts,tsx}', 'server/**/*.ts'],
    ignores: ['app/features/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^~/features/[^/]+/(?!index(\\.server)?$|lazy$|schemas$|messages(\\.en)?$).+', message: 'Use the feature through its public surface: ~/features/<area> (browser) or ~/features/<area>/index.server (server).' }] }],
    },
  },
  {
    // The API router composes the features' endpoints: their `api.server` module is its surface.
    files: ['server/api/v1/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^~/features/[^/]+/(?!index(\\.server)?$|api\\.server$|schemas$).+', message: 'The router takes a feature\'s endpoints from its api.server module, nothing else of it.' }] }],
    },
  },
  {
    // Inside a feature: its own files by relative path, other features only through their surface.
    files: ['app/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^~/features/[^/]+/(?!index(\\.server)?$|lazy$|schemas$).+', message: 'Another feature is used through its public surface only.' }] }],
    },
  },
  {
    // Routes stay thin: no database access (drizzle, the db handle, table definitions); the vocabulary in #db/schema/enums is fine.
    files: ['app/routes/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^drizzle-orm(/.*)?$', message: 'Routes do not query the database: call a model or a feature.' },
            { regex: '^#db/(client|migrate|seed.*)$', message: 'Routes do not open the database: call a model or a feature.' },
            { regex: '^#db/schema(/(?!enums$).*)?$', message: 'Routes import the vocabulary from #db/schema/enums, never table definitions.' },
            { regex: '^~/features/[^/]+/(?!index(\\.server)?$|lazy$|schemas$).+', message: 'Use the feature through its public surface.' },
          ],
        },
      ],
    },
  },
  {
    // Page forms are read through readForm/readUpload (bounded lists and values), never directly.
    files: ['app/routes/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='formData']", message: 'Read forms with readForm() from ~/core/forms.server (or readUpload for files): it bounds field counts, list indices and values.' },
      ],
    },
  },
)
