/**
 * Laws of the evaluator, checked with fast-check on random inputs. Each test is named by the law
 * it checks. Where a law needs to know which rows should count, it asks a small reference model
 * written here straight from docs/rules.md (rulebook tables of 4-6, TTM window of 3 with
 * Date.UTC, exam passes of 6), not the evaluator's own code.
 */
import fc from 'fast-check';
import {
  COUNTS_AS, CERTIFICATION_REASONS, REVENUE_REASONS, CertificationColumnsBuilder, RevenueColumnsBuilder, evaluate, planExams, slotsMet,
  type AttainableLevel, type CertificationRecord, type Evaluation, type ExamRole, type PartnerRecord, type PartnerStatus,
  type Qualification, type RevenueRecord, type SlotCounts,
} from './index';

// --- Reference model of docs/rules.md 4-6 (the two rulebooks as that document tables them).

interface RefExam { readonly role: ExamRole; readonly availableFrom?: string; readonly acceptedUntil?: string }
interface RefBook { readonly effectiveFrom: string; readonly products: readonly string[]; readonly exams: Readonly<Record<string, RefExam>> }
const JULY_EXAMS: Record<string, RefExam> = {
  'MB2-714': { role: 'application' }, 'MB2-713': { role: 'application' }, 'MB2-709': { role: 'application' },
  'MB2-710': { role: 'deployment' }, 'MB2-706': { role: 'deployment' },
  'MB2-712': { role: 'customization' }, 'MB2-707': { role: 'customization' },
};
const REF_BOOKS: readonly RefBook[] = [
  { effectiveFrom: '2017-07-07', products: ['CRM Online', 'Dynamics 365 Plan 1'], exams: JULY_EXAMS },
  {
    effectiveFrom: '2017-11-16',
    products: ['CRM Online', 'Dynamics 365 Customer Engagement', 'Dynamics 365 Plan 1'],
    exams: {
      ...JULY_EXAMS,
      'MB2-709': { role: 'application', acceptedUntil: '2018-12-31' },
      'MB2-717': { role: 'application' }, 'MB2-718': { role: 'application' }, 'MB2-877': { role: 'application', availableFrom: '2018-01-01' },
      'MB2-715': { role: 'deployment' }, 'MB2-716': { role: 'customization' },
    },
  },
];
/** The rulebook in force: the latest effective on or before the as-of date, else the first. */
const refBook = (asOf: string): RefBook => [...REF_BOOKS].reverse().find((b) => b.effectiveFrom <= asOf) ?? (REF_BOOKS[0] as RefBook);
const SLOTS: Readonly<Record<AttainableLevel, SlotCounts>> = {
  silver: { applicationDeployment: 1, customization: 1 }, gold: { applicationDeployment: 2, customization: 2 },
};
/** "Case- and space-insensitively" (docs/rules.md 4, 6). */
const squash = (s: string): string => s.toLowerCase().replace(/\s+/g, '');
const refEligible = (product: string, asOf: string): boolean => refBook(asOf).products.some((p) => squash(p) === squash(product));
/** Only DPOR is accepted; a row without attribution is taken as DPOR (docs/rules.md 11). */
const refDpor = (attribution: string | undefined): boolean => attribution === undefined || squash(attribution) === 'dpor';

/** Exam spellings the generators use, with the exam each one means (null: not a CRM exam). */
const EXAM_SPELLINGS: readonly (readonly [string, string | null])[] = [
  ['MB2-714', 'MB2-714'], ['mb2 714', 'MB2-714'], ['Dynamics CRM Customer Service', 'MB2-714'], ['Exam MB2-713', 'MB2-713'],
  ['MB2709', 'MB2-709'], ['MB2-717', 'MB2-717'], ['MB2-718: Microsoft Dynamics 365 for Customer Service', 'MB2-718'], ['MB2-877', 'MB2-877'],
  ['MB2-710', 'MB2-710'], ['Prüfung MB2-706', 'MB2-706'], ['mb2-715', 'MB2-715'],
  ['MB2-712', 'MB2-712'], ['MB2 707', 'MB2-707'], ['MB2-716', 'MB2-716'],
  ['AZ-900', null],
];
const EXAM_CODE = new Map<string, string | null>(EXAM_SPELLINGS);

