/**
 * The MPN custom functions, called as Excel calls them: ranges with their header rows, optional
 * arguments as null. CustomFunctions is stubbed so Excel's error values can be inspected.
 */
import * as path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { openRun, wholeOutputs } from '../sheets';
import type * as FunctionsModule from './functions';
import type * as LogicModule from './logic';

class StubError extends Error {
  constructor(readonly code: string, message?: string) { super(message); }
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: StubError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  associate: () => undefined,
};
// Imported after the stub exists.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MPN = require('./functions') as typeof FunctionsModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const logic = require('./logic') as typeof LogicModule;

const REVENUE = [
  ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
  ['P1', 'CRM Online', 43105, 320000, 'Yes'], // 2018-01-05 as an Excel serial
  ['P2', 'CRM Online', '2017-06-10', 120000, 'Yes'],
  ['P2', 'Azure', '2018-01-05', 99999, 'Yes'],
];
const CERTS = [
  ['Partner ID', 'Individual', 'Exam', 'Date passed'],
  ...['Ana', 'Bo'].flatMap((n) => [['P1', n, 'MB2-714', '2017-06-01'], ['P1', n, 'MB2-710', '2017-06-01']]),
  ['P1', 'Cy', 'MB2-712', '2017-06-01'], ['P1', 'Di', 'MB2-707', '2017-06-01'],
  ['P2', 'Eva', 'MB2-713', '2017-06-01'], ['P2', 'Eva', 'MB2-706', '2017-06-01'], ['P2', 'Fay', 'MB2-712', '2017-06-01'],
];
const PARTNERS = [['Partner ID', 'Name', 'Market'], ['P1', 'Contoso', 'Developed'], ['P2', 'Fabrikam', 'Mercados em desenvolvimento']];
const T = '2018-03-15';

function excelError(f: () => unknown): { code: string; message: string } {
  try { f(); } catch (e) { if (e instanceof StubError) return { code: e.code, message: e.message }; throw e; }
  throw new Error('expected an Excel error');
}

