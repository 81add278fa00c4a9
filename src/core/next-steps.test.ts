import fc from 'fast-check';
import {
  addMonths, builtInRulebooks, dayFromIso, evaluate, firstDayOfMonth, isoFromDay, loadRulebook, monthOfDay, nextSteps, nextStepsCursor, sharedHistory, InvalidArgumentError, stepAssumptions, timelines, whatIf,
  type Assumptions, type CertificationRecord, type EvaluationInput, type KeepStep, type Level, type NextStep, type PartnerRecord, type ReachStep, type RevenueRecord,
} from './index';
import july from './rulebooks/cloud-crm-2017-07.json';
import { GOLD_TEAM, SILVER_TEAM, appDep, cust, pass, rev } from '../../test/support/records';

const RANK: Readonly<Record<Level, number>> = { none: 0, silver: 1, gold: 2 };

/** The steps of the only (or named) partner. */
function stepsOf(input: EvaluationInput, partnerId: string | null = null): readonly NextStep[] {
  const all = nextSteps(input);
  return (all.find((p) => p.partnerId === partnerId) ?? all[0])?.steps ?? [];
}
const keepOf = (steps: readonly NextStep[]): KeepStep | undefined => steps.find((s): s is KeepStep => s.kind === 'keep');
const reachOf = (steps: readonly NextStep[]): ReachStep | undefined => steps.find((s): s is ReachStep => s.kind === 'reach');

/** Days after the as-of date on which a level can change under these rulebooks, up to `last`. */
function changeDays(asOf: string, last: number, books = builtInRulebooks(), assumptions: Assumptions = {}): number[] {
  const T = dayFromIso(asOf) as number;
  const days = new Set<number>();
  for (let m = monthOfDay(T) + 1; firstDayOfMonth(m) <= last; m++) days.add(firstDayOfMonth(m));
  for (const b of books) {
    days.add(b.effectiveFromDay);
    for (const x of b.exams.values()) days.add(x.acceptedUntilDay + 1);
  }
  for (const p of assumptions.passes ?? []) days.add(dayFromIso(p.date) as number);
  return [...days].filter((d) => d > T && d <= last).sort((a, b) => a - b);
}

/**
 * True when, with the assumptions, the partner holds `rank` or better from the as-of date through
 * `last` (a day): the what-if's outlook when its level is that rank, else evaluate on every day
 * the level can change (the assumptions may raise the level at the as-of date itself).
 */
function holdsThrough(input: EvaluationInput, partnerId: string | null, assumptions: Assumptions, rank: number, last: number): boolean {
  const o = whatIf(input, assumptions, { partnerIds: [partnerId], monthsBefore: 0 }).partners[0]?.outlook;
  if (o === undefined || RANK[o.level] < rank) return false;
  if (RANK[o.level] === rank) return o.holdsUntil === null || (dayFromIso(o.holdsUntil) as number) >= last;
  const T = dayFromIso(input.asOf) as number;
  const known: EvaluationInput = {
    ...input,
    revenue: (input.revenue as readonly RevenueRecord[]).filter((r) => (dayFromIso(r.date.length === 7 ? `${r.date}-01` : r.date) ?? Infinity) <= T),
    certifications: (input.certifications as readonly CertificationRecord[]).filter((c) => (dayFromIso(c.datePassed) ?? Infinity) <= T),
  };
  return changeDays(input.asOf, last, input.rulebooks ?? builtInRulebooks(), assumptions).every((d) => {
    const e = whatIf({ ...known, asOf: isoFromDay(d) }, assumptions, { partnerIds: [partnerId], monthsBefore: 0, monthsAfter: 0 });
    return RANK[e.partners[0]?.outlook.level ?? 'none'] >= rank;
  });
}

/** The last day a keep entry must hold through: its month's end, or the horizon when earlier. */
const entryEnd = (asOf: string, by: string): number => Math.min(dayFromIso(by) as number, addMonths(dayFromIso(asOf) as number, 12));