// --- Dates: independent of src/core/dates (Date.UTC only).

const DAY_MS = 864e5;
const isoOf = (utcMs: number): string => new Date(utcMs).toISOString().slice(0, 10);
const dayBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: Date.parse(from) / DAY_MS, max: Date.parse(to) / DAY_MS }).map((d) => isoOf(d * DAY_MS));
/** As-of dates around every rule change: before the first rulebook, the switch, MB2-877, MB2-709's end. */
const asOfArb = dayBetween('2017-05-01', '2019-03-31');
const rowDay = dayBetween('2016-01-01', '2019-06-30');

// --- Generators of plausible rows.

const PARTNERS = ['P1', 'P2', 'P3'];
const PEOPLE = ['Ana Souza', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'];
/** The same person written as people do: case and spaces vary. */
const spelled = (name: string): fc.Arbitrary<string> => fc.constantFrom(name, name.toUpperCase(), ` ${name.toLowerCase()}`, name.replace(' ', '  '));
const PRODUCTS = ['CRM Online', 'crm online', 'CRMOnline', 'Dynamics 365 Customer Engagement', 'DYNAMICS 365 PLAN 1', 'Dynamics 365  Plan 1', 'Azure', 'Office 365 E3'];
const ATTRIBUTIONS = ['DPOR', 'DPOR', 'DPOR', 'dpor', ' DPOR ', undefined, 'CPOR', 'Transacting'];

const revenueRow: fc.Arbitrary<RevenueRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  product: fc.constantFrom(...PRODUCTS),
  date: fc.oneof(rowDay, rowDay.map((d) => d.slice(0, 7))),
  amountCents: fc.oneof(fc.integer({ min: -5_000_000, max: 20_000_000 }), fc.integer({ min: 1, max: 15_000_000_00 })),
  attribution: fc.constantFrom(...ATTRIBUTIONS),
});
const certRow: fc.Arbitrary<CertificationRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  individual: fc.constantFrom(...PEOPLE).chain(spelled),
  exam: fc.constantFrom(...EXAM_SPELLINGS.map(([s]) => s)),
  datePassed: rowDay,
  active: fc.constantFrom(true, true, true, undefined, false),
});
const rowsArb = fc.record({
  asOf: asOfArb,
  revenue: fc.array(revenueRow, { maxLength: 40 }),
  certifications: fc.array(certRow, { maxLength: 40 }),
  markets: fc.array(fc.constantFrom<PartnerRecord['market']>('developed', 'developing', undefined), { minLength: PARTNERS.length, maxLength: PARTNERS.length }),
});
const partnersOf = (markets: readonly PartnerRecord['market'][]): PartnerRecord[] => PARTNERS.map((partnerId, i) => ({ partnerId, market: markets[i] }));

const RANK = { none: 0, silver: 1, gold: 2 } as const;
const levels = (r: Evaluation): Record<string, number> => Object.fromEntries(r.partners.map((p) => [p.partnerId ?? '', RANK[p.level]]));

// --- 1. Order.

/** The displayed spelling of a person is the first one seen, so it follows row order by design; everything else must not. */
const withoutDisplayNames = (ps: readonly PartnerStatus[]): unknown =>
  ps.map((p) => ({
    ...p,
    slots: p.slots.map(({ individual: _display, ...s }) => s),
    examPlans: { silver: p.examPlans.silver.map(({ individual: _d, ...s }) => s), gold: p.examPlans.gold.map(({ individual: _d, ...s }) => s) },
  }));

