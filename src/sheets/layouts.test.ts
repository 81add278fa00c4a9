/**
 * Ordinary layouts (issue 20), each family table-driven on files written by other writers than
 * ours (openpyxl-style parts, and the same files saved by LibreOffice): the right number, or a
 * data issue at the cell, never a silently different number.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CERT_HEADER, evaluateXlsx, levels, libreOfficeSaved, openpyxlXlsx, silverPasses, type TestSheets } from '../../test/support/layouts';
import { readBack, runCli, tempDir } from '../../test/support/cli';
import type { TestCell } from '../../test/support/xlsx';
import { readXlsxBytes } from '../xlsx/read';
import { findTables } from './headers';
import { isOutputSheet } from './read';
import { wholeOutputs } from './output';

/** Every case's workbook, saved once more by LibreOffice in one run (beforeAll). */
const files: Record<string, Uint8Array> = {};
let saved: Record<string, Uint8Array> = {};
const both = (name: string, sheets: TestSheets): string => { files[name] = openpyxlXlsx(sheets); return name; };
const writers = ['openpyxl', 'LibreOffice'] as const;
const bytesOf = (name: string, writer: (typeof writers)[number]): Uint8Array => {
  const b = writer === 'openpyxl' ? files[name] : saved[name];
  if (!b) throw new Error(`no ${writer} file ${name}`);
  return b;
};

const REV_HEADER: readonly TestCell[] = ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'Attribution'];

// 3. Attribution in words: the written-out and abbreviated forms of DPOR in the six languages count.
const ATTRIBUTIONS: [string, boolean][] = [
  ['DPOR', true], ['dpor', true], ['D.P.O.R.', true], ['Digital Partner of Record', true], ['digital partner of record (DPOR)', true],
  ['Parceiro Digital de Registro', true], ['Parceiro Digital de Registro (DPOR)', true], ['Digitaler Partner of Record', true],
  ['數位合作夥伴記錄', true], ['디지털 파트너 오브 레코드', true], ['Partner digitale di riferimento', true], ['DPOR（數位合作夥伴記錄）', true],
  ['CPOR', false], ['Transacting', false], ['Partner of Record', false],
];
const attributionFile = (value: string): string => both(`attr-${ATTRIBUTIONS.findIndex(([v]) => v === value)}`, {
  Revenue: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 120000, value]],
  Certifications: [CERT_HEADER, ...silverPasses('P1')],
});
const attributionCases = ATTRIBUTIONS.map(([value, counts]) => [attributionFile(value), value, counts] as const);
const cporFile = both('attr-cpor', {
  Revenue: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 120000, 'DPOR'], ['P1', 'CRM Online', '2018-01-11', 1000, 'CPOR'],
    ['P1', 'CRM Online', '2016-01-11', 500.5, 'cpor'], ['P1', 'CRM Online', '2018-02-11', 2000, 'Transacting']],
  Certifications: [CERT_HEADER, ...silverPasses('P1')],
});

// 1 and 2. Tables side by side, and unnamed columns inside a table.
const REVENUE_ROWS: TestCell[][] = [['P1', 'CRM Online', '2018-01-10', 120000, 'DPOR'], ['P2', 'Dynamics 365 Plan 1', '2017-12-01', 30000, 'DPOR'], ['P1', 'CRM Online', '2016-01-10', 999, 'DPOR']];
const CERT_ROWS: TestCell[][] = [...silverPasses('P1'), ...silverPasses('P2')];
const EXPECTED: [string, string, number][] = [['P1', 'silver', 120000], ['P2', 'none', 30000]];
/** Rows side by side: `left` then `gap` empty columns then `right`, padded to the longer. */
const beside = (left: readonly (readonly TestCell[])[], gap: number, right: readonly (readonly TestCell[])[]): TestCell[][] => {
  const width = Math.max(...left.map((r) => r.length));
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => {
    const l = [...(left[i] ?? [])];
    while (l.length < width + gap) l.push(null);
    return [...l, ...(right[i] ?? [])];
  });
};
/** A column with no header inserted at `col` of every row (`cell` gives its value per data row). */
const unnamedAt = (rows: readonly (readonly TestCell[])[], col: number, cell: (i: number) => TestCell): TestCell[][] =>
  rows.map((r, i) => [...r.slice(0, col), i === 0 ? null : cell(i), ...r.slice(col)]);
