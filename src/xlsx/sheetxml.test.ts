import fc from 'fast-check';
import { columnLetters } from '../cells';
import { EMPTY_STYLES, addOutStyles, cellXml, columnStyle, numberText, tableSheetXml } from './sheetxml';
import type { WriteCell, WriteFormat, WriteTable } from './model';
import { SharedStrings } from './sst';

describe('numberText', () => {
  test('is String(v) for every finite number: amounts of whole cents, fractions of a cent, 0, -0, huge and tiny numbers', () => {
    const cases = [0, -0, 0.01, -0.01, 0.1, 0.015, 1.005, 12.3, -0.05, 780502.36, 99999999999.99, 9999999999999.99, 1e13, 1e15, 1e21, 1e-7, 123456789012.345, 2 ** 53, -(2 ** 31)];
    for (const v of cases) expect(numberText(v)).toBe(String(v));
    fc.assert(fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), (c) => { expect(numberText(c / 100)).toBe(String(c / 100)); }), { numRuns: 5000 });
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => { expect(numberText(v)).toBe(String(v)); }), { numRuns: 5000 });
    for (let c = -20000; c <= 20000; c++) expect(numberText(c / 100)).toBe(String(c / 100));
  });
});

const cellArb: fc.Arbitrary<WriteCell> = fc.oneof(
  fc.constant(null), fc.constant(''), fc.constantFrom('Gold', 'Yes', 'a < b & "c"', '_x0041_', 'a\u0001b'), fc.string({ maxLength: 6 }),
  fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((c) => c / 100), fc.double(), fc.constantFrom(NaN, Infinity, -0), fc.boolean(),
  fc.constantFrom('2018-03-15', '1899-12-31', '1900-02-28', '2018-02-30', 'not a day').map((date) => ({ date })),
  fc.record({ text: fc.string({ maxLength: 4 }), link: fc.record({ sheet: fc.constantFrom('Revenue', "Partner's"), cell: fc.constantFrom('A1', 'C3') }) }),
);
const FORMATS: readonly WriteFormat[] = ['text', 'usd', 'date', 'bool', 'int'];

/** The data rows as cellXml writes each cell, the way tableSheetXml wrote them before it made its cells itself. */
function rowsByCellXml(table: WriteTable, date1904: boolean, strings: SharedStrings | undefined): string {
  const { styles } = addOutStyles(EMPTY_STYLES);
  let out = '';
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows.row(r);
    let cells = '';
    table.columns.forEach((c, i) => {
      const v = row[i] ?? null;
      if (v === null || v === '') return;
      const ref = `${columnLetters(i)}${r + 2}`;
      if (typeof v === 'object' && 'link' in v) cells += cellXml(ref, v.text, styles.link, date1904, '', strings);
      else cells += cellXml(ref, v, typeof v === 'string' ? 0 : columnStyle(styles, c.format), date1904, '', strings);
    });
    out += `<row r="${r + 2}">${cells}</row>`;
  }
  return out;
}

test('an output sheet\'s rows hold each cell as cellXml writes it (texts shared or inline, numbers, yes/no, dates, links, nothing for empty cells)', () => {
  const tableArb = fc.record({
    formats: fc.array(fc.constantFrom(...FORMATS), { minLength: 1, maxLength: 30 }),
    rows: fc.array(fc.array(cellArb, { maxLength: 30 }), { maxLength: 12 }),
    date1904: fc.boolean(), shared: fc.boolean(),
  });
  fc.assert(fc.property(tableArb, ({ formats, rows, date1904, shared }) => {
    const table: WriteTable = {
      sheetName: 'Competency Status', tableName: 'CompetencyStatus',
      columns: formats.map((format, i) => ({ header: `H${i}`, format })),
      rows: { length: rows.length, row: (i) => [...(rows[i] ?? [])] },
    };
    const { styles } = addOutStyles(EMPTY_STYLES);
    const xml = [...tableSheetXml(table, { styles, date1904, strings: shared ? new SharedStrings() : undefined })].join('');
    const data = xml.slice(xml.indexOf('</row>') + '</row>'.length, xml.indexOf('</sheetData>'));
    // The header row's texts are numbered first, as in the sheet.
    const strings = shared ? new SharedStrings() : undefined;
    table.columns.forEach((c, i) => cellXml(`${columnLetters(i)}1`, c.header, styles.header, date1904, '', strings));
    expect(data).toBe(rowsByCellXml(table, date1904, strings));
  }), { numRuns: 300 });
});