test('record order does not change the result: shuffled rows give the same partner statuses, and each row keeps its own reason and counts-as', () => {
  fc.assert(fc.property(rowsArb, fc.infiniteStream(fc.nat()), ({ asOf, revenue, certifications, markets }, randoms) => {
    const shuffle = (length: number): number[] => {
      const idx = Array.from({ length }, (_, i) => i);
      for (let i = length - 1; i > 0; i--) { const j = (randoms.next().value as number) % (i + 1); [idx[i], idx[j]] = [idx[j] as number, idx[i] as number]; }
      return idx;
    };
    const ro = shuffle(revenue.length), co = shuffle(certifications.length);
    const partners = partnersOf(markets);
    const a = evaluate({ asOf, revenue, certifications, partners });
    const b = evaluate({ asOf, revenue: ro.map((i) => revenue[i] as RevenueRecord), certifications: co.map((i) => certifications[i] as CertificationRecord), partners });
    expect(withoutDisplayNames(b.partners)).toEqual(withoutDisplayNames(a.partners));
    ro.forEach((orig, k) => expect(b.revenueReasons[k]).toBe(a.revenueReasons[orig]));
    co.forEach((orig, k) => {
      expect(b.certificationReasons[k]).toBe(a.certificationReasons[orig]);
      expect(b.certificationCountsAs[k]).toBe(a.certificationCountsAs[orig]);
      expect(b.certificationSlotLevel[k]).toBe(a.certificationSlotLevel[orig]);
    });
  }), { numRuns: 150 });
});

// --- 2. and 6. Monotonicity.

/** A revenue row that counts at the as-of date (docs/rules.md 3): eligible, DPOR, in the window, positive. */
const countedRevenue = (asOf: string): fc.Arbitrary<RevenueRecord> => {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const windowStart = isoOf(Date.UTC(y, m - 1 - 11, 1));
  return fc.record({
    partnerId: fc.constantFrom(...PARTNERS),
    product: fc.constantFrom(...PRODUCTS.filter((p) => refEligible(p, asOf))),
    date: fc.oneof(dayBetween(windowStart, asOf), dayBetween(windowStart, asOf).map((d) => d.slice(0, 7))),
    amountCents: fc.integer({ min: 1, max: 40_000_000 }),
    attribution: fc.constantFrom('DPOR', 'dpor', undefined),
  });
};

test('adding a counted revenue record (eligible product, DPOR, in the window, positive amount) never lowers the level', () => {
  const arb = rowsArb.chain((rows) => fc.tuple(fc.constant(rows), countedRevenue(rows.asOf)));
  fc.assert(fc.property(arb, ([{ asOf, revenue, certifications, markets }, extra]) => {
    const partners = partnersOf(markets);
    const before = levels(evaluate({ asOf, revenue, certifications, partners }));
    const after = evaluate({ asOf, revenue: [...revenue, extra], certifications, partners });
    expect(REVENUE_REASONS[after.revenueReasons[revenue.length] as number]).toBe('counted'); // the reference and the evaluator agree it counts
    const now = levels(after);
    for (const p of PARTNERS) expect(now[p]).toBeGreaterThanOrEqual(before[p] as number);
  }), { numRuns: 200 });
});

/** An exam pass that counts at the as-of date (docs/rules.md 6-7): in the catalogue, available, still accepted, active. */
const countedPass = (asOf: string): fc.Arbitrary<CertificationRecord> => {
  const book = refBook(asOf);
  const usable = EXAM_SPELLINGS.filter(([, code]) => {
    const exam = code === null ? undefined : book.exams[code];
    return exam !== undefined && (exam.availableFrom ?? '') <= asOf && asOf <= (exam.acceptedUntil ?? '9999');
  });
  return fc.constantFrom(...usable).chain(([exam, code]) => fc.record({
    partnerId: fc.constantFrom(...PARTNERS),
    individual: fc.constantFrom(...PEOPLE, 'Newcomer').chain(spelled),
    exam: fc.constant(exam),
    datePassed: dayBetween(book.exams[code as string]?.availableFrom ?? '2016-01-01', asOf),
    active: fc.constantFrom(true, undefined),
  }));
};