/** Less one cent in entry k of a keep step (the later entries left out). */
function lessOneCent(a: Assumptions): Assumptions {
  const revenue = [...(a.revenue ?? [])];
  const last = revenue[revenue.length - 1];
  if (last) revenue[revenue.length - 1] = { ...last, amountCents: last.amountCents - 1 };
  return { ...a, revenue };
}

/** Checks the laws of every step of every partner (docs/rules.md 15) with the what-if. */
function expectStepsCheckable(input: EvaluationInput): void {
  const evaluation = evaluate(input);
  for (const { partnerId, level, steps } of nextSteps(input, { evaluation })) {
    const status = evaluation.partners.find((s) => s.partnerId === partnerId);
    const keep = keepOf(steps);
    // A keep step exactly when the level ends within the outlook, ending when evaluate says.
    expect(keep?.until ?? null).toBe(status?.holdsUntil ?? null);
    if (keep) {
      expect(keep.level).toBe(level);
      expect(keep.revenue.length + keep.exams.length).toBeGreaterThan(0);
      keep.revenue.forEach((entry, k) => {
        const a = stepAssumptions(partnerId, keep, input.asOf, k);
        const last = entryEnd(input.asOf, entry.by);
        expect(holdsThrough(input, partnerId, a, RANK[level], last)).toBe(true);
        expect(holdsThrough(input, partnerId, lessOneCent(a), RANK[level], last)).toBe(false);
      });
      const all = stepAssumptions(partnerId, keep, input.asOf);
      expect(holdsThrough(input, partnerId, all, RANK[level], addMonths(dayFromIso(input.asOf) as number, 12))).toBe(true);
    }
    const reach = reachOf(steps);
    expect(reach?.level ?? null).toBe(status?.nextLevel ?? null);
    if (reach) {
      const a = stepAssumptions(partnerId, reach, input.asOf);
      const o = whatIf(input, a, { partnerIds: [partnerId], monthsBefore: 0 }).partners[0]?.outlook;
      expect(RANK[o?.level ?? 'none']).toBeGreaterThanOrEqual(RANK[reach.level]);
      if (reach.revenueCents > 0) expect(RANK[whatIf(input, lessOneCent(a), { partnerIds: [partnerId], monthsBefore: 0 }).partners[0]?.outlook.level ?? 'none']).toBeLessThan(RANK[reach.level]);
    }
  }
}