const revenue = [REV_HEADER, ...REVENUE_ROWS], certs = [CERT_HEADER, ...CERT_ROWS];
const LAYOUTS: [string, TestSheets][] = [
  ['revenue, one empty column, certifications', { Data: beside(revenue, 1, certs) }],
  ['revenue, two empty columns, certifications', { Data: beside(revenue, 2, certs) }],
  ['certifications, one empty column, revenue', { Data: beside(certs, 1, revenue) }],
  ['revenue, one empty column, a Partners table', { Data: beside(revenue, 1, [['Partner ID', 'Name', 'Market'], ['P1', 'Contoso', 'Developed'], ['P2', 'Fabrikam', 'Developed']]), C: certs }],
  ['revenue with an empty spacer column', { R: unnamedAt(revenue, 2, () => null), C: certs }],
  ['revenue with an unnamed notes column', { R: unnamedAt(revenue, 1, (i) => `note ${i}`), C: certs }],
  ['revenue with two unnamed columns', { R: unnamedAt(unnamedAt(revenue, 3, () => null), 3, (i) => i), C: certs }],
  ['certifications with an unnamed column, beside revenue', { Data: beside(unnamedAt(certs, 2, () => 'x'), 1, revenue) }],
  // Found by the property test (layouts.property.test.ts): the partner column split off, or no table at all.
  ['revenue with two spacer columns apart (Partner ID | | Product | | Date ...)', { R: unnamedAt(unnamedAt(revenue, 2, () => null), 1, () => null), C: certs }],
  ['revenue in three parts (Partner ID, Product | | Date | | Amount ...)', { R: unnamedAt(unnamedAt(revenue, 2, () => null), 4, () => null), C: certs }],
];
const layoutCases = LAYOUTS.map(([name, sheets], i) => [name, both(`layout-${i}`, sheets)] as const);

// 11. Harmless rows: totals, repeated headers, titles between stacked tables, accounting dashes.
// Amounts written as an accounting format's zero, as CSV exports and pasted text hold them.
const dashes: TestCell[][] = Array.from({ length: 55 }, (_, i) => ['P2', 'CRM Online', '2018-01-01', i % 2 === 0 ? '-' : '$ - ', 'DPOR']);
const HARMLESS: [string, TestSheets, string[]][] = [
  ['a "Total" row', { R: [...revenue, ['Total', null, null, 150999, null]], C: certs }, ['Totals row: not data, not counted']],
  ['a "Grand total" row after an empty row', { R: [...revenue, [], [null, 'Grand total', null, 150999]], C: certs }, ['Totals row: not data, not counted']],
  ['an Excel table total row (SUBTOTAL formula)', { R: [...revenue, ['Total', null, null, { f: 'SUBTOTAL(109,D2:D4)', v: 150999 }, null]], C: certs }, ['Totals row: not data, not counted']],
  ['"Summe", "合計" and "합계" rows', { R: [...revenue, ['Summe', null, null, 1], [null, '合計', null, 2], ['합계:', null, null, 3]], C: certs }, Array(3).fill('Totals row: not data, not counted') as string[]],
  // (Within the first 50 rows, or after an empty row, a repeated header starts a table of its own: harmless too.)
  ['the header row repeated past row 50', { R: [REV_HEADER, ...dashes, ...REVENUE_ROWS.slice(0, 1), REV_HEADER, ...REVENUE_ROWS.slice(1)], C: certs }, ['Header row repeated: not data, not counted']],
  // Found by the property test: the repeated header of the table on the right ended the revenue table beside it.
  ['the header of certifications beside revenue repeated', { Data: beside(revenue, 1, [CERT_HEADER, ...CERT_ROWS.slice(0, 1), CERT_HEADER, ...CERT_ROWS.slice(1)]) }, []],
  ['a title between stacked tables, past row 50, and accounting dashes', { Data: [revenue[0] as TestCell[], ...dashes, ...REVENUE_ROWS, [], ['Exams passed'], ...certs] }, ['Title above the next table: not data, not counted']],
];
const harmlessCases = HARMLESS.map(([name, sheets, reasons], i) => [name, both(`harmless-${i}`, sheets), reasons] as const);