test('adding a counted exam pass never lowers the level', () => {
  const arb = rowsArb.chain((rows) => fc.tuple(fc.constant(rows), countedPass(rows.asOf)));
  fc.assert(fc.property(arb, ([{ asOf, revenue, certifications, markets }, extra]) => {
    const partners = partnersOf(markets);
    const before = levels(evaluate({ asOf, revenue, certifications, partners }));
    const after = evaluate({ asOf, revenue, certifications: [...certifications, extra], partners });
    expect(CERTIFICATION_REASONS[after.certificationReasons[certifications.length] as number]).not.toMatch(/^(exam-|passed-|no-longer|invalid|individual-left)/);
    const now = levels(after);
    for (const p of PARTNERS) expect(now[p]).toBeGreaterThanOrEqual(before[p] as number);
  }), { numRuns: 200 });
});

test('more revenue never lowers the level: raising any row\'s amount keeps or raises every partner\'s level', () => {
  const arb = rowsArb.filter((r) => r.revenue.length > 0).chain((rows) => fc.tuple(fc.constant(rows), fc.nat({ max: rows.revenue.length - 1 }), fc.integer({ min: 1, max: 40_000_000 })));
  fc.assert(fc.property(arb, ([{ asOf, revenue, certifications, markets }, row, more]) => {
    const partners = partnersOf(markets);
    const before = evaluate({ asOf, revenue, certifications, partners });
    const raised = revenue.map((r, i) => (i === row ? { ...r, amountCents: r.amountCents + more } : r));
    const after = evaluate({ asOf, revenue: raised, certifications, partners });
    const b = levels(before), a = levels(after);
    for (const p of PARTNERS) expect(a[p]).toBeGreaterThanOrEqual(b[p] as number);
    for (const [i, p] of after.partners.entries()) expect(p.ttmRevenueCents).toBeGreaterThanOrEqual((before.partners[i] as PartnerStatus).ttmRevenueCents);
  }), { numRuns: 200 });
});

// --- 3. Slots against brute force.

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

const person = (i: number): fc.Arbitrary<Qualification> =>
  fc.record({ application: fc.boolean(), deployment: fc.boolean(), customization: fc.boolean() }).map((r) => ({ key: `p${i}`, name: `P${i}`, ...r }));
const team = fc.integer({ min: 0, max: 7 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => person(i))));
const countsArb: fc.Arbitrary<SlotCounts> = fc.record({ applicationDeployment: fc.integer({ min: 0, max: 3 }), customization: fc.integer({ min: 0, max: 3 }) });

test('the slot test (slotsMet) agrees with a brute-force search over all assignments of individuals to slots', () => {
  fc.assert(fc.property(team, countsArb, (people, counts) => {
    const x = people.filter((p) => p.application && p.deployment).length;
    const y = people.filter((p) => p.customization).length;
    const u = people.filter((p) => (p.application && p.deployment) || p.customization).length;
    expect(slotsMet(x, y, u, counts)).toBe(bruteForceMet(people, counts));
  }), { numRuns: 1000 });
});

/** Each person's roles from the passes that count at the as-of date, per docs/rules.md 6-7. */
function refQualifications(certifications: readonly CertificationRecord[], partnerId: string, asOf: string): Map<string, Qualification> {
  const book = refBook(asOf);
  const people = new Map<string, Qualification>();
  for (const r of certifications) {
    if (r.partnerId !== partnerId || r.active === false) continue;
    const code = EXAM_CODE.get(r.exam);
    const exam = code ? book.exams[code] : undefined;
    if (!exam || r.datePassed > asOf || r.datePassed < (exam.availableFrom ?? '') || asOf > (exam.acceptedUntil ?? '9999')) continue;
    const key = squash(r.individual);
    const q = people.get(key) ?? { key, name: key, application: false, deployment: false, customization: false };
    people.set(key, { ...q, [exam.role]: true });
  }
  return people;
}

