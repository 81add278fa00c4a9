import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../test/support/cli';
import { csvField, idKey } from './select';

const SAMPLE = path.join(__dirname, '..', '..', 'assets', 'sample-distributor.xlsx');
const AS_OF = ['--as-of', '2018-06-30'];

interface Doc {
  partners: { partnerId: string; level: string; nextStep: string; ttmRevenueUsd: number; holdsUntil: string | null; atRisk: boolean }[];
  issues: { partnerId: string | null; cell: string | null }[];
}

describe('csvField (RFC 4180, safe to open in a spreadsheet)', () => {
  test.each([
    ['plain text', 'Contoso', 'Contoso'],
    ['a comma', 'Contoso, Ltd', '"Contoso, Ltd"'],
    ['a quote', 'the "best"', '"the ""best"""'],
    ['a line break (CR LF becomes LF)', 'a\r\nb', '"a\nb"'],
    ['an edge space', ' x', '" x"'],
    ['a formula-looking text', '=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['a leading minus in text', '-5 people', "'-5 people"],
    ['an escape sequence', 'Ana\x1b[2J', 'Ana?[2J'],
    ['a number', 120000.5, '120000.5'],
    ['a negative number (not text)', -3, '-3'],
    ['true', true, 'TRUE'],
    ['false', false, 'FALSE'],
    ['an empty cell', null, ''],
    ['a date', { date: '2018-07-31' }, '2018-07-31'],
    ['a link', { text: 'Revenue!E424', link: { sheet: 'Revenue', cell: 'E424' } }, 'Revenue!E424'],
  ] as const)('%s', (_name, cell, field) => {
    expect(csvField(cell)).toBe(field);
  });
});

describe('--format csv: the Competency Status table on stdout', () => {
  test('a header row, then one row per partner with the Next step column, the same values as --json', async () => {
    const csv = await runCli(['evaluate', SAMPLE, ...AS_OF, '--format', 'csv']);
    expect([csv.code, csv.stderr]).toEqual([0, '']);
    const rows = parse(csv.stdout) as string[][];
    const header = rows[0] ?? [];
    expect(header.slice(0, 10)).toEqual(['Partner ID', 'Name', 'Market', 'As of', 'Rulebook', 'Level', 'At risk', 'Holds until', 'Next step', 'TTM revenue (US$)']);
    expect(rows.slice(1).every((r) => r.length === header.length)).toBe(true);
    const doc = JSON.parse((await runCli(['evaluate', SAMPLE, ...AS_OF, '--json'])).stdout) as Doc;
    const col = (name: string): number => header.indexOf(name);
    expect(rows.slice(1).map((r) => [r[0], r[col('Next step')], Number(r[col('TTM revenue (US$)')]), r[col('Holds until')] || null, r[col('At risk')]]))
      .toEqual(doc.partners.map((p) => [p.partnerId, p.nextStep, p.ttmRevenueUsd, p.holdsUntil, p.atRisk ? 'TRUE' : 'FALSE']));
    expect(rows.find((r) => r[0] === '1004')?.[col('Next step')]).toBe('Book US$ 23,000 of DPOR revenue by 31 Aug 2018 to keep Silver');
  });

  test('speaks the --locale language in its header and sentences', async () => {
    const csv = await runCli(['evaluate', SAMPLE, ...AS_OF, '--format', 'csv', '--locale', 'de-DE', '--partner', '1004']);
    const rows = parse(csv.stdout) as string[][];
    expect(rows[0]?.[0]).toBe('Partner-ID');
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[0]).toBe('1004');
  });

  test('--json and --format csv together are bad usage (exit 2)', async () => {
    const run = await runCli(['evaluate', SAMPLE, ...AS_OF, '--format', 'csv', '--json']);
    expect([run.code, run.stdout, run.stderr]).toEqual([2, '', 'competency: --format csv and --json cannot be given together; choose one\n']);
  });
});

describe('idKey: a typed partner id compared as the reader keys ids, case-blind', () => {
  test.each([
    ['00123', '123'],
    ['1,234,567', '1234567'],
    ['123.0', '123'],
    [' 0 ', '0'],
    [' P1 ', 'p1'],
    ['p1', 'p1'],
  ])('%j is %j', (typed, key) => {
    expect(idKey(typed)).toBe(key);
  });
});

describe('--partner ID (repeatable): only those partners are printed', () => {
  test.each([
    ['one partner', ['1004'], ['1004']],
    ['two, in the evaluation\'s order whatever the order given', ['1007', '1004'], ['1004', '1007']],
    ['an id written with leading zeros', ['001003'], ['1003']],
    ['the same partner twice', ['1003', '1003'], ['1003']],
  ])('%s', async (_name, ids, expected) => {
    const run = await runCli(['evaluate', SAMPLE, ...AS_OF, '--json', ...ids.flatMap((id) => ['--partner', id])]);
    const doc = JSON.parse(run.stdout) as Doc;
    expect(doc.partners.map((p) => p.partnerId)).toEqual(expected);
    // Their data issues and the ones of no partner; none of another partner's.
    expect(doc.issues.every((i) => i.partnerId === null || expected.includes(i.partnerId))).toBe(true);
  });

  test('a partner\'s data issues follow it: 1003\'s dropped row is listed with 1003, not with 1004', async () => {
    const only = async (id: string): Promise<Doc> => JSON.parse((await runCli(['evaluate', SAMPLE, ...AS_OF, '--json', '--partner', id])).stdout) as Doc;
    expect((await only('1003')).issues.map((i) => i.cell)).toContain('E424');
    expect((await only('1004')).issues.map((i) => i.cell)).not.toContain('E424');
  });

  test('the summary shows that partner\'s row, counts and issues', async () => {
    const run = await runCli(['evaluate', SAMPLE, ...AS_OF, '--partner', '1003']);
    expect(run.code).toBe(0);
    const table = run.stdout.split('\n').filter((l) => /^\d{4} /.test(l));
    expect(table.map((l) => l.slice(0, 4))).toEqual(['1003']);
    expect(run.stdout).toContain('0 Gold, 1 Silver, 0 none; 0 at risk');
    expect(run.stdout).toMatch(/ {2}1003 {2}Revenue!E424/);
  });

  test('an id no partner has is bad usage (exit 2) naming some ids that exist', async () => {
    const run = await runCli(['evaluate', SAMPLE, ...AS_OF, '--partner', '999']);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe('competency: --partner "999": no partner has this id in the inputs (their ids: 1001, 1002, 1003, 1004, 1005, …)\n');
  });
});
