/**
 * @jest-config-loader ts-node
 * @jest-config-loader-options {"transpileOnly": true, "compilerOptions": {"module": "commonjs", "moduleResolution": "node10", "ignoreDeprecations": "6.0", "verbatimModuleSyntax": false}}
 */
import type { Config } from 'jest'

/** Sources are tested directly: workspace imports map to each package's `src/index.ts`. */
const moduleNameMapper = {
  '^@touche/(http-types|h1|body|server|client|fetch|touche)$': '<rootDir>/../../packages/$1/src/index.ts',
  '^@touche/(h1|body)/internal$': '<rootDir>/../../packages/$1/src/internal.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
}

const transform: Config['transform'] = {
  '^.+\\.ts$': [
    'ts-jest',
    {
      diagnostics: false,
      tsconfig: {
        module: 'commonjs',
        moduleResolution: 'node10',
        verbatimModuleSyntax: false,
        isolatedModules: true,
        ignoreDeprecations: '6.0',
      },
    },
  ],
}

function project(name: string, rootDir: string): NonNullable<Config['projects']>[number] {
  return {
    displayName: name,
    rootDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    moduleNameMapper,
    transform,
  }
}

/**
 * The harness: its own unit tests, and the replay of every regression case it has written
 * (fuzz/test/regressions.test.ts), against the built server in a child process.
 */
const fuzzProject: NonNullable<Config['projects']>[number] = {
  displayName: 'fuzz',
  rootDir: '<rootDir>/fuzz',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: {
    '^@touche/(http-types|h1|body|server|client|fetch|touche)$': '<rootDir>/../packages/$1/src/index.ts',
    '^@touche/(h1|body)/internal$': '<rootDir>/../packages/$1/src/internal.ts',
    '^@touche/benchmarks/parse-corpus$': '<rootDir>/../benchmarks/src/parse-corpus.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform,
}

const config: Config = {
  testTimeout: 20_000,
  projects: [
    project('http-types', '<rootDir>/packages/http-types'),
    project('h1', '<rootDir>/packages/h1'),
    project('body', '<rootDir>/packages/body'),
    project('server', '<rootDir>/packages/server'),
    project('client', '<rootDir>/packages/client'),
    project('fetch', '<rootDir>/packages/fetch'),
    project('touche', '<rootDir>/packages/touche'),
    project('examples', '<rootDir>/examples'),
    fuzzProject,
  ],
}

export default config