// 5. Dates written as digits are months or days; a date that cannot be real is a data issue.
const DATES: [string, TestCell, [string, string, number][], string[]][] = [
  ['201801 as a number', 201801, [['P1', 'silver', 120000]], []],
  ['"201801" as text', '201801', [['P1', 'silver', 120000]], []],
  ['20180110 as a number', 20180110, [['P1', 'silver', 120000]], []],
  ['"20180110" as text', '20180110', [['P1', 'silver', 120000]], []],
  ['201806: June 2018, after the as-of date', 201806, [['P1', 'none', 0]], []],
  ['serial 80000 (the year 2119)', 80000, [['P1', 'none', 0]], ['date.invalid@C2']],
  ['"2452-07-01"', '2452-07-01', [['P1', 'none', 0]], ['date.invalid@C2']],
];
const dateCases = DATES.map(([name, date, expected, issues], i) => [name, both(`date-${i}`, {
  R: [REV_HEADER, ['P1', 'CRM Online', date, 120000, 'DPOR']], C: [CERT_HEADER, ...silverPasses('P1')],
}), expected, issues] as const);

// 4. Amounts: the decimal separator per column from its values; the US$ column of several.
const AMOUNTS: [string, readonly TestCell[], TestCell[][], number, string[]][] = [
  ['"1.234,56" decides that "50.000" is fifty thousand', REV_HEADER, [['P1', 'CRM Online', '2018-01-10', '1.234,56', 'DPOR'], ['P1', 'CRM Online', '2018-01-11', '50.000', 'DPOR'], ['P1', 'CRM Online', '2018-01-12', '50.000', 'DPOR']], 101234.56, []],
  ['"50.000" after "1,234.56" (a decimal point) is fifty', REV_HEADER, [['P1', 'CRM Online', '2018-01-10', '1,234.56', 'DPOR'], ['P1', 'CRM Online', '2018-01-11', '50.000', 'DPOR']], 1284.56, []],
  ['"50.000,5" and "1.000"', REV_HEADER, [['P1', 'CRM Online', '2018-01-11', '1.000', 'DPOR'], ['P1', 'CRM Online', '2018-01-10', '50.000,5', 'DPOR']], 51000.5, []],
  ['"Amount (BRL)" then "Amount (USD)": the US$ column', ['Partner ID', 'Product', 'Date', 'Amount (BRL)', 'Amount (USD)', 'Attribution'], [['P1', 'CRM Online', '2018-01-10', 600000, 120000, 'DPOR']], 120000, ['column.amount-chosen@E1']],
  ['"Amount (USD)" then "Amount (BRL)": the US$ column', ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'Amount (BRL)', 'Attribution'], [['P1', 'CRM Online', '2018-01-10', 120000, 600000, 'DPOR']], 120000, ['column.amount-chosen@D1']],
];
const amountCases = AMOUNTS.map(([name, header, rows, ttm, issues], i) => [name, both(`amount-${i}`, {
  R: [header, ...rows], C: [CERT_HEADER, ...silverPasses('P1')],
}), ttm, issues] as const);