test('examsMet in evaluate results agrees with a brute-force assignment of the reference qualifications, and the slots shown are a valid assignment', () => {
  fc.assert(fc.property(rowsArb, ({ asOf, certifications }) => {
    const r = evaluate({ asOf, revenue: [], certifications, partners: PARTNERS.map((partnerId) => ({ partnerId })) });
    for (const p of r.partners) {
      const quals = refQualifications(certifications, p.partnerId as string, asOf);
      const people = [...quals.values()];
      expect(p.examsMet).toEqual({ silver: bruteForceMet(people, SLOTS.silver), gold: bruteForceMet(people, SLOTS.gold) });
      // The assignment: distinct people, each qualified for the slot they fill, enough of them for every level met.
      expect(new Set(p.slots.map((s) => s.individualKey)).size).toBe(p.slots.length);
      for (const s of p.slots) {
        const q = quals.get(s.individualKey) as Qualification;
        expect(s.slot === 'customization' ? q.customization : q.application && q.deployment).toBe(true);
      }
      for (const level of ['silver', 'gold'] as const) {
        if (!p.examsMet[level]) continue;
        const upTo = p.slots.filter((s) => level === 'gold' || s.level === 'silver');
        expect(upTo.filter((s) => s.slot === 'application+deployment').length).toBeGreaterThanOrEqual(SLOTS[level].applicationDeployment);
        expect(upTo.filter((s) => s.slot === 'customization').length).toBeGreaterThanOrEqual(SLOTS[level].customization);
      }
    }
  }), { numRuns: 300 });
});

/** The most slots of a level that can be filled at once (one person, one slot), by brute force. */
function bruteForceFilled(people: readonly Qualification[], counts: SlotCounts): number {
  const go = (i: number, ad: number, c: number): number => {
    if (i === people.length) return ad + c;
    const p = people[i] as Qualification;
    let best = go(i + 1, ad, c);
    if (p.application && p.deployment && ad < counts.applicationDeployment) best = Math.max(best, go(i + 1, ad + 1, c));
    if (p.customization && c < counts.customization) best = Math.max(best, go(i + 1, ad, c + 1));
    return best;
  };
  return go(0, 0, 0);
}

test('requirement results agree with the level: a level is met exactly when all its requirements are, and the individuals counted are the most slots anyone could fill', () => {
  fc.assert(fc.property(rowsArb, ({ asOf, revenue, certifications, markets }) => {
    const r = evaluate({ asOf, revenue, certifications, partners: partnersOf(markets) });
    for (const p of r.partners) {
      const people = [...refQualifications(certifications, p.partnerId as string, asOf).values()];
      for (const level of ['silver', 'gold'] as const) {
        const req = p.requirements[level];
        expect(req.revenue).toMatchObject({ required: p.thresholdsCents[level], actual: p.ttmRevenueCents, met: p.revenueMet[level] });
        expect(req.applicationDeployment.met && req.customization.met && req.individuals.met).toBe(p.examsMet[level]);
        expect(req.met).toBe(p.revenueMet[level] && p.examsMet[level]);
        expect(req.individuals.actual).toBe(bruteForceFilled(people, SLOTS[level]));
        expect(req.individuals.actual).toBe(req.applicationDeployment.actual + req.customization.actual);
      }
      expect(RANK[p.level]).toBe(p.requirements.gold.met ? 2 : p.requirements.silver.met ? 1 : 0);
    }
  }), { numRuns: 300 });
});

// --- 4. Exam plans against brute force.

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

test('the exam plan (planExams) is as short as a brute-force search finds, and uses no more new individuals than its best with that many exams', () => {
  fc.assert(fc.property(team, countsArb, (people, counts) => {
    const plan = planExams(people, counts, examsFor);
    const news = new Set(plan.filter((s) => s.newIndividual !== null).map((s) => s.newIndividual)).size;
    const [bestExams, bestNews] = bruteForcePlan(people, counts);
    expect([plan.length, news]).toEqual([bestExams, bestNews]);
  }), { numRuns: 1000 });
});

