// Flat config. The layer rules below are the point: src/core must stay pure (README: layout).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'test-output/**', 'lib/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // No function over 80 lines in the product (issue 22): long functions hide several jobs.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../*', '!./*', 'fs', 'path', 'node:*', 'exceljs', 'react', 'react-dom', '@fluentui/*'], message: 'src/core is pure: it imports nothing outside itself.' },
      ] }],
      'no-restricted-globals': ['error', 'console', 'window', 'document', 'Office', 'Excel', 'process', 'fetch', 'setTimeout'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'core takes the as-of date as an argument.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core has no clock.' }],
    },
  },
  {
    // The cell model is the ground floor (issue 22): it imports nothing from the other layers.
    files: ['src/cells/**/*.ts'],
    ignores: ['src/cells/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../*', '!./*', 'fs', 'path', 'node:*', 'exceljs', 'react', 'react-dom', '@fluentui/*'], message: 'src/cells is the ground floor: it imports nothing outside itself.' },
      ] }],
      'no-restricted-globals': ['error', 'console', 'window', 'document', 'Office', 'Excel', 'process', 'fetch'],
    },
  },
  {
    // The file format knows no competency and sits below sheets (issue 22): src/xlsx imports nothing from src/sheets.
    files: ['src/xlsx/**/*.ts'],
    ignores: ['src/xlsx/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../sheets', '../sheets/*', '../office', '../office/*', '../cli', '../cli/*', '../taskpane', '../taskpane/*', '../functions', '../functions/*'], message: 'src/xlsx sits below sheets and the adapters: it imports nothing from them.' },
      ] }],
    },
  },
  {
    // The evaluator's phases sit one folder down and import core beside them, nothing further out.
    files: ['src/core/phases/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../../*', 'fs', 'path', 'node:*', 'exceljs', 'react', 'react-dom', '@fluentui/*'], message: 'src/core is pure: it imports nothing outside itself.' },
      ] }],
    },
  },
);