// 7. Exams by their official titles without a code, and several codes in one cell.
const EXAMS: [string, TestCell[][]][] = [
  ['official titles without the code', [['P1', 'Ana Souza', 'Microsoft Dynamics CRM 2016 Customer Service', '2017-09-01'], ['P1', 'Ana Souza', 'Microsoft Dynamics CRM 2016 Online Deployment', '2017-09-01'], ['P1', 'Bruno Lima', 'Microsoft Dynamics CRM 2016 Customization and Configuration', '2017-09-01']]],
  ['"MB2-714, MB2-710" in one cell', [['P1', 'Ana Souza', 'MB2-714, MB2-710', '2017-09-01'], ['P1', 'Bruno Lima', 'MB2-712', '2017-09-01']]],
  ['"MB2-714; mb2 710" in one cell', [['P1', 'Ana Souza', 'MB2-714; mb2 710', '2017-09-01'], ['P1', 'Bruno Lima', 'MB2-712', '2017-09-01']]],
  ['"MB2-714 and MB2-710" in one cell', [['P1', 'Ana Souza', 'MB2-714 and MB2-710', '2017-09-01'], ['P1', 'Bruno Lima', 'MB2-712', '2017-09-01']]],
];
const examCases = EXAMS.map(([name, rows], i) => [name, both(`exam-${i}`, {
  R: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 120000, 'DPOR']], C: [CERT_HEADER, ...rows],
})] as const);

// 9. A formula saved without its result (openpyxl writes no cached value; LibreOffice computes it).
const formulaFile = both('formula-no-result', {
  R: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', { f: '60000*2' }, 'DPOR'], ['P1', 'CRM Online', '2018-01-11', 1000, 'DPOR']],
  C: [CERT_HEADER, ...silverPasses('P1')],
});

// 8. Hidden sheets are not read, and always named.
files['hidden-sheets'] = openpyxlXlsx({
  R: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 60000, 'DPOR']], 'Old revenue': [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 60000, 'DPOR']],
  Archive: [['nothing here']], C: [CERT_HEADER, ...silverPasses('P1')],
}, { hidden: { 'Old revenue': 'hidden', Archive: 'veryHidden' } });

// 6. People are the same whatever the encoding of their names.
const joseFile = both('people-nfc', {
  R: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 120000, 'DPOR']],
  C: [CERT_HEADER, ['P1', 'Jos\u00e9 Lima', 'MB2-714', '2017-09-01'], ['P1', 'Jose\u0301 Lima', 'MB2-710', '2017-09-01'], ['P1', 'Bruno Lima', 'MB2-712', '2017-09-01']],
});

// 6. Partner ids of digits are numbers: 123, "00123", "1,234,567", "1234567.0" and 1234567 are two partners.
const partnerIdsFile = both('partner-ids', {
  R: [REV_HEADER, [123, 'CRM Online', '2018-01-10', 60000, 'DPOR'], ['00123', 'CRM Online', '2018-01-11', 60000, 'DPOR'], ['1,234,567', 'CRM Online', '2018-01-10', 120000, 'DPOR']],
  C: [CERT_HEADER, ...silverPasses('00123'), ...silverPasses(1234567)],
  P: [['Partner ID', 'Name', 'Market'], ['1234567.0', 'Contoso', 'Developing'], ['123', 'Fabrikam', 'Developed']],
});