describe('keep: what holds the current level through the outlook, for each cause', () => {
  test('revenue leaving the window: the smallest total to book by each month-end, a cumulative schedule', () => {
    // Silver (developed, US$ 100,000) on US$ 120,000 booked in 2017-08: it leaves on 2018-08-01.
    const input: EvaluationInput = { asOf: '2018-06-30', revenue: [rev('2017-08-10', 120_000), rev('2018-03-10', 30_000)], certifications: SILVER_TEAM };
    const keep = keepOf(stepsOf(input));
    expect(keep).toEqual({
      kind: 'keep', level: 'silver', until: '2018-07-31', cause: 'revenue', exams: [],
      revenue: [{ month: '2018-08', by: '2018-08-31', totalCents: 70_000_00 }, { month: '2019-03', by: '2019-03-31', totalCents: 100_000_00 }],
    });
    expectStepsCheckable(input);
  });

  test('MB2-709 no longer accepted: which slot empties, and who refills it by when with an exam that still counts', () => {
    const certifications = [pass('Ana', 'MB2-709', '2017-06-01'), pass('Ana', 'MB2-706', '2017-06-01'), ...cust('Bo')];
    const input: EvaluationInput = { asOf: '2018-11-01', revenue: [rev('2018-10-01', 120_000)], certifications };
    const keep = keepOf(stepsOf(input));
    // Revenue leaves later (October 2019, within the outlook): the schedule says so too.
    expect(keep).toMatchObject({ level: 'silver', until: '2018-12-31', cause: 'exams', revenue: [{ month: '2019-10', totalCents: 100_000_00 }] });
    expect(keep?.exams).toEqual([{ person: 'Ana', personKey: 'ana', newPerson: null, by: '2018-12-31', exams: [{ role: 'application', anyOf: ['MB2-714', 'MB2-713', 'MB2-717', 'MB2-718', 'MB2-877'] }] }]);
    expectStepsCheckable(input);
  });

  test('a person who left is not planned; a new person is', () => {
    const certifications = [pass('Ana', 'MB2-709', '2017-06-01'), pass('Ana', 'MB2-706', '2017-06-01'), ...cust('Bo'), pass('Ana', 'MB2-714', '2016-01-01', { active: false })];
    const input: EvaluationInput = { asOf: '2018-11-01', revenue: [rev('2018-10-01', 120_000)], certifications };
    // Ana still has an active row: she is planned. Without any active row she would not be.
    expect(keepOf(stepsOf(input))?.exams[0]?.person).toBe('Ana');
    const gone = { ...input, certifications: [pass('Ana', 'MB2-709', '2017-06-01', { active: true }), pass('Ana', 'MB2-706', '2017-06-01'), ...cust('Bo')].map((c) => (c.individual === 'Ana' ? { ...c, active: false } : c)) };
    expect(stepsOf(gone)[0]?.kind).toBe('reach'); // no level to keep: Ana's passes no longer count at all
  });

  test('both causes on the same day: revenue by month-end and the exams that refill the slot', () => {
    const certifications = [pass('Ana', 'MB2-709', '2017-06-01'), pass('Ana', 'MB2-706', '2017-06-01'), ...cust('Bo')];
    const input: EvaluationInput = { asOf: '2018-11-01', revenue: [rev('2018-01-05', 120_000)], certifications };
    const keep = keepOf(stepsOf(input));
    expect(keep).toMatchObject({ until: '2018-12-31', cause: 'both', revenue: [{ month: '2019-01', by: '2019-01-31', totalCents: 100_000_00 }] });
    expect(keep?.exams).toHaveLength(1);
    expectStepsCheckable(input);
  });

  test('a rulebook change that raises the threshold: the revenue needed from the day it comes into force', () => {
    const stricter = loadRulebook({ ...july, id: 'test-stricter', effectiveFrom: '2018-09-16', thresholdsUsd: { silver: { developed: 150000, developing: 50000 }, gold: { developed: 300000, developing: 150000 } } });
    const input: EvaluationInput = { asOf: '2018-06-30', revenue: [rev('2018-06-01', 120_000)], certifications: SILVER_TEAM, rulebooks: [loadRulebook(july), stricter] };
    expect(keepOf(stepsOf(input))).toEqual({
      kind: 'keep', level: 'silver', until: '2018-09-15', cause: 'revenue', exams: [],
      revenue: [{ month: '2018-09', by: '2018-09-30', totalCents: 30_000_00 }, { month: '2019-06', by: '2019-06-30', totalCents: 150_000_00 }],
    });
    expectStepsCheckable(input);
  });

  test('Gold that would fall to Silver is kept at Gold', () => {
    const input: EvaluationInput = { asOf: '2018-06-30', revenue: [rev('2017-09-10', 200_000), rev('2018-02-10', 150_000)], certifications: GOLD_TEAM };
    expect(keepOf(stepsOf(input))).toMatchObject({
      level: 'gold', until: '2018-08-31', cause: 'revenue', revenue: [{ month: '2018-09', totalCents: 150_000_00 }, { month: '2019-02', totalCents: 300_000_00 }],
    });
    expectStepsCheckable(input);
  });

  test('every level has a keep step: even this month\'s revenue leaves the window within the outlook', () => {
    const input: EvaluationInput = { asOf: '2018-06-30', revenue: [rev('2018-06-10', 400_000)], certifications: GOLD_TEAM };
    expect(stepsOf(input)).toEqual([{
      kind: 'keep', level: 'gold', until: '2019-05-31', cause: 'revenue', exams: [], revenue: [{ month: '2019-06', by: '2019-06-30', totalCents: 300_000_00 }],
    }]);
  });
});

