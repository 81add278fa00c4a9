/**
 * Reading one partner's rows (ReadOptions.onlyPartner, what MPN.LEVEL's first call does) must
 * give that partner exactly the status a read of every row gives: on random workbooks where other
 * partners' rows decide a column's date order, where partner ids are spelled as numbers, with
 * spaces or as errors, where a partner column is blank or missing, and with enough revenue and
 * exams that levels, slots, plans and holds-until all vary.
 */
import fc from 'fast-check';
import { LOCALES } from '../i18n';
import type { Cell } from './cells';
import { runOfRead } from './index';
import type { SheetInput, WorkbookInput } from './cells';
import { readWorkbook } from './read';

const anyOf = (...xs: Cell[]): fc.Arbitrary<Cell> => fc.constantFrom(...xs);
// Partner ids: the same partner as text, padded text and a number; a blank cell; an error.
const partnerId = fc.oneof({ weight: 8, arbitrary: anyOf('P1', 'P2', 1001) }, { weight: 2, arbitrary: anyOf(' P1', 'P2 ', 'p2', '1001', ' 1001 ', 'P10', '', null, '#N/A', ' #ref! ') });
const products = fc.oneof({ weight: 6, arbitrary: anyOf('CRM Online', 'Dynamics 365 Customer Engagement') }, anyOf('Dynamics 365 Plan 1', 'crm online', 'Office 365 E3', 'Azure', '', 'Mystery'));
// Dates in the TTM window and around it, as serials, ISO text and both orders of text; a day
// over 12 in any row (of any partner) makes the whole column day-first or month-first.
const dates = fc.oneof(
  { weight: 4, arbitrary: anyOf('2018-01-05', '2017-12-20', '2018-02-01') },
  anyOf('2018-03-15', '2017-06-10', '2017-03-01', '2018-05-01', '2016-11-30', '03/04/2018', '04/03/2018', '13/01/2018', '01/13/2018', '12.02.2018', 'Jan 2018', 'soon', '', null, '#N/A'),
  fc.integer({ min: 42600, max: 43300 }),
);
const amounts = fc.oneof(fc.integer({ min: 0, max: 400_000 }), anyOf('1.000,50', '$120,000.00', 'abc', '', null, Number.NaN));
const attributions = fc.oneof({ weight: 6, arbitrary: anyOf('DPOR', 'Yes') }, anyOf('CPOR', 'Transacting', '', null));
const people = fc.oneof({ weight: 6, arbitrary: anyOf('Ana', 'Bo', 'Cy') }, anyOf('ana ', 'Di', 'Eva', '', null));
const exams = fc.oneof(
  { weight: 8, arbitrary: anyOf('MB2-714', 'MB2-710', 'MB2-712', 'MB2-707', 'MB2-706') },
  anyOf('MB2-713', 'MB2-709', 'MB2-717', 'mb2 718', 'MB2-877', 'Exam MB2-706', 'MB2-715', 'MB2716', 'AZ-900', ''),
);
const certDates = fc.oneof({ weight: 6, arbitrary: anyOf('2017-06-01') }, anyOf('2016-01-10', '2018-04-01', '05/06/2017', '25/06/2017', '', null), fc.integer({ min: 41000, max: 43300 }));
const active = fc.oneof({ weight: 6, arbitrary: anyOf('Yes') }, anyOf('No', '', 'maybe', null));

const rows = (columns: readonly fc.Arbitrary<Cell>[], maxLength: number): fc.Arbitrary<Cell[][]> =>
  fc.array(fc.oneof({ weight: 12, arbitrary: fc.tuple(...columns).map((row) => row as Cell[]) }, { weight: 1, arbitrary: fc.constant([] as Cell[]) }), { maxLength, size: 'medium' });

// A partner column in every row, left blank in every row, or absent.
const revenueSheet = fc.constantFrom('ids', 'blank', 'none').chain((shape) => rows([shape === 'blank' ? anyOf(null) : partnerId, products, dates, amounts, attributions], 60)
  .map((r) => shape === 'none'
    ? [['Product', 'Date', 'Amount (USD)', 'DPOR'], ...r.map((row) => row.slice(1))]
    : [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ...r]));
const certSheet = fc.constantFrom('ids', 'ids', 'none').chain((shape) => rows([partnerId, people, exams, certDates, active], 60)
  .map((r) => shape === 'none'
    ? [['Individual', 'Exam', 'Date passed', 'Active'], ...r.map((row) => row.slice(1))]
    : [['Partner ID', 'Individual', 'Exam', 'Date passed', 'Active'], ...r]));
const partnerSheet = rows([partnerId, anyOf('Contoso', '', null), anyOf('Developed', 'Developing', '', 'Mars')], 6)
  .map((r) => [['Partner ID', 'Name', 'Market'], ...r]);

const workbookArb: fc.Arbitrary<WorkbookInput> = fc.record({
  revenue: fc.array(revenueSheet, { minLength: 1, maxLength: 2 }),
  certs: fc.array(certSheet, { minLength: 1, maxLength: 2 }),
  partners: fc.option(partnerSheet, { nil: undefined }),
  date1904: fc.boolean(),
}).map(({ revenue, certs, partners, date1904 }) => {
  const sheets: SheetInput[] = [
    ...revenue.map((values, i) => ({ name: `Revenue ${i}`, values })),
    ...certs.map((values, i) => ({ name: `Certs ${i}`, values })),
    ...(partners ? [{ name: 'Partners', values: partners }] : []),
  ];
  return { sheets, date1904 };
});

describe('reading one partner', () => {
  test('gives that partner the status a read of every row gives it, and finds the same tables', () => {
    let levels = 0;
    fc.assert(fc.property(
      workbookArb, fc.constantFrom(...LOCALES), fc.constantFrom('2018-03-15', '2017-10-20', '2018-08-01'), fc.constantFrom(undefined, 'developed', 'developing'),
      (workbook, locale, asOf, defaultMarket) => {
        const options = { locale, asOf, defaultMarket } as const;
        const all = runOfRead(readWorkbook(workbook, { locale }), options).evaluation;
        const ids = [...all.partners.map((p) => p.partnerId).filter((id): id is string => id !== null), 'P9'];
        for (const id of ids) {
          const read = readWorkbook(workbook, { locale, onlyPartner: id });
          const one = runOfRead(read, options).evaluation;
          const mine = one.partners.find((p) => p.partnerId === id);
          const expected = all.partners.find((p) => p.partnerId === id);
          expect(mine).toEqual(expected);
          expect(one.rulebook).toBe(all.rulebook);
          expect(read.missing).toEqual(readWorkbook(workbook, { locale }).missing);
          if (expected && expected.level !== 'none') levels++;
        }
      },
    ), { numRuns: 400 });
    // The data must reach levels, or the comparison says little.
    expect(levels).toBeGreaterThan(40);
  });

  test('reads only the rows whose partner cell reads as the id, numbers and padded text included', () => {
    const values: Cell[][] = [
      ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'],
      [1001, 'CRM Online', '2018-01-05', 10, 'Yes'],
      ['P2', 'CRM Online', '2018-01-05', 20, 'Yes'],
      [' 1001 ', 'CRM Online', '2018-01-05', 30, 'Yes'],
    ];
    const read = readWorkbook({ sheets: [{ name: 'Revenue', values }] }, { locale: 'en-US', onlyPartner: '1001' });
    expect(read.revenue.length).toBe(2);
    expect([...read.revenue.amountCents]).toEqual([1000, 3000]);
    expect(read.revenue.partnerIds).toEqual(['1001']);
  });
});