// 6. One person however the rows name them: with and without an e-mail or MCP ID, and in
// spellings that differ only in accents, case or spaces (with a warning naming both).
const P_HEADER: readonly TestCell[] = ['Partner ID', 'Name', 'E-mail', 'Exam', 'Date passed'];
const PEOPLE: [string, readonly TestCell[], TestCell[][], string, string[]][] = [
  ['one name with and without an e-mail', P_HEADER, [['P1', 'Ana Souza', 'ana@x.com', 'MB2-714'], ['P1', 'Ana Souza', null, 'MB2-710'], ['P1', 'Bruno Lima', 'bruno@x.com', 'MB2-712']], 'silver', []],
  ['a name alone first, then with an MCP ID', ['Partner ID', 'Name', 'MCP ID', 'Exam', 'Date passed'], [['P1', 'Ana Souza', null, 'MB2-714'], ['P1', 'ana souza', 12345, 'MB2-710'], ['P1', 'Bruno Lima', null, 'MB2-712']], 'silver',
    ['individual.spelling@B3: "ana souza" and "Ana Souza" are read as one person (names are compared without accents, case or spaces)']],
  ['accents, case and spaces', P_HEADER, [['P1', 'José Lima', null, 'MB2-714'], ['P1', ' jose  LIMA', null, 'MB2-710'], ['P1', 'Bruno Lima', null, 'MB2-712'], ['P1', 'José Lima', null, 'MB2-714']], 'silver',
    ['individual.spelling@B3: "jose  LIMA" and "José Lima" are read as one person (names are compared without accents, case or spaces)']],
  ['an e-mail row with accents, a name alone without', P_HEADER, [['P1', 'José Lima', 'jl@x.com', 'MB2-714'], ['P1', 'Jose Lima', null, 'MB2-710'], ['P1', 'Bruno Lima', 'b@x.com', 'MB2-712']], 'silver',
    ['individual.spelling@B3: "Jose Lima" and "José Lima" are read as one person (names are compared without accents, case or spaces)']],
  ['first and last names, with and without an e-mail', ['Partner ID', 'First name', 'Last name', 'Email', 'Exam', 'Date passed'], [['P1', 'Ana', 'Souza', 'ana@x.com', 'MB2-714', '2017-09-01'], ['P1', 'Ána', 'souza', null, 'MB2-710', '2017-09-01'], ['P1', 'Bruno', 'Lima', null, 'MB2-712', '2017-09-01']], 'silver',
    ['individual.spelling@B3: "Ána souza" and "Ana Souza" are read as one person (names are compared without accents, case or spaces)']],
  ['two people of one name, each with an e-mail, stay two', P_HEADER, [['P1', 'Ana Souza', 'ana1@x.com', 'MB2-714'], ['P1', 'Ana Souza', 'ana1@x.com', 'MB2-710'], ['P1', 'Ana Souza', 'ana2@x.com', 'MB2-712']], 'silver', []],
  ['a name alone that two people with an e-mail have is not guessed', P_HEADER, [['P1', 'Ana Souza', 'ana1@x.com', 'MB2-714'], ['P1', 'Ana Souza', 'ana2@x.com', 'MB2-712'], ['P1', 'Ana Souza', null, 'MB2-710']], 'none',
    ['individual.ambiguous@B4: "Ana Souza" has no MCP ID or e-mail, and 2 people with one have this name: read as a person of their own; add the MCP ID or e-mail to say who it is']],
  ['an MCP ID on one row and an e-mail on another, linked by a row with both', ['Partner ID', 'Name', 'MCP ID', 'E-mail', 'Exam', 'Date passed'], [['P1', 'Ana', 777, null, 'MB2-714', '2017-09-01'], ['P1', 'Ana', null, 'ana@x.com', 'MB2-710', '2017-09-01'], ['P1', 'Ana', 777, 'ana@x.com', 'MB2-714', '2017-09-02'], ['P1', 'Bruno', 778, null, 'MB2-712', '2017-09-01']], 'silver', []],
];
const peopleCases = PEOPLE.map(([name, header, rows, level, issues], i) => [name, both(`people-${i}`, {
  R: [REV_HEADER, ['P1', 'CRM Online', '2018-01-10', 120000, 'DPOR']],
  C: [header, ...rows.map((r) => (r.length === header.length ? r : [...r, '2017-09-01']))],
}), level, issues] as const);

beforeAll(() => { saved = libreOfficeSaved(files); }, 180_000);

