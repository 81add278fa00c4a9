/**
 * The functions' help pages (scripts/help-pages.js): every example in src/functions/help.json is
 * what the function returns on the sample workbook as of 2018-06-30, in every language, so the
 * help cannot drift from the functions; and each page lists every function with its arguments.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOCALES, type Locale } from '../i18n';
import { readXlsxBytes } from '../xlsx/read';
import * as logic from './logic';

interface Example { readonly args: readonly string[]; readonly result?: unknown; readonly spill?: { readonly rows: number }; readonly session?: boolean }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pages = require('../../scripts/help-pages.js') as {
  HELP: { examples: Record<string, Example>; page: Record<string, Record<string, string>> };
  helpPage: (metadata: unknown, locale: string, namespace: string, locales: readonly string[]) => string;
  formula: (namespace: string, name: string, args: readonly string[], locale: string) => string;
  withHelpUrls: (metadata: unknown, base: string, locale: string) => { functions: { id: string; helpUrl: string }[] };
};

const SAMPLE = readXlsxBytes(new Uint8Array(readFileSync(path.join(__dirname, '../../assets/sample-distributor.xlsx'))));

/** A formula argument as Excel would pass it: a table's cells, a date serial's ISO text, a string. */
function argument(text: string): unknown {
  const table = /^(\w+)\[#All\]$/.exec(text);
  if (table) return SAMPLE.sheets.find((s) => s.name === table[1])?.values;
  const date = /^DATE\((\d+),(\d+),(\d+)\)$/.exec(text);
  if (date) return `${date[1]}-${(date[2] ?? '').padStart(2, '0')}-${(date[3] ?? '').padStart(2, '0')}`;
  return JSON.parse(text) as unknown;
}

type Call = (...args: unknown[]) => unknown;
const BY_ID: Record<string, Call> = {
  LEVEL: logic.level as Call, TTMREVENUE: logic.ttmRevenue as Call, REVENUEGAP: logic.revenueGap as Call, EXAMSMET: logic.examsMet as Call,
  EXAMPLAN: logic.examPlan as Call, NEXTSTEP: logic.nextStep as Call, STATUS: logic.status as Call, TIMELINE: logic.timeline as Call, EXAMROLE: logic.examRoleOf as Call,
};

/** Calls a table-argument function with the example's arguments, padding omitted ones. */
function run(id: string, example: Example, locale: Locale): unknown {
  const fn = BY_ID[id];
  if (!fn) throw new Error(`no function for ${id}`);
  const args = example.args.map(argument);
  while (args.length < fn.length - 1) args.push(undefined);
  return fn(...args, { locale, today: () => '2018-06-30' });
}

const computed = Object.entries(pages.HELP.examples).filter(([, e]) => e.session !== true);

describe.each(LOCALES)('help examples in %s', (locale) => {
  test.each(computed)('%s gives what its help page says', (id, example) => {
    const value = run(id, example, locale);
    if (example.spill) expect((value as unknown[]).length).toBe(example.spill.rows);
    else if (example.result !== null && typeof example.result === 'object') expect(value).toBe((example.result as Record<string, unknown>)[locale]);
    else expect(value).toBe(example.result);
  });
});

test('every language has every text of the page, and no other language', () => {
  const keys = Object.keys(pages.HELP.page['en-US'] ?? {}).sort();
  expect(Object.keys(pages.HELP.page).sort()).toEqual([...LOCALES].sort());
  for (const locale of LOCALES) expect(Object.keys(pages.HELP.page[locale] ?? {}).sort()).toEqual(keys);
});

test('a page lists each function with its localized name, its arguments and its example formula', () => {
  const metadata = JSON.parse(readFileSync(path.join(__dirname, 'locales/de-DE.json'), 'utf8')) as { functions: { id: string; name: string }[] };
  const html = pages.helpPage(metadata, 'de-DE', 'MPN', LOCALES);
  for (const fn of metadata.functions) expect(html).toContain(`<section id="${fn.id}">`);
  expect(html).toContain('<h2>MPN.STUFE</h2>');
  expect(html).toContain('=MPN.STUFE(Revenue[#All]; Certifications[#All]; &quot;Developing&quot;; DATUM(2018;6;30); &quot;1004&quot;)');
  expect(html).toContain('<code>57.000</code>');
  expect(html).toContain('<code>WAHR</code>');
  expect(() => pages.helpPage({ functions: [{ id: 'NOEXAMPLE', name: 'X' }] }, 'en-US', 'MPN', LOCALES)).toThrow(/no example for NOEXAMPLE/);
});

test('formulas use the separator and the DATE name of the language', () => {
  expect(pages.formula('MPN', 'LEVEL', ['Revenue[#All]', 'DATE(2018,6,30)'], 'en-US')).toBe('=MPN.LEVEL(Revenue[#All], DATE(2018,6,30))');
  expect(pages.formula('MPN', 'LIVELLO', ['DATE(2018,6,30)'], 'it-IT')).toBe('=MPN.LIVELLO(DATA(2018;6;30))');
  expect(pages.formula('MPN', 'NIVEL', ['"x"'], 'pt-BR')).toBe('=MPN.NIVEL("x")');
});

test('each function gets the helpUrl of its entry on its language page', () => {
  const out = pages.withHelpUrls({ functions: [{ id: 'LEVEL' }, { id: 'EXAMROLE' }] }, 'https://example.com/addin', 'ko-KR');
  expect(out.functions.map((f) => f.helpUrl)).toEqual([
    'https://example.com/addin/help/functions.ko-KR.html#LEVEL', 'https://example.com/addin/help/functions.ko-KR.html#EXAMROLE']);
});
