/**
 * Laws of the evaluator, checked with fast-check on random inputs.
 */
import fc from 'fast-check';
import {
  COUNTS_AS, evaluate, planExams, slotsMet, CERTIFICATION_REASONS, REVENUE_REASONS,
  type CertificationRecord, type ExamRole, type Qualification, type RevenueRecord, type SlotCounts,
} from './index';

const AS_OF = '2018-03-15';
const PARTNERS = ['P1', 'P2', 'P3'];
const PEOPLE = ['Ana', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];
const EXAMS = ['MB2-714', 'MB2-713', 'MB2-709', 'MB2-717', 'MB2-877', 'MB2-710', 'MB2-706', 'MB2-715', 'MB2-712', 'MB2-707', 'MB2-716', 'AZ-900'];
const PRODUCTS = ['CRM Online', 'Dynamics 365 Customer Engagement', 'Dynamics 365 Plan 1', 'Azure'];

const isoDay = fc.integer({ min: Date.UTC(2016, 0, 1) / 864e5, max: Date.UTC(2018, 11, 31) / 864e5 }).map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
const revenueRow: fc.Arbitrary<RevenueRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  product: fc.constantFrom(...PRODUCTS),
  date: fc.oneof(isoDay, isoDay.map((d) => d.slice(0, 7))),
  amountCents: fc.integer({ min: -5_000_000, max: 20_000_000 }),
  attribution: fc.constantFrom('DPOR', 'DPOR', 'CPOR'),
});
const certRow: fc.Arbitrary<CertificationRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  individual: fc.constantFrom(...PEOPLE),
  exam: fc.constantFrom(...EXAMS),
  datePassed: isoDay,
}).chain((r) => fc.boolean().map((left) => ({ ...r, active: !(left && r.individual === 'Flo') }))); // Flo may have left
const rows = fc.record({ revenue: fc.array(revenueRow, { maxLength: 40 }), certifications: fc.array(certRow, { maxLength: 30 }) });

const RANK = { none: 0, silver: 1, gold: 2 } as const;
const levels = (revenue: readonly RevenueRecord[], certifications: readonly CertificationRecord[]): Record<string, number> =>
  Object.fromEntries(evaluate({ asOf: AS_OF, revenue, certifications, partners: PARTNERS.map((partnerId) => ({ partnerId })) })
    .partners.map((p) => [p.partnerId ?? '', RANK[p.level]]));

test('record order does not change the result, and each row keeps its own reason', () => {
  fc.assert(fc.property(rows, fc.infiniteStream(fc.nat()), ({ revenue, certifications }, randoms) => {
    const shuffle = <T>(xs: readonly T[]): number[] => {
      const idx = xs.map((_, i) => i);
      for (let i = idx.length - 1; i > 0; i--) { const j = (randoms.next().value as number) % (i + 1); [idx[i], idx[j]] = [idx[j] as number, idx[i] as number]; }
      return idx;
    };
    const ro = shuffle(revenue), co = shuffle(certifications);
    const a = evaluate({ asOf: AS_OF, revenue, certifications });
    const b = evaluate({ asOf: AS_OF, revenue: ro.map((i) => revenue[i] as RevenueRecord), certifications: co.map((i) => certifications[i] as CertificationRecord) });
    expect(b.partners).toEqual(a.partners);
    ro.forEach((orig, k) => expect(b.revenueReasons[k]).toBe(a.revenueReasons[orig]));
    co.forEach((orig, k) => {
      expect(b.certificationReasons[k]).toBe(a.certificationReasons[orig]);
      expect(b.certificationCountsAs[k]).toBe(a.certificationCountsAs[orig]);
    });
  }), { numRuns: 150 });
});

test('adding a counted revenue record never lowers the level; nor does more revenue', () => {
  fc.assert(fc.property(rows, fc.constantFrom(...PARTNERS), fc.integer({ min: 1, max: 50_000_000 }), ({ revenue, certifications }, partnerId, amountCents) => {
    const before = levels(revenue, certifications);
    const after = levels([...revenue, { partnerId, product: 'CRM Online', date: '2018-01-15', amountCents, attribution: 'DPOR' }], certifications);
    for (const p of PARTNERS) expect(after[p]).toBeGreaterThanOrEqual(before[p] as number);
  }), { numRuns: 200 });
});