describe('MPN functions', () => {
  test('LEVEL gives Gold, Silver or None', () => {
    expect(MPN.level(REVENUE, CERTS, null as never, T, 'P1')).toBe('Gold');
    expect(MPN.level(REVENUE, CERTS, 'Developed', T, 'P2')).toBe('Silver');
    expect(MPN.level(REVENUE, CERTS, 'Developing', T, 'P2')).toBe('Silver');
    expect(MPN.level(REVENUE, CERTS, null as never, '2019-06-01', 'P1')).toBe('None');
  });

  test('LEVEL takes the as-of date as an Excel date serial (TODAY())', () => {
    expect(MPN.level(REVENUE, CERTS, 'Developed', 43174, 'P1')).toBe('Gold');
  });

  test('an entity (linked data type) in the partner-id column is read by its display value', () => {
    // As Excel passes such cells with allowCustomDataForDataTypeAny: objects, not text.
    const entity = (id: string): unknown => ({ type: 'Entity', text: id, basicType: 'Error', basicValue: '#VALUE!', properties: { 'Partner ID': { type: 'String', basicValue: id } } });
    const revenue = [
      REVENUE[0] as unknown[],
      [entity('1001'), 'CRM Online', { type: 'Double', basicValue: 43105 }, { type: 'Double', basicValue: 60000 }, 'Yes'],
      [entity('1002'), { type: 'String', basicValue: 'CRM Online' }, '2018-01-05', 1, 'Yes'],
    ];
    expect(MPN.ttmRevenue(revenue as never, T, '1001')).toBe(60000);
    expect(MPN.ttmRevenue(revenue as never, T, entity('1002'))).toBe(1);
    expect(MPN.level(revenue as never, CERTS, { type: 'String', basicValue: 'Developed' } as never, { type: 'Double', basicValue: 43174 }, '1001')).toBe('None');
  });

  test('a partner-id column left blank is one organisation: no partner id needed', () => {
    const revenue = [REVENUE[0] as unknown[], [null, 'CRM Online', 43105, 60000, 'Yes'], ['', 'CRM Online Professional', 43105, 1000, 'Yes']];
    expect(MPN.ttmRevenue(revenue as never, T, null)).toBe(61000);
  });

  test('TTMREVENUE sums counted revenue in US$', () => {
    expect(MPN.ttmRevenue(REVENUE, T, 'P1')).toBe(320000);
    expect(MPN.ttmRevenue(REVENUE, T, 'P2')).toBe(120000);
  });

  test('REVENUEGAP is what a level still needs, by market', () => {
    expect(MPN.revenueGap(REVENUE, 'Gold', 'Developed', T, 'P2')).toBe(180000);
    expect(MPN.revenueGap(REVENUE, 'Gold', 'Developing', T, 'P2')).toBe(30000);
    expect(MPN.revenueGap(REVENUE, null as never, null as never, T, 'P2')).toBe(180000); // next level by revenue: Gold
    expect(MPN.revenueGap(REVENUE, 'Silver', null as never, T, 'P1')).toBe(0);
  });

  test('EXAMSMET checks distinct individuals per level, with level names in any language', () => {
    expect(MPN.examsMet(CERTS, 'Gold', T, 'P1')).toBe(true);
    expect(MPN.examsMet(CERTS, 'gold', T, 'P2')).toBe(false);
    expect(MPN.examsMet(CERTS, 'Silver', T, 'P2')).toBe(true);
  });

  test('EXAMPLAN names who should take which exam', () => {
    expect(MPN.examPlan(CERTS, 'Gold', T, 'P2')).toBe(
      'New person 1: an application exam (MB2-714, MB2-713, MB2-717, MB2-718, MB2-877) and a deployment exam (MB2-710, MB2-706, MB2-715); New person 2: a customization exam (MB2-712, MB2-707, MB2-716)');
    expect(MPN.examPlan(CERTS, null as never, T, 'P1')).toBe('No exams needed');
  });

  test('STATUS spills the Competency Status columns, one row per partner', () => {
    const table = MPN.status(REVENUE, CERTS, PARTNERS, T);
    expect(table[0]?.slice(0, 6)).toEqual(['Partner ID', 'Name', 'Market', 'As of', 'Rulebook', 'Level']);
    expect(table.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['P1', 'Contoso', 'Developed', T, 'cloud-crm-2017-11', 'Gold'],
      ['P2', 'Fabrikam', 'Developing', T, 'cloud-crm-2017-11', 'Silver'],
    ]);
    for (const row of table) for (const v of row) expect(['string', 'number', 'boolean']).toContain(typeof v);
  });

  test('EXAMROLE gives the role, and #N/A for an exam the rulebook does not list', () => {
    expect(MPN.examRole('mb2 715', '2018-01-10')).toBe('deployment');
    expect(MPN.examRole('Prüfung MB2-712', null as never)).toBe('customization');
    expect(excelError(() => MPN.examRole('MB2-715', '2017-10-01'))).toMatchObject({ code: '#N/A' });
    expect(excelError(() => MPN.examRole('AZ-900', T))).toMatchObject({ code: '#N/A' });
  });

  test.each([
    ['a revenue range without the required columns', () => MPN.level([['Foo', 'Bar'], [1, 2]], CERTS, null as never, T, 'P1'), '#VALUE!', /No revenue table found/],
    ['a certification range without the required columns', () => MPN.examsMet([['Exam'], ['MB2-714']], 'Silver', T, null as never), '#VALUE!', /No certification table found/],
    ['an as-of date that is not a date', () => MPN.level(REVENUE, CERTS, null as never, 'someday', 'P1'), '#VALUE!', /asOf: "someday" is not a date/],
    ['an unknown level', () => MPN.examsMet(CERTS, 'Platinum', T, 'P1'), '#VALUE!', /"Platinum" is not a level/],
    ['a missing level', () => MPN.examsMet(CERTS, null as never, T, 'P1'), '#VALUE!', /level: give "Silver" or "Gold"/],
    ['an unknown market', () => MPN.level(REVENUE, CERTS, 'Mars', T, 'P1'), '#VALUE!', /"Mars" is not a market/],
    ['several partners and no partnerId', () => MPN.level(REVENUE, CERTS, null as never, T, null), '#VALUE!', /hold 2 partners/],
    ['a partnerId with no rows', () => MPN.level(REVENUE, CERTS, null as never, T, 'P9'), '#N/A', /no rows for partner "P9"/],
    ['a range that is not a range', () => MPN.ttmRevenue('x' as never, T, 'P1'), '#VALUE!', /revenue must be a range/],
    ['an empty exam', () => MPN.examRole('', T), '#VALUE!', /give an exam code/],
  ])('gives an Excel error for %s', (_name, f, code, message) => {
    const e = excelError(f);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  test('a partner id typed as a number finds the partner', () => {
    const rev = [REVENUE[0] as unknown[], [1001, 'CRM Online', '2018-01-05', 150000, 'Yes']];
    expect(MPN.ttmRevenue(rev, T, 1001 as never)).toBe(150000);
  });

  test('the same data gives the same answer as the task pane and the CLI (src/sheets)', () => {
    const run = openRun({ sheets: [{ name: 'revenue', values: REVENUE }, { name: 'certifications', values: CERTS }] }, { locale: 'en-US', asOf: T });
    for (const p of run.evaluation.partners) {
      expect(MPN.level(REVENUE, CERTS, null as never, T, p.partnerId).toLowerCase()).toBe(p.level);
      expect(MPN.ttmRevenue(REVENUE, T, p.partnerId)).toBe(p.ttmRevenueCents / 100);
    }
  });

  test('STATUS spills exactly the Competency Status table the task pane and the CLI write, issue counts included', () => {
    const run = openRun({
      sheets: [{ name: 'revenue', values: REVENUE }, { name: 'certifications', values: CERTS }, { name: 'partners', values: PARTNERS }],
    }, { locale: 'en-US', asOf: T });
    const status = run.status();
    const plain = status.rows.map((row) => row.map((v) => (v === null ? '' : typeof v === 'object' ? ('date' in v ? v.date : v.text) : v)));
    expect(MPN.status(REVENUE, CERTS, PARTNERS, T)).toEqual([status.columns.map((c) => c.header), ...plain]);
  });

  test('TIMELINE spills exactly the Competency Timeline rows the CLI and the pane write, for one partner or all', () => {
    const run = openRun({ sheets: [{ name: 'revenue', values: REVENUE }, { name: 'certifications', values: CERTS }] }, { locale: 'en-US', asOf: T });
    const sheet = wholeOutputs(run.outputs()).tables.find((x) => x.sheetName === 'Competency Timeline');
    const plain = (sheet?.rows ?? []).map((row) => row.map((v) => (v === null ? '' : typeof v === 'object' ? ('date' in v ? v.date : v.text) : v)));
    const header = sheet?.columns.map((c) => c.header);
    expect(MPN.timeline(REVENUE, CERTS, null, T)).toEqual([header, ...plain]);
    const p1 = MPN.timeline(REVENUE, CERTS, 'P1', T);
    expect(p1).toEqual([header, ...plain.filter((r) => r[0] === 'P1')]);
    expect(p1).toHaveLength(38);
    expect(p1.find((r) => r[2] === '2018-03')?.slice(3, 8)).toEqual([320000, 100000, 300000, 'Gold', 'As of']);
    expect(excelError(() => MPN.timeline(REVENUE, CERTS, 'P9', T))).toMatchObject({ code: '#N/A' });
  });

  test('unchanged range values are not parsed again, even as fresh arrays', () => {
    logic.clearCache();
    const copy = (r: unknown[][]): unknown[][] => r.map((row) => [...row]);
    const before = logic.parseCount();
    MPN.level(copy(REVENUE), copy(CERTS), null as never, T, 'P1');
    MPN.level(copy(REVENUE), copy(CERTS), null as never, T, 'P2');
    expect(logic.parseCount() - before).toBe(1);
    const changed = copy(REVENUE);
    (changed[2] as unknown[])[3] = 1;
    MPN.level(changed, copy(CERTS), null as never, T, 'P2');
    expect(logic.parseCount() - before).toBe(2);
  });
});

describe('function metadata', () => {
  const SPEC: Record<string, string[]> = {
    LEVEL: ['revenue', 'certifications', 'market', 'asOf', 'partnerId'],
    TTMREVENUE: ['revenue', 'asOf', 'partnerId'],
    REVENUEGAP: ['revenue', 'level', 'market', 'asOf', 'partnerId'],
    EXAMSMET: ['certifications', 'level', 'asOf', 'partnerId'],
    EXAMPLAN: ['certifications', 'level', 'asOf', 'partnerId'],
    NEXTSTEP: ['revenue', 'certifications', 'market', 'asOf', 'partnerId'],
    STATUS: ['revenue', 'certifications', 'partners', 'asOf'],
    TIMELINE: ['revenue', 'certifications', 'partnerId', 'asOf'],
    EXAMROLE: ['exam', 'asOf'],
    'PARTNER.LEVEL': ['partnerId', 'market', 'asOf'],
    'PARTNER.TTMREVENUE': ['partnerId', 'market', 'asOf'],
    'PARTNER.REVENUEGAP': ['partnerId', 'level', 'market', 'asOf'],
    'PARTNER.EXAMSMET': ['partnerId', 'level', 'market', 'asOf'],
    'PARTNER.EXAMPLAN': ['partnerId', 'level', 'market', 'asOf'],
    'PARTNER.NEXTSTEP': ['partnerId', 'market', 'asOf'],
    'PARTNER.CARD': ['partnerId', 'market', 'asOf'],
    'PARTNERS.STATUS': ['market', 'asOf'],
    'PARTNERS.TIMELINE': ['partnerId', 'market', 'asOf'],
  };
  interface Meta { functions: { id: string; name: string; description?: string; options?: unknown; parameters: { name: string; description?: string; type: string; dimensionality?: string; optional?: boolean }[]; result?: unknown }[] }
  let english: Meta;
  beforeAll(async () => {
    const generated = await generateCustomFunctionsMetadata([path.join(__dirname, 'functions.ts')], true);
    expect(generated.errors).toEqual([]);
    english = JSON.parse(generated.metadataJson) as Meta;
  }, 30_000);

  test('documents every function of docs/rules.md 13 and every parameter', () => {
    expect(Object.fromEntries(english.functions.map((f) => [f.id, f.parameters.map((p) => p.name)]))).toEqual(SPEC);
    for (const f of english.functions) {
      expect([f.id, (f.description ?? '').length > 10]).toEqual([f.id, true]);
      for (const p of f.parameters) expect([f.id, p.name, (p.description ?? '').length > 5]).toEqual([f.id, p.name, true]);
    }
  });

  const localeFiles = readdirSync(path.join(__dirname, 'locales')).filter((f) => f.endsWith('.json'));
  test('has a metadata file for each of the five other languages', () => {
    expect(localeFiles.sort()).toEqual(['de-DE.json', 'it-IT.json', 'ko-KR.json', 'pt-BR.json', 'zh-TW.json']);
  });

  test.each(localeFiles)('%s has the same ids, parameters and types as the generated English metadata', (file) => {
    const local = JSON.parse(readFileSync(path.join(__dirname, 'locales', file), 'utf8')) as Meta;
    const shape = (m: Meta): unknown => m.functions.map((f) => ({ id: f.id, result: f.result, options: f.options, parameters: f.parameters.map((p) => [p.type, p.dimensionality ?? 'scalar', p.optional === true]) }));
    expect(shape(local)).toEqual(shape(english));
    for (const f of local.functions) {
      expect(f.name).toMatch(/^[A-Z][A-Z0-9.]{2,}$/);
      expect((f.description ?? '').length).toBeGreaterThan(5);
      for (const p of f.parameters) expect((p.description ?? '').length).toBeGreaterThan(3);
    }
  });
});
