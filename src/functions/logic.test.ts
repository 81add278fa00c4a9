/**
 * The single-value functions read, on ranges not seen before, only the named partner's rows (so a
 * workbook's first MPN.LEVEL is fast). Whatever the order of calls, every answer, errors
 * included, must be the one an evaluation of every row gives.
 */
import fc from 'fast-check';
import * as logic from './logic';

const ctx: logic.CallContext = { locale: 'en-US', today: () => '2018-03-15' };
const anyOf = (...xs: unknown[]): fc.Arbitrary<unknown> => fc.constantFrom(...xs);
// Partner ids as text, numbers, padded text, entities (linked data types), blanks and errors.
const entity = (id: string): unknown => ({ type: 'Entity', text: id, basicType: 'Error', basicValue: '#VALUE!' });
const partnerCell = fc.oneof({ weight: 8, arbitrary: anyOf('P1', 'P2', 1001) }, { weight: 2, arbitrary: anyOf(' P1', '1001', 'P10', '', null, '#N/A', entity('P2'), entity('P10')) });
const revenueRow = fc.tuple(
  partnerCell,
  fc.oneof({ weight: 6, arbitrary: anyOf('CRM Online', 'Dynamics 365 Customer Engagement') }, anyOf('Azure', '', 'Mystery')),
  fc.oneof({ weight: 4, arbitrary: anyOf('2018-01-05', '2017-12-20', 43105) }, anyOf('03/04/2018', '13/01/2018', '2016-11-30', 'soon', '')),
  fc.oneof(fc.integer({ min: 0, max: 400_000 }), anyOf('abc', '', null)),
  fc.oneof({ weight: 6, arbitrary: anyOf('DPOR', 'Yes') }, anyOf('CPOR', '', null)),
);
const certRow = fc.tuple(
  partnerCell,
  fc.oneof({ weight: 6, arbitrary: anyOf('Ana', 'Bo', 'Cy') }, anyOf('ana ', 'Di', '', null)),
  fc.oneof({ weight: 8, arbitrary: anyOf('MB2-714', 'MB2-710', 'MB2-712', 'MB2-707', 'MB2-706') }, anyOf('MB2-716', 'AZ-900', '')),
  fc.oneof({ weight: 6, arbitrary: anyOf('2017-06-01', 42887) }, anyOf('05/06/2017', '25/06/2017', '2018-04-01', '', null)),
  fc.oneof({ weight: 6, arbitrary: anyOf('Yes') }, anyOf('No', '', null)),
);
const revenueRange = fc.array(revenueRow, { maxLength: 50, size: 'medium' }).map((rows) => [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ...rows] as unknown[][]);
const certRange = fc.array(certRow, { maxLength: 50, size: 'medium' }).map((rows) => [['Partner ID', 'Individual', 'Exam', 'Date passed', 'Active'], ...rows] as unknown[][]);

type Call = 'level' | 'ttmRevenue' | 'revenueGap' | 'examsMet' | 'examPlan';
const callArb = fc.record({
  fn: fc.constantFrom<Call>('level', 'ttmRevenue', 'revenueGap', 'examsMet', 'examPlan'),
  id: anyOf('P1', 'P2', '1001', 1001, ' P1 ', 'P9', null, entity('P2')),
  level: anyOf('Silver', 'Gold', null),
  market: anyOf('Developed', 'Developing', null),
});

/** The answer of one call, or its error as data. */
function answer(run: () => unknown): unknown {
  try { return run(); } catch (e) { if (e instanceof logic.FunctionError) return { error: e.kind, message: e.message }; throw e; }
}

function call(c: { fn: Call; id: unknown; level: unknown; market: unknown }, revenue: unknown[][], certs: unknown[][], asOf: string): unknown {
  const copy = (r: unknown[][]): unknown[][] => r.map((row) => [...row]); // Excel passes fresh arrays each time
  switch (c.fn) {
    case 'level': return answer(() => logic.level(copy(revenue), copy(certs), c.market, asOf, c.id, ctx));
    case 'ttmRevenue': return answer(() => logic.ttmRevenue(copy(revenue), asOf, c.id, ctx));
    case 'revenueGap': return answer(() => logic.revenueGap(copy(revenue), c.level, c.market, asOf, c.id, ctx));
    case 'examsMet': return answer(() => logic.examsMet(copy(certs), c.level ?? 'Silver', asOf, c.id, ctx));
    case 'examPlan': return answer(() => logic.examPlan(copy(certs), c.level, asOf, c.id, ctx));
  }
}

describe('answers about one partner', () => {
  test('are those of an evaluation of every row, in any order of calls', () => {
    let substantive = 0;
    fc.assert(fc.property(revenueRange, certRange, fc.array(callArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('2018-03-15', '2017-10-20'), (revenue, certs, calls, asOf) => {
      // Reference: each call after every row was read (a call without a partner id reads them all).
      const expected = calls.map((c) => {
        logic.clearCache();
        call({ ...c, id: null }, revenue, certs, asOf);
        return call(c, revenue, certs, asOf);
      });
      // Under test: the calls in order on an empty cache, as a workbook's first recalculation makes them.
      logic.clearCache();
      const got = calls.map((c) => call(c, revenue, certs, asOf));
      expect(got).toEqual(expected);
      substantive += expected.filter((a) => a === 'Silver' || a === 'Gold' || a === true || (typeof a === 'number' && a > 0)).length;
    }), { numRuns: 300 });
    // The data reaches levels, met exams and revenue, or the comparison says little.
    expect(substantive).toBeGreaterThan(100);
  });

  test('read only the named partner on ranges not seen before, and every row once another partner is asked about', () => {
    const revenue = [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', 320000, 'Yes'], ['P2', 'CRM Online', '2018-01-05', 120000, 'Yes']];
    const certs = [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01'], ['P2', 'Bo', 'MB2-712', '2017-06-01']];
    logic.clearCache();
    const before = logic.parseCount();
    expect(logic.ttmRevenue(revenue, '2018-03-15', 'P1', ctx)).toBe(320000);
    expect(logic.ttmRevenue(revenue, '2018-03-15', 'P2', ctx)).toBe(120000);
    expect(logic.ttmRevenue(revenue, '2018-03-15', 'P1', ctx)).toBe(320000);
    expect(logic.parseCount() - before).toBe(1);
    expect(logic.examsMet(certs, 'Silver', '2018-03-15', 'P2', ctx)).toBe(false);
    expect(answer(() => logic.level(revenue, certs, null, '2018-03-15', 'P9', ctx))).toEqual({ error: 'na', message: 'partnerId: no rows for partner "P9"' });
  });
});