test('adding a counted exam pass never lowers the level', () => {
  fc.assert(fc.property(rows, fc.constantFrom(...PARTNERS), fc.constantFrom(...PEOPLE, 'New'), fc.constantFrom('MB2-714', 'MB2-710', 'MB2-712', 'MB2-715'), ({ revenue, certifications }, partnerId, individual, exam) => {
    const before = levels(revenue, certifications);
    const after = levels(revenue, [...certifications, { partnerId, individual, exam, datePassed: '2018-02-01' }]);
    for (const p of PARTNERS) expect(after[p]).toBeGreaterThanOrEqual(before[p] as number);
  }), { numRuns: 200 });
});

// --- Slots against brute force.

const person = (i: number): fc.Arbitrary<Qualification> =>
  fc.record({ application: fc.boolean(), deployment: fc.boolean(), customization: fc.boolean() }).map((r) => ({ key: `p${i}`, name: `P${i}`, ...r }));
const team = fc.integer({ min: 0, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => person(i))));
const countsArb: fc.Arbitrary<SlotCounts> = fc.record({ applicationDeployment: fc.integer({ min: 0, max: 3 }), customization: fc.integer({ min: 0, max: 3 }) });

/** Can the slots be filled? Tries every way of giving each person no slot, an a+d slot or a customization slot. */
function bruteForceMet(people: readonly Qualification[], counts: SlotCounts): boolean {
  const go = (i: number, ad: number, c: number): boolean => {
    if (ad >= counts.applicationDeployment && c >= counts.customization) return true;
    if (i === people.length) return false;
    const p = people[i] as Qualification;
    return go(i + 1, ad, c) || (p.application && p.deployment && go(i + 1, ad + 1, c)) || (p.customization && go(i + 1, ad, c + 1));
  };
  return go(0, 0, 0);
}

test('the slot test agrees with a brute-force search over all assignments', () => {
  fc.assert(fc.property(team, countsArb, (people, counts) => {
    const x = people.filter((p) => p.application && p.deployment).length;
    const y = people.filter((p) => p.customization).length;
    const u = people.filter((p) => (p.application && p.deployment) || p.customization).length;
    expect(slotsMet(x, y, u, counts)).toBe(bruteForceMet(people, counts));
  }), { numRuns: 1000 });
});

/** Fewest exams (then fewest new people) over every assignment of existing and new people to slots. */
function bruteForcePlan(people: readonly Qualification[], counts: SlotCounts): [number, number] {
  const need = counts.applicationDeployment + counts.customization;
  const pool = [...people, ...Array.from({ length: need }, (_, i) => ({ key: `~new${i}`, name: '', application: false, deployment: false, customization: false, isNew: true }))];
  let best: [number, number] = [Infinity, Infinity];
  const go = (i: number, ad: number, c: number, exams: number, news: number): void => {
    if (ad === counts.applicationDeployment && c === counts.customization) {
      if (exams < best[0] || (exams === best[0] && news < best[1])) best = [exams, news];
      return;
    }
    if (i === pool.length) return;
    const p = pool[i] as Qualification & { isNew?: boolean };
    const n = p.isNew ? 1 : 0;
    go(i + 1, ad, c, exams, news);
    if (ad < counts.applicationDeployment) go(i + 1, ad + 1, c, exams + (p.application ? 0 : 1) + (p.deployment ? 0 : 1), news + n);
    if (c < counts.customization) go(i + 1, ad, c + 1, exams + (p.customization ? 0 : 1), news + n);
  };
  go(0, 0, 0, 0, 0);
  return best;
}

const examsFor = (role: ExamRole): readonly string[] => [role];

test('the exam plan is as short as a brute-force search finds, with no more new people', () => {
  fc.assert(fc.property(team, countsArb, (people, counts) => {
    const plan = planExams(people, counts, examsFor);
    const news = new Set(plan.filter((s) => s.newIndividual !== null).map((s) => s.newIndividual)).size;
    const [bestExams, bestNews] = bruteForcePlan(people, counts);
    expect([plan.length, news]).toEqual([bestExams, bestNews]);
  }), { numRuns: 1000 });
});

