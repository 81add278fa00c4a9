import fc from 'fast-check';
import { evaluate, timeline, timelines, type CertificationRecord, type PartnerRecord, type RevenueRecord, type TimelinePoint } from './index';
import { GOLD_TEAM, SILVER_TEAM, appDep, cust, pass, rev } from '../../test/support/records';

// --- Generators (the shapes of properties.test.ts: plausible rows across both rulebooks).

const DAY_MS = 864e5;
const isoOf = (utcMs: number): string => new Date(utcMs).toISOString().slice(0, 10);
const dayBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: Date.parse(from) / DAY_MS, max: Date.parse(to) / DAY_MS }).map((d) => isoOf(d * DAY_MS));
const PARTNERS = ['P1', 'P2', 'P3'];
const PEOPLE = ['Ana Souza', 'Bo', 'Cy', 'Di', 'Ed'];
const PRODUCTS = ['CRM Online', 'Dynamics 365 Customer Engagement', 'Dynamics 365 Plan 1', 'Azure'];
const EXAMS = ['MB2-714', 'MB2-713', 'MB2-709', 'MB2-717', 'MB2-877', 'MB2-710', 'MB2-706', 'MB2-715', 'MB2-712', 'MB2-707', 'MB2-716', 'AZ-900'];
const rowDay = dayBetween('2015-06-01', '2019-09-30');
const revenueRow: fc.Arbitrary<RevenueRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  product: fc.constantFrom(...PRODUCTS),
  date: fc.oneof(rowDay, rowDay.map((d) => d.slice(0, 7))),
  amountCents: fc.oneof(fc.integer({ min: -2_000_000, max: 5_000_000 }), fc.integer({ min: 1, max: 20_000_000 })),
  attribution: fc.constantFrom('DPOR', 'DPOR', 'dpor', undefined, 'CPOR'),
});
const certRow: fc.Arbitrary<CertificationRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  individual: fc.constantFrom(...PEOPLE),
  exam: fc.constantFrom(...EXAMS),
  datePassed: rowDay,
  active: fc.constantFrom(true, true, true, undefined, false),
});
const inputArb = fc.record({
  asOf: dayBetween('2017-03-01', '2019-03-31'),
  revenue: fc.array(revenueRow, { maxLength: 40 }),
  certifications: fc.array(certRow, { maxLength: 30 }),
  markets: fc.array(fc.constantFrom<PartnerRecord['market']>('developed', 'developing', undefined), { minLength: 3, maxLength: 3 }),
  rulebook: fc.constantFrom(undefined, undefined, undefined, 'cloud-crm-2017-07', 'cloud-crm-2017-11'),
  productMapping: fc.constantFrom(undefined, undefined, [{ product: 'Azure', counts: true }], [{ product: 'CRM Online', counts: false }]),
});
const partnersOf = (markets: readonly PartnerRecord['market'][]): PartnerRecord[] => PARTNERS.map((partnerId, i) => ({ partnerId, market: markets[i] }));
const dayOf = (date: string): string => (date.length === 7 ? `${date}-01` : date);

/** What the evaluator says about one partner as of a point's date, on the rows a timeline may use. */
function expectPointMatches(point: TimelinePoint, status: ReturnType<typeof evaluate>['partners'][number]): void {
  expect({ level: point.level, ttm: point.ttmRevenueCents, rulebook: point.rulebook, thresholds: point.thresholdsCents, qualified: point.qualified, examsMet: point.examsMet })
    .toEqual({ level: status.level, ttm: status.ttmRevenueCents, rulebook: status.rulebook, thresholds: status.thresholdsCents, qualified: status.qualified, examsMet: status.examsMet });
}