describe('1 and 2. status columns never touch another table, and a re-run finds the same tables', () => {
  const tablesOf = (bytes: Uint8Array): string[] => readXlsxBytes(bytes).sheets.filter((s) => !isOutputSheet(s.name)).flatMap((s) => findTables(s.name, s.values).map((t) => `${s.name}!${t.kind}:${t.firstCol}-${t.lastCol}`));
  test.each(layoutCases)('%s', async (_name, file) => {
    const dir = tempDir(), input = path.join(dir, 'in.xlsx'), out1 = path.join(dir, 'out1.xlsx'), out2 = path.join(dir, 'out2.xlsx');
    writeFileSync(input, bytesOf(file, 'openpyxl'));
    const first = await runCli(['evaluate', input, '--as-of', '2018-03-15', '--market', 'developed', '--out', out1, '--json']);
    const second = await runCli(['evaluate', out1, '--as-of', '2018-03-15', '--market', 'developed', '--out', out2, '--json']);
    expect([first.code, second.code]).toEqual([0, 0]);
    const partners = (run: { stdout: string }): unknown => (JSON.parse(run.stdout) as { partners: { partnerId: string; level: string; ttmRevenueUsd: number }[] }).partners.map((p) => [p.partnerId, p.level, p.ttmRevenueUsd]);
    expect(partners(first)).toEqual(EXPECTED);
    expect(partners(second)).toEqual(EXPECTED);
    const inputTables = tablesOf(bytesOf(file, 'openpyxl'));
    expect(tablesOf(new Uint8Array(readFileSync(out1)))).toEqual(inputTables);
    expect(await readBack(out2)).toEqual(await readBack(out1));
  }, 60_000);
});

