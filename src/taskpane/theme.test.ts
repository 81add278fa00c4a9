/** The pane's theme literal is Fluent's web light theme, value for value. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { webLightTheme } from '@fluentui/react-components';
import { paneTheme } from './theme';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { themeSource } = require('../../scripts/pane-theme.js') as { themeSource: (theme: object) => string };

test('the pane\'s theme has every token of webLightTheme with the same value, and no other (else: node scripts/pane-theme.js)', () => {
  expect(paneTheme).toEqual(webLightTheme);
  expect(Object.keys(paneTheme)).toEqual(Object.keys(webLightTheme));
});

test('src/taskpane/theme.ts is what scripts/pane-theme.js writes from the installed Fluent', () => {
  expect(readFileSync(path.join(__dirname, 'theme.ts'), 'utf8')).toBe(themeSource(webLightTheme));
});