test('the level, TTM revenue, thresholds and exam slots at each month equal evaluate as of that month\'s last day (the as-of date in its own month), on the rows dated up to the as-of date', () => {
  fc.assert(fc.property(inputArb, ({ asOf, revenue, certifications, markets, rulebook, productMapping }) => {
    const partners = partnersOf(markets);
    const t = timeline({ asOf, revenue, certifications, partners, rulebook, productMapping });
    const known = { revenue: revenue.filter((r) => dayOf(r.date) <= asOf), certifications: certifications.filter((c) => c.datePassed <= asOf) };
    expect(t.partners.map((p) => p.partnerId)).toEqual(PARTNERS);
    for (const p of t.partners) expect(p.points).toHaveLength(37);
    for (let k = 0; k < 37; k++) {
      const date = (t.partners[0]?.points[k] as TimelinePoint).date;
      const e = evaluate({ asOf: date, ...known, partners, rulebook, productMapping });
      t.partners.forEach((p, i) => expectPointMatches(p.points[k] as TimelinePoint, e.partners[i] as never));
    }
  }), { numRuns: 40 });
});

test('timelines gives each partner\'s timeline when asked for, in any order, and measures that are its points\' TTM revenue, levels and as-of thresholds', () => {
  fc.assert(fc.property(inputArb, fc.array(fc.nat({ max: PARTNERS.length - 1 }), { maxLength: 6 }), ({ asOf, revenue, certifications, markets, rulebook, productMapping }, order) => {
    const input = { asOf, revenue, certifications, partners: partnersOf(markets), rulebook, productMapping };
    const whole = timeline(input);
    const cursor = timelines(input);
    expect(cursor.asOf).toBe(whole.asOf);
    expect(cursor.partners.map((p) => [p.partnerId, p.name])).toEqual(whole.partners.map((p) => [p.partnerId, p.name]));
    for (const i of [...order, ...whole.partners.keys()]) {
      const p = whole.partners[i]!;
      expect(cursor.at(i)).toEqual(p);
      expect(cursor.months).toEqual(p.points.map((x) => x.month));
      const asOfPoint = p.points.find((x) => x.kind === 'as-of');
      expect(cursor.measures(i)).toEqual({ ttmRevenueCents: p.points.map((x) => x.ttmRevenueCents), levels: p.points.map((x) => x.level), asOfThresholdsCents: asOfPoint?.thresholdsCents });
    }
  }), { numRuns: 40 });
});

test('the outlook from the as-of date is evaluate\'s level, holds-until and its cause, and with no extra rows nothing rises', () => {
  fc.assert(fc.property(inputArb, ({ asOf, revenue, certifications, markets, rulebook, productMapping }) => {
    const partners = partnersOf(markets);
    const e = evaluate({ asOf, revenue, certifications, partners, rulebook, productMapping });
    const t = timeline({ asOf, revenue, certifications, partners, rulebook, productMapping }, { evaluation: e });
    t.partners.forEach((p, i) => {
      const s = e.partners[i];
      expect({ level: p.outlook.level, holdsUntil: p.outlook.holdsUntil, cause: p.outlook.holdsUntilCause })
        .toEqual({ level: s?.level, holdsUntil: s?.holdsUntil, cause: s?.holdsUntilCause });
    });
  }), { numRuns: 150 });
});

test('extra rows count whatever their date: each month equals evaluate on the rows up to the as-of date plus the extra rows', () => {
  const extraArb = fc.record({
    revenue: fc.array(fc.record({ partnerId: fc.constantFrom(...PARTNERS), product: fc.constant('CRM Online'), date: dayBetween('2017-01-01', '2020-03-31'), amountCents: fc.integer({ min: 0, max: 20_000_000 }) }), { maxLength: 5 }),
    certifications: fc.array(fc.record({ partnerId: fc.constantFrom(...PARTNERS), individual: fc.constantFrom(...PEOPLE, 'New person 1'), exam: fc.constantFrom(...EXAMS), datePassed: dayBetween('2017-01-01', '2020-03-31') }), { maxLength: 5 }),
  });
  fc.assert(fc.property(inputArb, extraArb, ({ asOf, revenue, certifications, markets, rulebook, productMapping }, extra) => {
    const partners = partnersOf(markets);
    const t = timeline({ asOf, revenue, certifications, partners, rulebook, productMapping }, { extra });
    const known = { revenue: [...revenue.filter((r) => dayOf(r.date) <= asOf), ...extra.revenue], certifications: [...certifications.filter((c) => c.datePassed <= asOf), ...extra.certifications] };
    for (let k = 0; k < 37; k++) {
      const date = (t.partners[0]?.points[k] as TimelinePoint).date;
      const e = evaluate({ asOf: date, ...known, partners, rulebook, productMapping });
      t.partners.forEach((p, i) => expectPointMatches(p.points[k] as TimelinePoint, e.partners[i] as never));
    }
  }), { numRuns: 25 });
});

