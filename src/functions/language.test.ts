/**
 * The MPN functions in the add-in's page, where each language is a chunk fetched on first use
 * (src/i18n/catalogues.lazy.ts, which webpack puts in place of catalogues.ts): a call made before
 * Excel's display language has arrived waits for it and answers in that language.
 */
jest.mock('../i18n/catalogues', () => jest.requireActual('../i18n/catalogues.lazy'));

import type * as FunctionsModule from './functions';
import type * as I18nModule from '../i18n';

class StubError extends Error {
  constructor(readonly code: string, message?: string) { super(message); }
}
const globals = globalThis as Record<string, unknown>;
globals.CustomFunctions = { Error: StubError, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' }, associate: () => undefined };
globals.Office = { context: { displayLanguage: 'de-DE' } };
// Imported after the stubs exist.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MPN = require('./functions') as typeof FunctionsModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const i18n = require('../i18n') as typeof I18nModule;

const CERTS = [['Individual', 'Exam', 'Date passed'], ['Ana', 'MB2-714', '2017-06-01']];

afterAll(() => { delete globals.Office; delete globals.CustomFunctions; });

test('a call before the display language is loaded waits for it, and later calls answer at once', async () => {
  expect(i18n.isLocaleLoaded('de-DE')).toBe(false);
  const first: unknown = MPN.examPlan(CERTS, 'Gold', '2018-03-15');
  expect(first).toBeInstanceOf(Promise);
  await expect(first).resolves.toMatch(/^Ana: eine Bereitstellungsprüfung .*; Neue Person 1: /);
  expect(i18n.isLocaleLoaded('de-DE')).toBe(true);
  expect(MPN.examPlan(CERTS, 'Gold', '2018-03-15')).toMatch(/^Ana: eine Bereitstellungsprüfung .*; Neue Person 1: /);
});

test('an error of a call that waited is an Excel error in the display language', async () => {
  globals.Office = { context: { displayLanguage: 'ko-KR' } };
  const pending: unknown = MPN.level([['no header here']], CERTS, null as never, '2018-03-15');
  const error = await (pending as Promise<string>).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StubError);
  expect([(error as StubError).code, (error as StubError).message]).toEqual(['#VALUE!', i18n.t('ko-KR', 'issue.table.revenue-missing')]);
  expect((error as StubError).message).toMatch(/[가-힣]/);
});