test('after the exam plan\'s passes, recomputed qualifications meet the slots', () => {
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

test('an exam plan names each person once per role, and only roles they lack', () => {
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

test('re-evaluated with the plan\'s passes (any listed exam, passed on the as-of date), each level\'s exam requirement is met', () => {
  fc.assert(fc.property(rowsArb, fc.infiniteStream(fc.nat()), ({ asOf, certifications }, randoms) => {
    const partners = PARTNERS.map((partnerId) => ({ partnerId }));
    const r = evaluate({ asOf, revenue: [], certifications, partners });
    for (const p of r.partners) {
      for (const level of ['silver', 'gold'] as const) {
        const plan = p.examPlans[level];
        expect(plan.length === 0).toBe(p.examsMet[level]);
        if (plan.length === 0) continue;
        const passes: CertificationRecord[] = plan.map((s) => ({
          partnerId: p.partnerId,
          individual: s.individualKey ?? `Newcomer ${s.newIndividual}`,
          exam: s.exams[(randoms.next().value as number) % s.exams.length] as string,
          datePassed: asOf,
        }));
        const again = evaluate({ asOf, revenue: [], certifications: [...certifications, ...passes], partners });
        expect(again.partners.find((q) => q.partnerId === p.partnerId)?.examsMet[level]).toBe(true);
      }
    }
  }), { numRuns: 100 });
});

// --- 5. Robustness.

const anyText = fc.oneof(
  fc.string(), fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', 'MB2-714', 'mb2 710', 'crm online', 'DPOR', '2018-02-30', '2018-13', '2018-02', '0000-01-01', '9999-12-31', 'x'.repeat(300), '\u0000', '=1+1', '__proto__', 'constructor'),
);
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 2 ** 60, -0, 0.5));
const wildRevenue = fc.record({
  partnerId: fc.oneof(fc.constant(null), fc.constant(undefined), anyText),
  customer: fc.oneof(fc.constant(undefined), anyText),
  product: anyText, date: anyText, amountCents: anyNumber, attribution: fc.oneof(fc.constant(undefined), anyText),
}) as fc.Arbitrary<RevenueRecord>;
const hugeNumber = fc.oneof(fc.double({ min: 1e307, noNaN: true }), fc.double({ max: -1e307, noNaN: true }), fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 60));
/** Well-formed rows (they count as of 2018-03-15) but for the amount, so absurd amounts reach the sums. */
const countedWildAmount = fc.record({
  partnerId: fc.constant('P1'), product: fc.constant('CRM Online'), date: fc.constantFrom('2018-01-15', '2017-12', '2018-03-01'),
  amountCents: fc.oneof(anyNumber, hugeNumber), attribution: fc.constant('DPOR'),
}) as fc.Arbitrary<RevenueRecord>;
const wildCert = fc.record({
  partnerId: fc.oneof(fc.constant(null), fc.constant(undefined), anyText), individual: anyText, exam: anyText, datePassed: anyText,
  active: fc.oneof(fc.constant(undefined), fc.boolean()),
}) as fc.Arbitrary<CertificationRecord>;
const wildPartner = fc.record({
  partnerId: anyText, name: fc.oneof(fc.constant(undefined), anyText), market: fc.constantFrom('developed', 'developing', undefined),
}) as fc.Arbitrary<PartnerRecord>;
const anyAsOf = fc.oneof(fc.constant('2018-03-15'), asOfArb, dayBetween('0001-01-01', '9999-12-31'));

function expectWellFormed(r: Evaluation, revenueRows: number, certificationRows: number): void {
  expect(r.revenueReasons).toHaveLength(revenueRows);
  expect(r.certificationReasons).toHaveLength(certificationRows);
  expect(r.certificationCountsAs).toHaveLength(certificationRows);
  for (const c of r.revenueReasons) expect(REVENUE_REASONS[c]).toBeDefined();
  for (const c of r.certificationReasons) expect(CERTIFICATION_REASONS[c]).toBeDefined();
  for (const c of r.certificationCountsAs) expect(COUNTS_AS[c]).toBeDefined();
  for (const p of r.partners) {
    for (const v of [p.ttmRevenueCents, p.revenueGapCents.silver, p.revenueGapCents.gold]) expect(Number.isFinite(v)).toBe(true);
    expect(['none', 'silver', 'gold']).toContain(p.level);
  }
}

test('evaluation never throws on any records the types allow (any text, weird dates, NaN/Infinity/huge amounts, null ids, mixed), and gives every row a reason', () => {
  const mixed = <T>(wild: fc.Arbitrary<T>, good: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(fc.oneof(wild, good), { maxLength: 25 });
  fc.assert(fc.property(
    mixed(wildRevenue, fc.oneof(revenueRow, countedWildAmount)), mixed(wildCert, certRow), fc.array(wildPartner, { maxLength: 4 }), anyAsOf,
    fc.constantFrom('developed', 'developing', undefined),
    (revenue, certifications, partners, asOf, defaultMarket) => {
      const r = evaluate({ asOf, revenue, certifications, partners, defaultMarket });
      expectWellFormed(r, revenue.length, certifications.length);
    },
  ), { numRuns: 250 });
});

test('evaluation never throws on columns built from any values (unreadable days, non-finite amounts), and gives every row a reason', () => {
  const day = fc.oneof(fc.integer({ min: 16_000, max: 18_500 }), fc.integer(), anyNumber);
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.oneof(anyText, fc.constant(null)), anyText, day, anyNumber, fc.oneof(anyText, fc.constant(undefined))), { maxLength: 25 }),
    fc.array(fc.tuple(fc.oneof(anyText, fc.constant(null)), anyText, anyText, day, fc.boolean(), fc.oneof(anyText, fc.constant(undefined))), { maxLength: 25 }),
    anyAsOf,
    (revRows, certRows, asOf) => {
      const rb = new RevenueColumnsBuilder(1);
      for (const row of revRows) rb.add(...row);
      const cb = new CertificationColumnsBuilder(1);
      for (const row of certRows) cb.add(...row);
      const r = evaluate({ asOf, revenue: rb.build(), certifications: cb.build() });
      expectWellFormed(r, revRows.length, certRows.length);
    },
  ), { numRuns: 200 });
});

