/**
 * The column builders intern values in first-sight order and people per partner; checked with
 * fast-check against a plain model written here (one map per value, a "partner + key" string per
 * person), so the builders' shortcuts (the last value asked for, a map of people per partner,
 * each person text normalised once) cannot change an index.
 */
import fc from 'fast-check';
import { CertificationColumnsBuilder, RevenueColumnsBuilder, individualKey } from './columns';

const firstSight = (values: readonly string[]): { list: string[]; index: number[] } => {
  const list: string[] = [];
  const index = values.map((v) => { let i = list.indexOf(v); if (i < 0) { i = list.length; list.push(v); } return i; });
  return { list, index };
};

describe('column builders', () => {
  const text = fc.constantFrom('P1', 'P2', '', 'CRM Online', 'crm online', 'DPOR', 'Ana Souza', ' ana  souza', 'ANA SOUZA', 'Bo Lima', 'bo lima ', '1001');

  test('revenue values get their index in first-sight order, repeated or not', () => {
    fc.assert(fc.property(fc.array(fc.tuple(text, text, text), { maxLength: 60 }), (rows) => {
      const b = new RevenueColumnsBuilder(1);
      for (const [p, product, a] of rows) b.add(p, product, 17_000, 100, a);
      const cols = b.build();
      const partners = firstSight(rows.map((r) => r[0])), products = firstSight(rows.map((r) => r[1])), attributions = firstSight(rows.map((r) => r[2]));
      expect([cols.partnerIds, Array.from(cols.partner)]).toEqual([partners.list, partners.index]);
      expect([cols.products, Array.from(cols.product)]).toEqual([products.list, products.index]);
      expect([cols.attributions, Array.from(cols.attribution)]).toEqual([attributions.list, attributions.index]);
    }));
  });

  test('a person is one per partner and key, shown as first written', () => {
    fc.assert(fc.property(fc.array(fc.tuple(text, text, fc.option(text, { nil: undefined })), { maxLength: 60 }), (rows) => {
      const b = new CertificationColumnsBuilder(1);
      for (const [p, person, display] of rows) b.add(p, person, 'MB2-714', 17_000, true, display);
      const cols = b.build();
      const partners = firstSight(rows.map((r) => r[0]));
      const people = firstSight(rows.map(([p, person]) => `${partners.list.indexOf(p)}\u0000${individualKey(person)}`));
      expect(Array.from(cols.individual)).toEqual(people.index);
      expect(cols.individualKeys).toEqual(people.list.map((k) => k.slice(k.indexOf('\u0000') + 1)));
      const firstRow = people.list.map((_, i) => rows[people.index.indexOf(i)] as [string, string, string | undefined]);
      expect(cols.individualNames).toEqual(firstRow.map(([, person, display]) => (display !== undefined && display.trim() !== '' ? display : person).trim().replace(/\s+/g, ' ')));
      expect(Array.from(cols.individualPartner)).toEqual(firstRow.map(([p]) => partners.list.indexOf(p)));
    }));
  });
});
