/**
 * The product catalogue (rulebook JSON, productCatalogue): SKU and edition names as billing systems
 * and Partner Center write them count as the competency page means them; known Microsoft products
 * that do not count are "not eligible"; anything else is "unknown product".
 */
import fc from 'fast-check';
import {
  REVENUE_REASONS, RulebookError, builtInRulebooks, evaluate, loadRulebook, productClasses, rawTokens, timeline, type ProductKind, type Rulebook,
} from './index';
import november from './rulebooks/cloud-crm-2017-11.json';

const [JULY, NOVEMBER] = builtInRulebooks() as [Rulebook, Rulebook];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('product names as billing systems and Partner Center write them', () => {
  test.each([
    // CRM Online and its editions
    ['Microsoft Dynamics CRM Online Professional', 'eligible', 'eligible'],
    ['CRM Online Basic', 'eligible', 'eligible'],
    ['Dynamics CRM Online Enterprise', 'eligible', 'eligible'],
    ['Dynamics CRM Online Essential', 'eligible', 'eligible'],
    ['CRM Online Additional Storage', 'eligible', 'eligible'],
    ['Online CRM', 'eligible', 'eligible'],
    ['CRMOnline', 'eligible', 'eligible'],
    // Plan 1 and its localized names (seeds 000-003)
    ['Dynamics 365 Plan 1 Enterprise Edition', 'eligible', 'eligible'],
    ['Microsoft Dynamics 365 Plan 1', 'eligible', 'eligible'],
    ['D365 Plan1', 'eligible', 'eligible'],
    ['Dynamics365 Plan 1', 'eligible', 'eligible'],
    ['Dynamics 365 Plano 1', 'eligible', 'eligible'],
    ['Dynamics 365 計畫 1', 'eligible', 'eligible'],
    ['Dynamics 365 요금제 1', 'eligible', 'eligible'],
    // Customer Engagement (formerly Plan 1) and its apps: from the November 2017 rules (seed 004)
    ['Dynamics 365 Customer Engagement Plan Enterprise Edition', 'not-eligible', 'eligible'],
    ['Dynamics 365 Customer Engagement (formerly Plan 1)', 'not-eligible', 'eligible'],
    ['Dynamics 365 Customer Engagement (in precedenza Plan 1)', 'not-eligible', 'eligible'],
    ['Dynamics 365 for Sales, Enterprise Edition', 'not-eligible', 'eligible'],
    ['Dynamics 365 for Customer Service Enterprise', 'not-eligible', 'eligible'],
    ['Dynamics 365 for Field Service', 'not-eligible', 'eligible'],
    ['Dynamics 365 for Project Service Automation', 'not-eligible', 'eligible'],
    // Microsoft products known not to count
    ['Dynamics 365 for Finance and Operations, Enterprise edition', 'not-eligible', 'not-eligible'],
    ['Dynamics 365 for Operations', 'not-eligible', 'not-eligible'],
    ['Dynamics 365 for Financials', 'not-eligible', 'not-eligible'],
    ['Dynamics 365 Business Central Essentials', 'not-eligible', 'not-eligible'],
    ['Dynamics AX 2012 R3', 'not-eligible', 'not-eligible'],
    ['Dynamics NAV 2018', 'not-eligible', 'not-eligible'],
    ['Microsoft Dynamics GP', 'not-eligible', 'not-eligible'],
    ['Office 365 E3', 'not-eligible', 'not-eligible'],
    ['O365 Business Premium', 'not-eligible', 'not-eligible'],
    ['Microsoft 365 Business', 'not-eligible', 'not-eligible'],
    ['Azure', 'not-eligible', 'not-eligible'],
    ['Azure subscription (CSP)', 'not-eligible', 'not-eligible'],
    ['Power BI Pro', 'not-eligible', 'not-eligible'],
    ['Dynamics CRM 2016 Server', 'not-eligible', 'not-eligible'],
    // Neither: an unknown product
    ['Contoso CRM Online Connector', 'unknown', 'unknown'],
    ['Dynamics 365 for Team Members', 'unknown', 'unknown'],
    ['Fabrikam Widgets', 'unknown', 'unknown'],
  ] as [string, ProductKind, ProductKind][])('"%s" is %s under 2017-07 and %s under 2017-11', (name, july, nov) => {
    expect(JULY.classifyProduct(name)).toBe(july);
    expect(NOVEMBER.classifyProduct(name)).toBe(nov);
  });

  test('names are cut into words, numbers and runs of Han or Hangul', () => {
    expect(rawTokens('Dynamics365 計畫1 (formerly Plan 1)')).toEqual(['dynamics', '365', '計畫', '1', 'formerly', 'plan', '1']);
    expect(rawTokens('ＣＲＭ　Ｏｎｌｉｎｅ')).toEqual(['crm', 'online']);
  });

  test('the row reason tells an unknown product from a product that is not eligible', () => {
    const r = evaluate({ asOf: '2018-03-15', certifications: [], revenue: [
      { product: 'Fabrikam Widgets', date: '2018-01-01', amountCents: 100 },
      { product: 'Azure', date: '2018-01-01', amountCents: 100 },
      { product: 'Fabrikam Widgets', date: '2016-01-01', amountCents: 50 },
      { product: 'CRM Online Professional', date: '2018-01-01', amountCents: 70 },
    ] });
    expect([...r.revenueReasons].map((c) => REVENUE_REASONS[c])).toEqual(['product-unknown', 'product-not-eligible', 'product-unknown', 'counted']);
    expect(r.partners[0]?.ttmRevenueCents).toBe(70);
    expect(r.unknownProducts).toEqual([{ product: 'Fabrikam Widgets', rows: 2, amountCents: 150, windowCents: 100, firstRow: 0, partner: 0 }]);
  });

  test('an unknown product sold by several partners belongs to none of them', () => {
    const r = evaluate({ asOf: '2018-03-15', certifications: [], revenue: [
      { partnerId: 'P1', product: 'X', date: '2018-01-01', amountCents: 1 }, { partnerId: 'P2', product: 'X', date: '2018-01-01', amountCents: 1 },
    ] });
    expect(r.unknownProducts[0]?.partner).toBe(-1);
  });

  test('a user mapping overrides the catalogue both ways, matched by tokens', () => {
    const mapping = [{ product: 'fabrikam  WIDGETS', counts: true }, { product: 'Online CRM Basic', counts: false }];
    const { mask, unknown } = productClasses(['Fabrikam Widgets', 'CRM Online Basic', 'Other'], [NOVEMBER], mapping);
    expect([...mask]).toEqual([1, 0, 0]);
    expect([...unknown]).toEqual([0, 0, 1]);
  });
});

