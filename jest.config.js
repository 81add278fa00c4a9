/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // Removes the temporary directories each test file made (test/support/cli tempDir).
  setupFilesAfterEnv: ['<rootDir>/test/support/cleanup.ts'],
  // Many tests spawn the built CLI, LibreOffice or a pipe writer. Jest's 5 s default is a guard
  // against hangs, not a speed check (speed is npm run bench's job); on a loaded 2-core machine a
  // CLI round trip took over 5 s and failed tests that were right. Tests that need longer say so.
  testTimeout: 30_000,
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // office-addin-mock imports office-addin-manifest, whose main module pulls in an ES-module-only
  // dependency (strip-bom via @microsoft/app-manifest) that jest cannot require; the mock needs
  // only OfficeApp from it. Without this mapping src/office/excel.test.ts fails to load.
  moduleNameMapper: {
    '^office-addin-manifest$': '<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js',
  },
};