describe('reach: the next level today', () => {
  test('the revenue gap and today\'s exam plan, one item per person', () => {
    const input: EvaluationInput = { asOf: '2018-06-30', revenue: [rev('2018-03-10', 60_900)], certifications: [pass('Min-jun Kim', 'MB2-714', '2018-01-10'), ...cust('Bo')] };
    expect(reachOf(stepsOf(input))).toEqual({
      kind: 'reach', level: 'silver', revenueCents: 39_100_00, reachedOn: null,
      exams: [{ person: 'Min-jun Kim', personKey: 'min-junkim', newPerson: null, by: null, exams: [{ role: 'deployment', anyOf: ['MB2-710', 'MB2-706', 'MB2-715'] }] }],
    });
    expectStepsCheckable(input);
  });

  test('a level that would rise on its own: the day the rulebook change brings it', () => {
    // MB2-715 counts only from the November 2017 rulebook: Carla's second deployment slot arrives then.
    const certifications = [...appDep('Ana Souza'), pass('Carla', 'MB2-714', '2017-09-01'), pass('Carla', 'MB2-715', '2017-09-01'), ...cust('Bruno Lima'), ...cust('Davi Reis')];
    const input: EvaluationInput = { asOf: '2017-10-31', revenue: [rev('2017-10-01', 320_000)], certifications };
    const steps = stepsOf(input);
    expect(keepOf(steps)).toMatchObject({ level: 'silver', until: '2018-09-30' });
    expect(reachOf(steps)).toMatchObject({ level: 'gold', revenueCents: 0, reachedOn: '2017-11-16' });
    expect(reachOf(steps)?.exams).toHaveLength(1);
    expectStepsCheckable(input);
  });

  test('Gold has no reach step', () => {
    const input: EvaluationInput = { asOf: '2018-06-30', revenue: [rev('2018-06-10', 400_000)], certifications: GOLD_TEAM };
    expect(reachOf(stepsOf(input))).toBeUndefined();
  });
});

// --- Properties over random partners.

const DAY_MS = 864e5;
const isoOf = (utcMs: number): string => new Date(utcMs).toISOString().slice(0, 10);
const dayBetween = (from: string, to: string): fc.Arbitrary<string> =>
  fc.integer({ min: Date.parse(from) / DAY_MS, max: Date.parse(to) / DAY_MS }).map((d) => isoOf(d * DAY_MS));
const PARTNERS = ['P1', 'P2'];
const PEOPLE = ['Ana Souza', 'Bo', 'Cy', 'Di'];
const EXAMS = ['MB2-714', 'MB2-709', 'MB2-709', 'MB2-877', 'MB2-710', 'MB2-715', 'MB2-712', 'MB2-716'];
// Unbiased: fast-check's bias towards the ends of ranges gives partners with cents and no level.
const revenueRow: fc.Arbitrary<RevenueRecord> = fc.noBias(fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  product: fc.constantFrom('CRM Online', 'CRM Online', 'Dynamics 365 Customer Engagement', 'Azure'),
  date: dayBetween('2016-06-01', '2019-06-30'),
  amountCents: fc.oneof(fc.integer({ min: -2_000_000, max: 5_000_000 }), fc.integer({ min: 1, max: 40_000_000 }), fc.integer({ min: 1, max: 40_000_000_00 }).map((c) => c / 100)),
  attribution: fc.constantFrom('DPOR', 'DPOR', 'DPOR', undefined, 'CPOR'),
}));
const certRow: fc.Arbitrary<CertificationRecord> = fc.record({
  partnerId: fc.constantFrom(...PARTNERS),
  individual: fc.constantFrom(...PEOPLE),
  exam: fc.constantFrom(...EXAMS),
  datePassed: dayBetween('2016-06-01', '2019-06-30'),
  active: fc.constantFrom(true, true, true, false),
});
const stricterArb = fc.record({ from: dayBetween('2017-12-01', '2019-12-31'), silver: fc.integer({ min: 20_000, max: 200_000 }) })
  .map(({ from, silver }) => loadRulebook({ ...july, id: 'test-other', effectiveFrom: from, thresholdsUsd: { silver: { developed: silver, developing: silver / 2 }, gold: { developed: 300000, developing: 150000 } } }));