describe.each(writers)('files written by %s', (writer) => {
  describe('1 and 2. tables side by side, unnamed columns inside a table', () => {
    test.each(layoutCases)('%s', (_name, file) => {
      const run = evaluateXlsx(bytesOf(file, writer));
      expect(levels(run)).toEqual(EXPECTED);
      expect(run.read.tables.filter((t) => t.ref.kind !== 'partners')).toHaveLength(2);
      expect(run.issues.filter((i) => i.severity === 'error')).toEqual([]);
    });
  });

  describe('11. harmless rows are never counted and never an error', () => {
    test.each(harmlessCases)('%s', (_name, file, reasons) => {
      const run = evaluateXlsx(bytesOf(file, writer));
      expect(levels(run)).toEqual(EXPECTED);
      expect(run.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(run.issues.filter((i) => i.table === 'revenue')).toEqual([]);
      // What the status column says of the harmless rows, in order.
      const status = wholeOutputs(run.outputs()).statusColumns[0]?.values ?? [];
      expect(status.slice(1).map((r) => String(r[1] ?? '')).filter((r) => r.includes('not data'))).toEqual(reasons);
    });
  });

  describe('5. dates as digits, and dates that cannot be real', () => {
    test.each(dateCases)('%s', (_name, file, expected, issues) => {
      const run = evaluateXlsx(bytesOf(file, writer));
      expect(levels(run)).toEqual(expected);
      expect(run.issues.filter((i) => i.table === 'revenue').map((i) => `${i.code}@${i.cell ?? ''}`)).toEqual(issues);
    });
  });

  describe('4. amounts', () => {
    test.each(amountCases)('%s', (_name, file, ttm, issues) => {
      const run = evaluateXlsx(bytesOf(file, writer));
      expect(run.evaluation.partners.map((p) => p.ttmRevenueCents / 100)).toEqual([ttm]);
      expect(run.issues.filter((i) => i.table === 'revenue').map((i) => `${i.code}@${i.cell ?? ''}`)).toEqual(issues);
    });
  });

  describe('7. exams', () => {
    test.each(examCases)('%s', (_name, file) => {
      const run = evaluateXlsx(bytesOf(file, writer));
      expect(levels(run)).toEqual([['P1', 'silver', 120000]]);
      expect(run.issues.filter((i) => i.table === 'certifications')).toEqual([]);
    });

    test('a cell naming two exams shows the status of each pass, by its code', () => {
      const run = evaluateXlsx(bytesOf(examCases[1]?.[1] ?? '', writer));
      const status = wholeOutputs(run.outputs()).statusColumns.find((s) => s.sheet === 'C')?.values ?? [];
      expect(status.slice(1, 3).map((r) => r.map(String))).toEqual([
        ['MB2-714: application + deployment (Silver); MB2-710: application + deployment (Silver)', 'MB2-714: Counted; MB2-710: Counted'],
        ['customization (Silver)', 'Counted'],
      ]);
    });
  });

  test('9. a formula without a saved result says so (and counts once a program has computed it)', () => {
    const run = evaluateXlsx(bytesOf(formulaFile, writer));
    if (writer === 'openpyxl') {
      expect(levels(run)).toEqual([['P1', 'none', 1000]]);
      expect(run.issues.filter((i) => i.table === 'revenue').map((i) => [i.severity, i.code, i.cell, i.message])).toEqual([
        ['error', 'cell.formula-no-result', 'D2', 'Formula without a saved result: open and save the file in Excel; the row is dropped'],
      ]);
    } else {
      expect(levels(run)).toEqual([['P1', 'silver', 121000]]);
    }
  });

  test('8. hidden and very hidden sheets are not read, and a warning names them', () => {
    const run = evaluateXlsx(bytesOf('hidden-sheets', writer));
    expect(levels(run)).toEqual([['P1', 'none', 60000]]);
    expect(run.issues.filter((i) => i.code === 'workbook.hidden-sheets').map((i) => [i.severity, i.message])).toEqual([
      ['warning', 'Hidden sheets are not read: "Old revenue", "Archive"; unhide a sheet to count what it holds'],
    ]);
  });

  test('6. "José" typed in NFC and in NFD is one person', () => {
    expect(levels(evaluateXlsx(bytesOf(joseFile, writer)))).toEqual([['P1', 'silver', 120000]]);
  });

  test('6. partner ids of digits are one partner however written, with a warning naming both spellings', () => {
    const run = evaluateXlsx(bytesOf(partnerIdsFile, writer));
    expect(levels(run)).toEqual([['123', 'silver', 120000], ['1234567', 'silver', 120000]]);
    expect(run.evaluation.partners.map((p) => [p.name, p.market])).toEqual([['Fabrikam', 'developed'], ['Contoso', 'developing']]);
    expect(run.issues.map((i) => [i.code, `${i.sheet ?? ''}!${i.cell ?? ''}`, i.partnerId, i.message])).toEqual([
      ['partner.spelling', 'R!A3', '123', 'Partner ID "00123" is the same partner as "123" (an ID of digits is its number): both are read as 123'],
      ['partner.spelling', 'C!A5', '1234567', 'Partner ID "1234567" is the same partner as "1,234,567" (an ID of digits is its number): both are read as 1234567'],
      ['partner.spelling', 'P!A2', '1234567', 'Partner ID "1234567.0" is the same partner as "1,234,567" (an ID of digits is its number): both are read as 1234567'],
    ]);
  });

  describe('6. one person however the rows name them', () => {
    test.each(peopleCases)('%s', (_name, file, level, issues) => {
      const run = evaluateXlsx(bytesOf(file, writer));
      expect(levels(run)).toEqual([['P1', level, 120000]]);
      expect(run.issues.filter((i) => i.table === 'certifications').map((i) => `${i.code}@${i.cell ?? ''}: ${i.message}`)).toEqual(issues);
    });
  });

  describe('3. attribution in words', () => {
    test.each(attributionCases)('%s: "%s" counts: %p', (name, _value, counts) => {
      const run = evaluateXlsx(bytesOf(name, writer));
      expect(levels(run)).toEqual([['P1', counts ? 'silver' : 'none', counts ? 120000 : 0]]);
      expect(run.issues.filter((i) => i.code === 'attribution.not-accepted')).toHaveLength(counts ? 0 : 1);
    });

    test('every other value gets one warning at its first cell, with its rows and amount', () => {
      const run = evaluateXlsx(bytesOf(cporFile, writer));
      expect(levels(run)).toEqual([['P1', 'silver', 120000]]);
      const warnings = run.issues.filter((i) => i.code === 'attribution.not-accepted');
      expect(warnings.map((i) => [i.severity, i.sheet, i.cell, i.message])).toEqual([
        ['warning', 'Revenue', 'E3', 'Attribution "CPOR" is not DPOR: 2 rows, US$ 1,500.50 (US$ 1,000.00 in the 12-month window) not counted'],
        ['warning', 'Revenue', 'E5', 'Attribution "Transacting" is not DPOR: 1 row, US$ 2,000.00 (US$ 2,000.00 in the 12-month window) not counted'],
      ]);
    });
  });
});