test('the outlook with extra rows matches evaluate day by day: the first day a higher level holds, and the day before each level is lost', () => {
  const extraArb = fc.record({
    revenue: fc.array(fc.record({ partnerId: fc.constant('P1'), product: fc.constant('CRM Online'), date: dayBetween('2017-01-01', '2020-03-31'), amountCents: fc.integer({ min: 0, max: 30_000_000 }) }), { maxLength: 4 }),
    certifications: fc.array(fc.record({ partnerId: fc.constant('P1'), individual: fc.constantFrom(...PEOPLE, 'New person 1'), exam: fc.constantFrom(...EXAMS), datePassed: dayBetween('2017-01-01', '2020-03-31') }), { maxLength: 6 }),
  });
  fc.assert(fc.property(inputArb, extraArb, ({ asOf, revenue, certifications, markets, rulebook, productMapping }, extra) => {
    const partners = partnersOf(markets);
    const o = timeline({ asOf, revenue, certifications, partners, rulebook, productMapping }, { extra, partnerIds: ['P1'] }).partners[0]?.outlook;
    const known = { revenue: [...revenue.filter((r) => dayOf(r.date) <= asOf), ...extra.revenue], certifications: [...certifications.filter((c) => c.datePassed <= asOf), ...extra.certifications] };
    const RANK = { none: 0, silver: 1, gold: 2 } as const;
    const levelOn = (date: string): number => RANK[evaluate({ asOf: date, ...known, partners, rulebook, productMapping }).partners[0]?.level ?? 'none'];
    const T = Date.parse(asOf) / DAY_MS;
    // The horizon of holds-until: the same day a year later, or that month's last day.
    const [y, m, dd] = asOf.split('-').map(Number) as [number, number, number];
    const horizon = isoOf(Math.min(Date.UTC(y + 1, m - 1, dd), Date.UTC(y + 1, m, 0)));
    const days: string[] = [];
    for (let d = T + 1; isoOf(d * DAY_MS) <= horizon; d++) days.push(isoOf(d * DAY_MS));
    const now = levelOn(asOf);
    expect(RANK[o?.level ?? 'none']).toBe(now);
    const lost = days.find((d) => levelOn(d) < now);
    expect(o?.holdsUntil ?? null).toBe(now > 0 && lost !== undefined ? isoOf(Date.parse(lost) - DAY_MS) : null);
    const rise = days.find((d) => levelOn(d) > now);
    expect(o?.rises?.from ?? null).toBe(rise ?? null);
    if (rise !== undefined) expect(o?.rises?.level).toBe((['none', 'silver', 'gold'] as const)[levelOn(rise)]);
  }), { numRuns: 6 });
});

