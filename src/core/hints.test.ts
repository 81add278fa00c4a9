/** The as-of hint: a workbook whose rows are far from the as-of date says so, with the day to use instead. */
import { evaluate, type RevenueRecord } from './index';

const row = (date: string, over: Partial<RevenueRecord> = {}): RevenueRecord => ({ partnerId: 'P1', product: 'CRM Online', date, amountCents: 100, attribution: 'DPOR', ...over });
const hintOf = (asOf: string, revenue: RevenueRecord[]): unknown => evaluate({ asOf, revenue, certifications: [] }).notes.find((n) => n.code === 'as-of.no-counted-revenue');

describe('as-of far from the data', () => {
  test('says the latest row that would count when no counted row lies in the window', () => {
    expect(hintOf('2026-11-23', [row('2017-09-01'), row('2018-06-27'), row('2018-02-01', { partnerId: 'P2' })]))
      .toEqual({ code: 'as-of.no-counted-revenue', asOf: '2026-11-23', windowStart: '2025-12-01', latest: '2018-06-27' });
  });

  test('points forward too, when every row is after the as-of date', () => {
    expect(hintOf('2017-01-15', [row('2018-03-01'), row('2018-01-01')])).toMatchObject({ latest: '2018-03-01' });
  });

  test('ignores rows that could not count on any day (product, attribution, unreadable amount)', () => {
    expect(hintOf('2026-11-23', [row('2018-06-27', { product: 'Azure' }), row('2018-06-28', { attribution: 'none' }), row('2018-06-29', { amountCents: Number.NaN }), row('2017-01-01')]))
      .toMatchObject({ latest: '2017-01-01' });
    expect(hintOf('2026-11-23', [row('2018-06-27', { product: 'Azure' })])).toBeUndefined();
  });

  test('says nothing when any row counts, or when there are no rows', () => {
    expect(hintOf('2018-06-30', [row('2018-06-27'), row('2016-01-01')])).toBeUndefined();
    expect(hintOf('2018-06-30', [])).toBeUndefined();
  });
});
