/** Jest in native ESM mode (NestJS 12 is ESM-only); see README "Toolchain". */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  // One test file at a time (the suites share one database, and the machine has two cores), in a
  // worker that is replaced once it holds more than 1 GB after a file: native-ESM Jest keeps each
  // file's module graph alive, and a single in-band process ran out of heap after about 90 files.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1GB',
  // Queue clients (ioredis reconnect timers, pg LISTEN clients) can outlive a closed app by a
  // moment; a finished run must never hang CI waiting for them.
  forceExit: true,
};
