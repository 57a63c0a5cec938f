// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Imports that would give a sans-I/O package a way to touch the outside world. */
const ioModules = [
  'net',
  'stream',
  'events',
  'tls',
  'fs',
  'http',
  'timers',
  'dgram',
  'child_process',
]
const noNodeIo = ioModules.flatMap((m) => [`node:${m}`, m, `node:${m}/*`])

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-test/**',
      '**/node_modules/**',
      'coverage/**',
      'benchmarks/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: './tsconfig.spec.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of enum.' },
        { selector: 'TSModuleDeclaration', message: 'No namespaces.' },
        { selector: 'ExportAllDeclaration', message: 'Use explicit named exports.' },
      ],
    },
  },
  {
    files: ['packages/http-types/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...ioModules], message: 'http-types imports no node:* modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/h1/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noNodeIo.map((name) => ({ name, message: 'h1 is sans-I/O.' })),
          patterns: [
            {
              group: [
                '@touche/server',
                '@touche/client',
                '@touche/body',
                '@touche/body/*',
                'node:*',
              ],
              message: 'h1 is sans-I/O and knows no server, client or body.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/body/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@touche/h1', '@touche/h1/*', '@touche/server', '@touche/client'],
              message: 'body depends on @touche/http-types only: both sides import it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The app the packaging test installs the tarballs into: plain Node scripts, as users write.
    files: ['packages/touche/test/scratch-app/*'],
    languageOptions: { globals: { fetch: 'readonly', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  }
)