/** A team that fills Silver's slots (a partner with no level teaches little about keeping one). */
const teamArb: fc.Arbitrary<CertificationRecord[]> = fc.noBias(fc.record({ partnerId: fc.constantFrom(...PARTNERS), day: dayBetween('2016-06-01', '2018-06-30'), application: fc.constantFrom('MB2-714', 'MB2-709') }))
  .map(({ partnerId, day, application }) => [pass('Ana Souza', application, day, { partnerId }), pass('Ana Souza', 'MB2-710', day, { partnerId }), pass('Bo', 'MB2-712', day, { partnerId })]);
const inputArb: fc.Arbitrary<EvaluationInput> = fc.noBias(fc.record({
  asOf: fc.noBias(dayBetween('2017-06-01', '2019-03-31')),
  revenue: fc.array(revenueRow, { maxLength: 40 }),
  certifications: fc.tuple(fc.array(certRow, { maxLength: 20 }), fc.array(teamArb, { minLength: 1, maxLength: 3 })).map(([rows, teams]) => [...rows, ...teams.flat()]),
  markets: fc.array(fc.constantFrom<PartnerRecord['market']>('developed', 'developing', undefined), { minLength: 2, maxLength: 2 }),
  rulebooks: fc.option(stricterArb.map((b) => [loadRulebook(july), b]), { nil: undefined }),
  // Revenue in the months around the as-of date (so levels are common), months back and US$.
  recent: fc.array(fc.record({ partnerId: fc.constantFrom(...PARTNERS), back: fc.integer({ min: 0, max: 13 }), usd: fc.integer({ min: 5_000, max: 150_000 }) }), { maxLength: 8 }),
}).map(({ markets, recent, asOf, revenue, ...rest }) => ({
  ...rest,
  asOf,
  revenue: [...revenue, ...recent.map(({ partnerId, back, usd }) => rev(isoFromDay(addMonths(dayFromIso(asOf) as number, -back)), usd, { partnerId }))],
  partners: PARTNERS.map((partnerId, i) => ({ partnerId, market: markets[i] })),
})));

test('every step is checkable with the what-if: keep entries hold through their month-end and one cent less does not; reach steps reach their level', () => {
  fc.assert(fc.property(inputArb, (input) => { expectStepsCheckable(input); }), { numRuns: 60 });
});

test('partners with a level get a keep step whose cause is what ends the level first, and partners below Gold a reach step', () => {
  // Inputs built to have both: revenue in one month only, so the level ends when it leaves.
  const partnerArb = fc.record({
    month: dayBetween('2017-07-01', '2018-05-31'), usd: fc.integer({ min: 100_000, max: 400_000 }), gold: fc.boolean(), with709: fc.boolean(),
  });
  fc.assert(fc.property(partnerArb, ({ month, usd, gold, with709 }) => {
    const team = with709 ? [pass('Ana', 'MB2-709', '2017-06-01'), pass('Ana', 'MB2-706', '2017-06-01'), ...cust('Bo')] : gold ? GOLD_TEAM : SILVER_TEAM;
    const input: EvaluationInput = { asOf: '2018-06-30', revenue: [rev(month, usd)], certifications: team };
    const steps = stepsOf(input);
    expect(keepOf(steps)).toBeDefined();
    // The revenue leaves twelve months after its month; MB2-709 stops counting on 2019-01-01.
    const leaves = `${Number(month.slice(0, 4)) + 1}${month.slice(4, 7)}`;
    expect(keepOf(steps)?.cause).toBe(!with709 || leaves < '2019-01' ? 'revenue' : leaves === '2019-01' ? 'both' : 'exams');
    expect(keepOf(steps)?.exams.length).toBe(with709 ? 1 : 0);
    expect(reachOf(steps)?.level).toBe(gold && !with709 && usd >= 300_000 ? undefined : 'gold');
    expectStepsCheckable(input);
  }), { numRuns: 15 });
});

