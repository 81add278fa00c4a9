/**
 * Each distinct cell value is read once per column (CellMemo); these tests check that doing so
 * never changes an answer: on random workbooks whose columns repeat values in every spelling
 * that matters (text with spaces, numbers, -0, Dates, errors, dates in both orders, yes/no in
 * several languages), the memoised reading gives exactly the records, tables and data issues of
 * reading every cell afresh.
 */
import fc from 'fast-check';
import { LOCALES } from '../i18n';
import type { Cell } from './cells';
import type { SheetInput, WorkbookInput } from './cells';
import { readWorkbook } from './read';
import { CellMemo } from './table-reader';

describe('reading each distinct value once per column', () => {
  test('reads a repeated value once and answers it again', () => {
    let reads = 0;
    const memo = new CellMemo((c: Cell) => { reads++; return String(c); });
    expect([memo.get('a'), memo.get('a'), memo.get(7), memo.get(7), memo.get('7')]).toEqual(['a', 'a', '7', '7', '7']);
    expect(reads).toBe(3);
  });

  test('tells a Date, a number and text of the same value apart, and reads -0 and 0 afresh', () => {
    let reads = 0;
    const memo = new CellMemo((c: Cell) => { reads++; return c instanceof Date ? 'date' : typeof c === 'number' ? (Object.is(c, -0) ? '-0' : 'number') : 'text'; });
    const t = Date.UTC(2018, 2, 15);
    expect([memo.get(t), memo.get(new Date(t)), memo.get(String(t)), memo.get(new Date(t))]).toEqual(['number', 'date', 'text', 'date']);
    expect([memo.get(-0), memo.get(0), memo.get(-0)]).toEqual(['-0', 'number', '-0']);
    expect(reads).toBe(6);
  });

  test('read afresh, it calls the reader for every cell', () => {
    let reads = 0;
    const memo = new CellMemo((c: Cell) => { reads++; return c; }, true);
    memo.get('a'); memo.get('a');
    expect(reads).toBe(2);
  });

  // Pools with repeats, so memoised columns are hit again and again.
  const day = Date.UTC(2018, 2, 15);
  const anyOf = (...xs: Cell[]): fc.Arbitrary<Cell> => fc.constantFrom(...xs);
  const empty = anyOf(null, undefined, '', '   ');
  const errors = fc.oneof(anyOf('#N/A', ' #ref! ', '#VALUE!'), fc.constant(null).map(() => ({ error: '#DIV/0!' }) as Cell));
  const dates = fc.oneof(
    anyOf('2018-03-15', ' 2018-03-15', '2018-3-5', '03/04/2018', '04/03/2018', '13/04/2018', '04/13/2018', '03.04.2018', '15.03.18', 'Mar 2018', 'março 2018',
      '15 Mar 2018', 'Mar 15, 2018', '2018-03', '03/2018', '2018年3月15日', '2018. 3. 15.', '43174', 'soon', '0018-03-15', 43174, 43174.75, 60, 61, 0, -0, -1, 1e9, Number.NaN, true),
    fc.integer({ min: 0, max: 3 }).map((k) => new Date(day + k * 86400000) as Cell), // a new Date object per cell, same values
    fc.constant(null).map(() => new Date(Number.NaN) as Cell),
    empty, errors,
  );
  const yesNo = fc.oneof(anyOf('Yes', 'yes ', 'No', 'Sim', 'nein', '是', '아니요', 'sì', 'x', '-', 'maybe', 1, 0, -0, 2, true, false, 'DPOR', 'CPOR', 'dpor ', 'Transacting'), empty, errors);
  const text = fc.oneof(anyOf('P1', ' P1', 'P1 ', 'P2', 1001, 1001.5, -0, 0, Number.POSITIVE_INFINITY, true, 'CRM Online', 'crm  online', 'Office 365 E3', 'Ana Souza', ' ana  souza', 'MB2-714', 'mb2 718'), empty, errors);
  const money = fc.oneof(anyOf('$1,000.00', '1.000,50', 'US$ 50.000', '(12.50)', 'abc', 1000, -0, 0, 12.345, Number.NaN, 1e14), empty, errors);
  const market = fc.oneof(anyOf('Developed', 'Developing Markets', 'Mercati in sviluppo', 'Mars'), empty, errors);

  const tableArb = (headers: readonly string[], columns: readonly fc.Arbitrary<Cell>[], maxRows: number): fc.Arbitrary<Cell[][]> =>
    fc.array(fc.oneof({ weight: 9, arbitrary: fc.tuple(...columns).map((row) => row as Cell[]) }, { weight: 1, arbitrary: fc.constant([] as Cell[]) }), { maxLength: maxRows })
      .map((rows) => [[...headers], ...rows]);

  const revenueHeaders = fc.constantFrom(
    ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
    ['MPNId', 'Product', 'Month', 'RevenueUSD', 'PartnerAttributionType'],
    ['Product', 'Date', 'Amount'],
  );
  const revenueSheet = revenueHeaders.chain((h) => tableArb(h, h.map((name) => (
    /date|month/i.test(name) ? dates : /amount|revenue/i.test(name) ? money : /dpor|attribution/i.test(name) ? yesNo : text)), 40));
  const certHeaders = fc.constantFrom(
    ['Partner ID', 'Individual', 'Exam', 'Date passed', 'Active'],
    ['MPNId', 'IndividualEmail', 'TrainingTitle', 'TrainingCompletionDate'],
    ['MPNId', 'IndividualFirstName', 'IndividualLastName', 'MCPID', 'Exam', 'Date'],
  );
  const certSheet = certHeaders.chain((h) => tableArb(h, h.map((name) => (/date/i.test(name) ? dates : /active/i.test(name) ? yesNo : text)), 30));
  const partnerSheet = tableArb(['Partner ID', 'Name', 'Market'], [text, text, market], 8);
  const productSheet = tableArb(['Product', 'Counts'], [text, yesNo], 8);

  const workbookArb: fc.Arbitrary<WorkbookInput> = fc.record({
    revenue: fc.array(revenueSheet, { minLength: 1, maxLength: 2 }),
    certs: fc.array(certSheet, { maxLength: 2 }),
    partners: fc.option(partnerSheet, { nil: undefined }),
    products: fc.option(productSheet, { nil: undefined }),
    date1904: fc.boolean(),
  }).map(({ revenue, certs, partners, products, date1904 }) => {
    const sheets: SheetInput[] = [
      ...revenue.map((values, i) => ({ name: `Revenue ${i}`, values })),
      ...certs.map((values, i) => ({ name: `Certs ${i}`, values })),
      ...(partners ? [{ name: 'Partners', values: partners }] : []),
      ...(products ? [{ name: 'Products', values: products }] : []),
    ];
    return { sheets, date1904 };
  });

  test('gives the records, tables and data issues of reading every cell afresh', () => {
    fc.assert(fc.property(workbookArb, fc.constantFrom(...LOCALES), fc.boolean(), (workbook, locale, localeDecidesDates) => {
      const memoised = readWorkbook(workbook, { locale, localeDecidesDates });
      const afresh = readWorkbook(workbook, { locale, localeDecidesDates, eachCellAfresh: true });
      expect(memoised).toEqual(afresh);
    }), { numRuns: 300 });
  });
});