// --- 6. TTM revenue against a reference written straight from docs/rules.md 3 with Date.UTC.

/** Sum, as an exact BigInt, of the amounts of the rows of a partner that count at the as-of date. */
function referenceTtmCents(revenue: readonly RevenueRecord[], partnerId: string, asOf: string): bigint {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const end = Date.UTC(y, m - 1, d);
  const start = Date.UTC(y, m - 1 - 11, 1); // the first day of the month eleven months before T's month
  let sum = 0n;
  for (const r of revenue) {
    if (r.partnerId !== partnerId || !refDpor(r.attribution) || !refEligible(r.product, asOf)) continue;
    const [ry, rm, rd] = r.date.split('-').map(Number) as [number, number, number | undefined];
    // A month-only row stands for its month: it counts when the month is in the window, i.e. its first day is in it.
    const t = Date.UTC(ry, rm - 1, rd ?? 1);
    if (t >= start && t <= end) sum += BigInt(r.amountCents);
  }
  return sum;
}

test('TTM revenue is the exact integer sum of the cents of the rows docs/rules.md 3 counts', () => {
  fc.assert(fc.property(rowsArb, ({ asOf, revenue }) => {
    const r = evaluate({ asOf, revenue, certifications: [], partners: PARTNERS.map((partnerId) => ({ partnerId })) });
    for (const p of r.partners) {
      const expected = referenceTtmCents(revenue, p.partnerId as string, asOf);
      expect(Number.isSafeInteger(p.ttmRevenueCents)).toBe(true);
      expect(BigInt(p.ttmRevenueCents)).toBe(expected);
      const n = revenue.filter((row) => row.partnerId === p.partnerId).length;
      expect(p.rows.revenue).toBe(n);
    }
  }), { numRuns: 300 });
});
