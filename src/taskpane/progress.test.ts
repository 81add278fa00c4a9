/** The reading progress line: rows, an estimated total and the share, in each language's number style. */
import { translator, type Locale } from '../i18n';
import { aboutTotal, readingLabel } from './progress';

test.each([
  [200_000, 0.3246, 616_000],
  [10_000, 0.5, 20_000],
  [37, 0.5, 74],
  [999, 0.9995, 999],
  [1_234_567, 0.5, 2_470_000],
])('%i rows read at %f of the file are about %i in all', (rows, fraction, total) => {
  expect(aboutTotal(rows, fraction)).toBe(total);
});

test.each([
  ['en-US', 'Reading rows: 200,000 of about 616,000 (32%)'],
  ['de-DE', 'Zeilen werden gelesen: 200.000 von etwa 616.000 (32\u00a0%)'],
  ['pt-BR', 'Lendo linhas: 200.000 de cerca de 616.000 (32%)'],
  ['it-IT', 'Lettura delle righe: 200.000 di circa 616.000 (32%)'],
  ['zh-TW', '正在讀取列：200,000 / 約 616,000（32%）'],
  ['ko-KR', '행 읽는 중: 약 616,000행 중 200,000행 (32%)'],
] as const)('in %s the line reads %s', (locale: Locale, text) => {
  expect(readingLabel(200_000, 0.3246, locale, translator(locale, 'grouped'))).toBe(text);
});

test('before any share of the file is known, and once it is all read, the line says rows only, grouped', () => {
  const t = translator('en-US', 'grouped');
  expect(readingLabel(0, 0, 'en-US', t)).toBe('Reading the workbook: 0 rows');
  expect(readingLabel(1_000_000, 1, 'en-US', t)).toBe('Reading the workbook: 1,000,000 rows');
  expect(readingLabel(1, 0, 'en-US', t)).toBe('Reading the workbook: 1 row');
});

test('a plain translator (cells, the CLI) keeps numbers as they are; grouped keeps the plural form of the number', () => {
  expect(translator('de-DE')('ui.progress.readingRows', { count: 200_000 })).toBe('Arbeitsmappe wird gelesen: 200000 Zeilen');
  expect(translator('de-DE', 'grouped')('ui.progress.readingRows', { count: 200_000 })).toBe('Arbeitsmappe wird gelesen: 200.000 Zeilen');
  expect(translator('de-DE', 'grouped')('ui.progress.readingRows', { count: 1 })).toBe('Arbeitsmappe wird gelesen: 1 Zeile');
});
