// Server tests run as ES modules (NestJS 12 is ESM-only) through @swc/jest.
// test/unit: no database, run once. test/db: run once per database (TEST_DATABASE_URL).
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', swc] },
  // Node 20 cannot require() ES modules inside jest; these ESM-only packages are required by
  // CommonJS ones (@fastify/static), so jest compiles them to CommonJS when required.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // One migrated template database a run; each suite's database is a copy of it.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
};