test('after the plan\'s exams are passed, the level\'s exam requirement is met', () => {
  fc.assert(fc.property(team, countsArb, (people, counts) => {
    const plan = planExams(people, counts, examsFor);
    const after = new Map(people.map((p) => [p.key, { ...p }]));
    for (const s of plan) {
      const key = s.individualKey ?? `new${s.newIndividual ?? 0}`;
      const q = after.get(key) ?? { key, name: key, application: false, deployment: false, customization: false };
      after.set(key, { ...q, [s.role]: true });
    }
    expect(bruteForceMet([...after.values()], counts)).toBe(true);
  }), { numRuns: 1000 });
});

test('an exam plan only names people once per exam and roles they lack', () => {
  fc.assert(fc.property(team, countsArb, (people, counts) => {
    const plan = planExams(people, counts, examsFor);
    const keys = plan.map((s) => `${s.individualKey ?? s.newIndividual}:${s.role}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const s of plan) {
      const p = people.find((q) => q.key === s.individualKey);
      if (p) expect(p[s.role]).toBe(false);
    }
  }), { numRuns: 500 });
});

// --- Robustness.

const anyText = fc.oneof(fc.string(), fc.constantFrom('', ' ', 'MB2-714', 'crm online', '2018-02-30', '2018-13', 'x'.repeat(300), '\u0000', '=1+1'));
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -0));
const wildRevenue = fc.record({
  partnerId: fc.oneof(fc.constant(null), fc.constant(undefined), anyText),
  product: anyText, date: anyText, amountCents: anyNumber, attribution: fc.oneof(fc.constant(undefined), anyText),
}) as fc.Arbitrary<RevenueRecord>;
const wildCert = fc.record({
  partnerId: fc.oneof(fc.constant(null), anyText), individual: anyText, exam: anyText, datePassed: anyText,
  active: fc.oneof(fc.constant(undefined), fc.boolean()),
}) as fc.Arbitrary<CertificationRecord>;

test('evaluation never throws on any records the types allow, and gives every row a reason', () => {
  fc.assert(fc.property(fc.array(wildRevenue, { maxLength: 20 }), fc.array(wildCert, { maxLength: 20 }), isoDay, (revenue, certifications, asOf) => {
    const r = evaluate({ asOf, revenue, certifications });
    expect(r.revenueReasons).toHaveLength(revenue.length);
    expect(r.certificationReasons).toHaveLength(certifications.length);
    for (const c of r.revenueReasons) expect(REVENUE_REASONS[c]).toBeDefined();
    for (const c of r.certificationReasons) expect(CERTIFICATION_REASONS[c]).toBeDefined();
    for (const c of r.certificationCountsAs) expect(COUNTS_AS[c]).toBeDefined();
    for (const p of r.partners) expect(Number.isFinite(p.ttmRevenueCents)).toBe(true);
  }), { numRuns: 300 });
});

// --- TTM revenue against a reference written straight from DESIGN.md 2.2 with Date.UTC.

function referenceTtmCents(revenue: readonly RevenueRecord[], partnerId: string, asOf: string): number {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const end = Date.UTC(y, m - 1, d);
  const start = Date.UTC(y, m - 1 - 11, 1);
  let sum = 0;
  for (const r of revenue) {
    if (r.partnerId !== partnerId || r.attribution !== 'DPOR' || r.product === 'Azure') continue;
    const parts = r.date.split('-').map(Number);
    const t = parts.length === 3 ? Date.UTC(parts[0] as number, (parts[1] as number) - 1, parts[2]) : Date.UTC(parts[0] as number, (parts[1] as number) - 1, 1);
    // A month-only row counts when its month is in the window, i.e. its first day is on or before T.
    if (t >= start && t <= end) sum += r.amountCents;
  }
  return sum;
}

test('TTM revenue is the exact integer sum of the rows DESIGN.md 2.2 counts', () => {
  fc.assert(fc.property(rows, isoDay.filter((d) => d >= '2017-11-16'), ({ revenue }, asOf) => {
    const r = evaluate({ asOf, revenue, certifications: [], partners: PARTNERS.map((partnerId) => ({ partnerId })) });
    for (const p of r.partners) expect(p.ttmRevenueCents).toBe(referenceTtmCents(revenue, p.partnerId as string, asOf));
  }), { numRuns: 300 });
});
