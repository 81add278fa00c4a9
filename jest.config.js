/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // Removes the temporary directories each test file made (test/support/cli tempDir).
  setupFilesAfterEnv: ['<rootDir>/test/support/cleanup.ts'],
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