describe('the timeline classifies products as evaluate does', () => {
  test('a mapped product counts in the timeline\'s as-of month too', () => {
    const input = {
      asOf: '2018-03-15', certifications: [], productMapping: [{ product: 'Fabrikam Widgets', counts: true }],
      revenue: [{ product: 'Fabrikam Widgets', date: '2018-01-01', amountCents: 500 }, { product: 'CRM Online Professional', date: '2018-02-01', amountCents: 70 }],
    };
    const now = timeline(input).partners[0]?.points.find((p) => p.date === '2018-03-15');
    expect(evaluate(input).partners[0]?.ttmRevenueCents).toBe(570);
    expect(now?.ttmRevenueCents).toBe(570);
  });
});

describe('laws of product matching', () => {
  const ERP = ['Dynamics 365 for Finance and Operations', 'Dynamics 365 for Operations', 'Dynamics 365 Finance', 'Dynamics 365 Business Central', 'Dynamics AX', 'Dynamics NAV', 'Dynamics GP', 'D365 Finance and Operations'];
  const WORDS = ['Plan 1', 'Enterprise', 'Edition', 'Customer Engagement', 'CRM Online', 'Professional', 'Sales', 'Dynamics 365', '(formerly Plan 1)', 'Basic', 'Plan', '2018', 'E3', 'Microsoft'];

  test('a Dynamics ERP product never counts, whatever is added to its name, under any rulebook', () => {
    fc.assert(fc.property(fc.constantFrom(...ERP), fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }), fc.boolean(), (erp, extra, before) => {
      const name = before ? [...extra, erp].join(' ') : [erp, ...extra].join(' ');
      for (const b of builtInRulebooks()) expect(b.classifyProduct(name)).toBe('not-eligible');
    }));
  });

  const NAMES = [
    'Microsoft Dynamics CRM Online Professional', 'Dynamics 365 Plan 1 Enterprise Edition', 'Dynamics 365 Customer Engagement Plan Enterprise Edition',
    'Dynamics 365 for Sales', 'Office 365 E3', 'Dynamics 365 for Operations', 'Contoso CRM Online Connector', 'Power BI Pro', 'Dynamics 365 計畫 1',
  ];
  const respell = (name: string, order: number[], upper: boolean[], gaps: string[]): string => {
    const words = name.split(' ');
    const perm = words.map((w, i) => ({ w, k: order[i] ?? 0 })).sort((a, b) => a.k - b.k).map((x) => x.w);
    return perm.map((w, i) => (upper[i] ? w.toUpperCase() : w.toLowerCase()) + (gaps[i] ?? ' ')).join('');
  };
  test('token order, case and spacing do not matter', () => {
    fc.assert(fc.property(
      fc.constantFrom(...NAMES), fc.array(fc.integer(), { minLength: 8, maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      fc.array(fc.constantFrom(' ', '  ', ', ', ' - ', '\t', ' / '), { minLength: 8, maxLength: 8 }),
      (name, order, upper, gaps) => {
        const other = respell(name, order, upper, gaps);
        for (const b of builtInRulebooks()) {
          expect(b.classifyProduct(other)).toBe(b.classifyProduct(name));
          expect(b.productKey(other)).toBe(b.productKey(name));
        }
      },
    ));
  });

  test('an eligible family name inside an unrelated name does not count', () => {
    // Made-up words (consonants only, so never an edition word) and real ones from connector and service SKUs.
    const unrelated = fc.oneof(fc.stringMatching(/^[bcdfghjklmnpqrstvwxz]{4,8}$/), fc.constantFrom('Contoso', 'Connector', 'Backup', 'Training', 'Consulting', 'Migration', 'Portal', 'Marketing'));
    fc.assert(fc.property(fc.constantFrom('CRM Online', 'Dynamics CRM Online', 'Dynamics 365 Plan 1', 'Dynamics 365 Customer Engagement'), unrelated, fc.boolean(), (family, word, before) => {
      const name = before ? `${word} ${family}` : `${family} ${word}`;
      for (const b of builtInRulebooks()) expect(b.classifyProduct(name)).not.toBe('eligible');
    }));
  });
});