test('a History shared with the timelines gives the same next steps and timelines as each its own', () => {
  fc.assert(fc.property(inputArb, (input) => {
    const evaluation = evaluate(input);
    const shared = sharedHistory(input, evaluation);
    expect(nextSteps(input, { evaluation, shared })).toEqual(nextSteps(input, { evaluation }));
    const own = timelines(input, { evaluation }), withShared = timelines(input, { evaluation, shared });
    // Given the evaluation, the partners are known before any History is built: the same ones.
    expect(withShared.partners).toEqual(timelines(input).partners);
    expect(timelines(input, { evaluation, partnerIds: ['P2', null] }).partners).toEqual(timelines(input, { partnerIds: ['P2', null] }).partners);
    own.partners.forEach((_, p) => {
      expect(withShared.at(p)).toEqual(own.at(p));
      expect(withShared.measures(p)).toEqual(own.measures(p));
    });
    // Not shared where it would answer otherwise: some partners, or other months.
    expect(nextSteps(input, { evaluation, shared, partnerIds: ['P2'] })).toEqual(nextSteps(input, { evaluation, partnerIds: ['P2'] }));
    expect(timelines(input, { evaluation, shared, monthsBefore: 3 }).at(0)).toEqual(timelines(input, { evaluation, monthsBefore: 3 }).at(0));
  }), { numRuns: 80 });
});

test('the cursor answers as nextSteps whatever order the partners are asked in, its History shared with timelines read meanwhile', () => {
  fc.assert(fc.property(inputArb, fc.boolean(), fc.boolean(), (input, reversed, timelineFirst) => {
    const evaluation = evaluate(input);
    const expected = nextSteps(input, { evaluation });
    const shared = sharedHistory(input, evaluation);
    const timeline = timelines(input, { evaluation, shared });
    const cursor = nextStepsCursor(input, { evaluation, shared });
    // The timeline may build the shared History first, or the cursor may.
    if (timelineFirst) timeline.measures(0);
    const order = expected.map((_, p) => p);
    if (reversed) order.reverse();
    for (const p of order) {
      expect(cursor.at(p)).toEqual(expected[p]);
      timeline.measures(p);
    }
    expect(cursor.length()).toBe(expected.length);
    // Asked again: made once, one by one or all together.
    expect(cursor.at(0)).toBe(cursor.at(0));
    expect(cursor.all()).toEqual(expected);
    if (expected.length > 0) expect(cursor.all()[0]).toBe(cursor.at(0));
  }), { numRuns: 60 });
});

test('timelines given the evaluation build the shared History only when a partner is asked for', () => {
  const input = { asOf: '2018-06-30', revenue: [rev('2018-01-15', 50_000)], certifications: SILVER_TEAM };
  const evaluation = evaluate(input);
  const shared = sharedHistory(input, evaluation);
  // Its History, once built, is what the shared object holds (history.ts's SharedHistoryOf.built).
  const built = (): unknown => (shared as { built?: unknown }).built;
  const cursor = timelines(input, { evaluation, shared });
  expect([cursor.partners.length, cursor.months.length, built()]).toEqual([1, 37, undefined]);
  expect(cursor.at(0).points).toHaveLength(37);
  expect(built()).toBeDefined();
});

test('the cursor refuses a partner index past the last', () => {
  const cursor = nextStepsCursor({ asOf: '2018-06-30', revenue: [rev('2018-01-15', 50_000)], certifications: SILVER_TEAM });
  expect(cursor.length()).toBe(1);
  expect(() => cursor.at(1)).toThrow(InvalidArgumentError);
});