describe('a partner\'s timeline', () => {
  const revenue = [rev('2017-03-10', 60_000), rev('2017-09-05', 60_000), rev('2018-02-01', 200_000)];
  const certifications = [...SILVER_TEAM, pass('Ana Souza', 'MB2-709', '2017-06-01')];
  const t = timeline({ asOf: '2018-06-15', revenue, certifications });
  const points = (t.partners[0] as (typeof t.partners)[number]).points;
  const at = (month: string): TimelinePoint => points.find((p) => p.month === month) as TimelinePoint;

  test('runs from 24 months before the as-of month to 12 after, dated at month ends and the as-of date', () => {
    expect(points).toHaveLength(37);
    expect(points[0]).toMatchObject({ month: '2016-06', date: '2016-06-30', kind: 'past' });
    expect(at('2018-06')).toMatchObject({ date: '2018-06-15', kind: 'as-of' });
    expect(points[36]).toMatchObject({ month: '2019-06', date: '2019-06-30', kind: 'forecast' });
    expect(points.filter((p) => p.kind === 'forecast')).toHaveLength(12);
  });

  test('uses the rulebook in force each month and marks the day it changes', () => {
    expect(at('2017-10').rulebook).toBe('cloud-crm-2017-07');
    expect(at('2017-11').rulebook).toBe('cloud-crm-2017-11');
    expect(at('2017-11').events).toContainEqual({ kind: 'rulebook-change', day: '2017-11-16', rulebook: 'cloud-crm-2017-11' });
    expect(at('2017-07').events).toContainEqual({ kind: 'rulebook-change', day: '2017-07-07', rulebook: 'cloud-crm-2017-07' });
  });

  test('marks MB2-709\'s retirement and the end of its acceptance, naming the partner\'s holders', () => {
    expect(at('2018-01').events).toContainEqual({ kind: 'exam-retired', day: '2018-01-01', exam: 'MB2-709' });
    expect(at('2019-01').events).toContainEqual({ kind: 'exam-no-longer-accepted', day: '2019-01-01', exam: 'MB2-709', holders: ['Ana Souza'] });
  });

  test('marks a month of revenue leaving the window, and the level changes it causes', () => {
    expect(at('2018-03').events).toContainEqual({ kind: 'revenue-leaves', day: '2018-03-01', month: '2017-03', amountCents: 60_000_00 });
    expect(at('2018-02').level).toBe('silver');
    expect(at('2017-08').level).toBe('none');
    expect(at('2017-09').events).toContainEqual({ kind: 'level-change', day: '2017-09-30', from: 'none', to: 'silver' });
    // 2017-09's revenue leaves on 2018-09-01: 200,000 alone still holds Silver; 2018-02's leaves in 2019-02.
    expect(at('2019-01').level).toBe('silver');
    expect(at('2019-02').level).toBe('none');
    expect(at('2019-02').ttmRevenueCents).toBe(0);
  });

  test('the forecast assumes no rows after the as-of date', () => {
    const later = timeline({ asOf: '2018-06-15', revenue: [...revenue, rev('2018-07-01', 500_000)], certifications });
    expect(later.partners[0]?.points.map((p) => p.ttmRevenueCents)).toEqual(points.map((p) => p.ttmRevenueCents));
  });

  test('the outlook says when a rising level is reached with extra rows, and until when it holds', () => {
    const extra = { certifications: [...appDep('Carla Dias', '2018-08-20'), ...cust('Davi Reis', '2018-08-20')], revenue: [rev('2018-09-01', 150_000)] };
    const o = timeline({ asOf: '2018-06-15', revenue, certifications }, { extra }).partners[0]?.outlook;
    expect(o).toEqual({
      level: 'silver', holdsUntil: null, holdsUntilCause: null,
      rises: { level: 'gold', from: '2018-09-01', holdsUntil: '2019-01-31' },
    });
  });

  test('a Gold team and revenue give Gold, and only the partners asked for are computed', () => {
    const two = timeline({
      asOf: '2018-06-15',
      revenue: [rev('2018-01-10', 400_000, { partnerId: 'P1' }), rev('2018-01-10', 10, { partnerId: 'P2' })],
      certifications: GOLD_TEAM.map((c) => ({ ...c, partnerId: 'P1' })),
    }, { partnerIds: ['P1'] });
    expect(two.partners.map((p) => p.partnerId)).toEqual(['P1']);
    expect(two.partners[0]?.points.find((p) => p.kind === 'as-of')?.level).toBe('gold');
  });
});