describe('the catalogue is checked when a rulebook loads', () => {
  test.each([
    ['a spelling that is not a string', (c: Record<string, unknown>) => { ((c.eligible as Record<string, unknown>[])[0] as Record<string, unknown>).spellings = [1]; }, '$.productCatalogue.eligible[0].spellings[0]', /expected a string/],
    ['a misspelt property', (c: Record<string, unknown>) => { (c as Record<string, unknown>).notcounting = []; }, '$.productCatalogue.notcounting', /unknown property/],
    ['a spelling of ignored words only', (c: Record<string, unknown>) => { ((c.eligible as Record<string, unknown>[])[0] as Record<string, unknown>).spellings = ['Microsoft License']; }, '$.productCatalogue.eligible[0].spellings[0]', /no word that is not ignored/],
    ['an eligible spelling that is also a non-counting one', (c: Record<string, unknown>) => { ((c.eligible as Record<string, unknown>[])[0] as Record<string, unknown>).spellings = ['Dynamics 365 for Operations']; }, '$.productCatalogue.eligible[0].spellings[0]', /non-counting Dynamics 365 for Finance and Operations/],
  ])('rejects %s, naming %s', (_name, mutate, path, message) => {
    const data = clone(november) as unknown as Record<string, unknown>;
    mutate(data.productCatalogue as Record<string, unknown>);
    let error: unknown;
    try { loadRulebook(data); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(RulebookError);
    expect((error as RulebookError).path).toBe(path);
    expect((error as RulebookError).message).toMatch(message);
  });

  test('a rulebook without a catalogue treats every name outside its list as not eligible', () => {
    const data = clone(november) as unknown as Record<string, unknown>;
    delete data.productCatalogue;
    const b = loadRulebook(data);
    expect(['CRM Online', 'CRM Online Professional', 'Fabrikam'].map((n) => b.classifyProduct(n))).toEqual(['eligible', 'not-eligible', 'not-eligible']);
  });
});
