/**
 * Next steps (docs/rules.md 15): for each partner, what keeps its current level through the
 * 12-month outlook (revenue to book by each month-end, and the exams that refill a slot that
 * empties), and what reaches the next level today (the revenue gap and the exam plan).
 *
 * Every step is checkable with the what-if (src/core/whatif.ts): stepAssumptions turns a step
 * into assumptions. A keep step's revenue entries, assumed in their months with the step's
 * exams, hold the level through each entry's month-end, and one cent less in that entry does
 * not; a reach step's revenue and exams, assumed at the as-of date, reach the level. Property
 * tests check both laws over random partners.
 *
 * Revenue "by a month-end" is dated on the month's first day, as the what-if dates expected
 * revenue: Partner Center reports revenue by month, and a month's revenue counts for that month.
 */
import { firstDayOfMonth, isoFromDay, monthOfDay, type IsoDate } from './dates';
import type { AttainableLevel, ExamRole, Market, Rulebook } from './rulebook';
import { planExams, slotsMet, PlanScratch, type PlannedExam, type Qualification } from './slots';
import type { Evaluation, EvaluationInput, Level } from './evaluate';
import { historyFor, type History, type HistoryOf, type SharedHistory } from './history';
import { InvalidArgumentError } from './errors';
import type { Assumptions } from './whatif';

/** Counted revenue to be booked, in total, by the end of a month (a cumulative schedule). */
export interface RevenueByMonth {
  /** "YYYY-MM": the month the additional revenue is booked in. */
  readonly month: string;
  /** The month's last day. */
  readonly by: IsoDate;
  /** Additional counted US cents booked from the as-of date up to this month, in total. */
  readonly totalCents: number;
}

/** One person's part of an exam plan: the exams they pass (one of `anyOf` per role). */
export interface PersonPlan {
  /** Display name of an existing person; null for a person the partner would add. */
  readonly person: string | null;
  /** The person's key as the certification table writes it; null for a new person. */
  readonly personKey: string | null;
  /** 1, 2, ... for people the partner would add; null for existing people. */
  readonly newPerson: number | null;
  readonly exams: readonly { readonly role: ExamRole; readonly anyOf: readonly string[] }[];
  /** The last day the passes may be dated (keep steps); null when today's plan (reach steps). */
  readonly by: IsoDate | null;
}

/** What keeps the current level through the outlook. */
export interface KeepStep {
  readonly kind: 'keep';
  readonly level: AttainableLevel;
  /** Last day the level holds with no new rows (holds-until). */
  readonly until: IsoDate;
  /** What ends the level on the day after `until` (as holds-until's cause): revenue, exams, or both. */
  readonly cause: 'revenue' | 'exams' | 'both';
  /** Cumulative: each entry's total includes the earlier entries'. Empty when revenue holds. */
  readonly revenue: readonly RevenueByMonth[];
  /** Who refills the slots that empty, and by when. Empty when the exam slots hold. */
  readonly exams: readonly PersonPlan[];
}

/** What reaches the next level at the as-of date. */
export interface ReachStep {
  readonly kind: 'reach';
  readonly level: AttainableLevel;
  /** Additional counted US cents needed today (0 when revenue is met). */
  readonly revenueCents: number;
  readonly exams: readonly PersonPlan[];
  /** The day the level is reached with no new rows (a rulebook change), when within the outlook. */
  readonly reachedOn: IsoDate | null;
}

export type NextStep = KeepStep | ReachStep;

/** One partner's next steps: keep first (when the level ends within the outlook), then reach. */
export interface PartnerNextSteps {
  readonly partnerId: string | null;
  readonly level: Level;
  readonly steps: readonly NextStep[];
}

/** What nextSteps needs besides the input. */
export interface NextStepsOptions {
  /** Only these partners (null: the organisation of a workbook without ids); default all. */
  readonly partnerIds?: readonly (string | null)[] | undefined;
  /** The evaluation of the same input, when the caller has it (saves one). */
  readonly evaluation?: Evaluation | undefined;
  /** A History shared with the same input's timelines (see sharedHistory): used when it covers every partner. */
  readonly shared?: SharedHistory | undefined;
}

const LEVELS: readonly AttainableLevel[] = ['silver', 'gold'];
const ROLE_BIT: Readonly<Record<ExamRole, number>> = { application: 1, deployment: 2, customization: 4 };
const ROLE_OF_INDEX: readonly ExamRole[] = ['application', 'deployment', 'customization'];
/** Planned exam plans are redone at most this often (each refills what empties on one day). */
const MAX_EXAM_ROUNDS = 6;
const isoMonth = (m: number): string => isoFromDay(firstDayOfMonth(m)).slice(0, 7);
const monthEnd = (m: number): IsoDate => isoFromDay(firstDayOfMonth(m + 1) - 1);

/**
 * The next steps of each partner of an evaluation input (docs/rules.md 15).
 * @example
 * nextSteps({ asOf: "2018-06-30", revenue, certifications, partners }).find((p) => p.partnerId === "1004")!.steps[0]
 *   // { kind: "keep", level: "silver", until: "2018-07-31", cause: "revenue", revenue: [{ month: "2018-08", by: "2018-08-31", totalCents: 2300000 }, ...], exams: [] }
 * @throws InvalidArgumentError when asOf is not a date; RulebookError for an unknown forced rulebook
 */
export function nextSteps(input: EvaluationInput, options: NextStepsOptions = {}): PartnerNextSteps[] {
  return nextStepsCursor(input, options).all();
}

/** Each partner's next steps, worked out when first asked for (see nextStepsCursor). */
export interface NextStepsCursor {
  /** How many partners there are (the History is built on the first call of either method). */
  length(): number;
  /** Partner p's next steps (p in the evaluation's partner order), made once. */
  at(p: number): PartnerNextSteps;
  /** Every partner's, in order (the ones asked for already are not made again). */
  all(): PartnerNextSteps[];
}

/**
 * nextSteps one partner at a time, nothing done until asked: a writer that shows each partner's
 * next step on its row works them out as it writes the rows (the CLI's --out does so while
 * zlib's threads compress the patched sheets), and asks again for free. The answers are
 * nextSteps' own: it is this cursor read from the first partner to the last, and each partner's
 * steps depend only on the History and the days every partner is checked on, not on the order
 * the partners are asked in.
 * @example const c = nextStepsCursor(input, { evaluation }); c.at(3).steps[0]?.kind // "keep"
 * @throws InvalidArgumentError, RulebookError as nextSteps, from the first call of length or at
 */
export function nextStepsCursor(input: EvaluationInput, options: NextStepsOptions = {}): NextStepsCursor {
  let made: Prepared | undefined;
  const done: PartnerNextSteps[] = [];
  const prepared = (): Prepared => {
    if (made) return made;
    // Only days from the as-of date on are asked about: a shared History reaching further back answers alike.
    const { history: h, statuses, futureCommon, horizon } = historyFor(input, { ...options, monthsBefore: 0, monthsAfter: 12 }, options.shared, true);
    return made = { h, statuses, checks: [...futureCommon].sort((a, b) => a - b), horizon, scratch: new PlanScratch() };
  };
  const at = (p: number): PartnerNextSteps => done[p] ??= stepsOf(prepared(), p);
  return {
    length: () => prepared().statuses.length,
    at,
    all: () => Array.from({ length: prepared().statuses.length }, (_, p) => at(p)),
  };
}

/** What every partner's next steps are worked out from: the History, the days checked, the outlook. */
interface Prepared { readonly h: History; readonly statuses: HistoryOf['statuses']; readonly checks: number[]; readonly horizon: number; readonly scratch: PlanScratch }

/** Partner p's next steps: keep first (when its level ends within the outlook), then reach. */
function stepsOf(m: Prepared, p: number): PartnerNextSteps {
  const { h, checks, horizon, scratch } = m;
  const status = m.statuses[p];
  if (status === undefined) throw new InvalidArgumentError('partner index', `${p} is not one of the ${m.statuses.length} partners`);
  const steps: NextStep[] = [];
  const rank = status.level === 'gold' ? 2 : status.level === 'silver' ? 1 : 0;
  if (rank > 0) {
    const keep = keepStep(h, p, status.market, LEVELS[rank - 1] as AttainableLevel, checks, horizon, scratch);
    if (keep) steps.push(keep);
  }
  if (status.nextLevel !== null) {
    const next = status.nextLevel;
    const reachedOn = checks.find((d) => rises(h, p, status.market, d, rank));
    steps.push({
      kind: 'reach', level: next, revenueCents: status.revenueGapCents[next],
      exams: personPlans(status.examPlans[next], null), reachedOn: reachedOn === undefined ? null : isoFromDay(reachedOn),
    });
  }
  return { partnerId: status.partnerId, level: status.level, steps };
}

/**
 * True when partner p's level on day D is above `rank`: as h.rank(...).rank > rank, but without
 * counting people when the revenue is short of every higher level's threshold (most days of most
 * partners: counting is the costly half).
 */
function rises(h: History, p: number, market: Market, D: number, rank: number): boolean {
  const r = h.bookAt(D);
  const thresholds = (h.books[r] as Rulebook).thresholdsCents;
  const least = rank === 0 ? Math.min(thresholds.silver[market], thresholds.gold[market]) : rank === 1 ? thresholds.gold[market] : Infinity;
  const revenue = h.ttm(p, r, D);
  return revenue >= least && h.rankWith(p, market, D, r, revenue) > rank;
}

/** The keep step of partner p at `level`, or null when the level holds through the outlook. */
function keepStep(
  h: History, p: number, market: Market, level: AttainableLevel, checks: readonly number[], horizon: number, scratch: PlanScratch,
): KeepStep | null {
  const revenue = revenueSchedule(h, p, market, level, checks);
  const firstExamFail = firstExamFailure(h, p, level, checks, new Map());
  const plans = examRounds(h, p, level, checks, horizon, scratch, firstExamFail);
  const firstRevenueFail = checks.find((d) => {
    const r = h.bookAt(d);
    return h.ttm(p, r, d) < (h.books[r] as Rulebook).thresholdsCents[level][market];
  });
  const fail = Math.min(firstRevenueFail ?? Infinity, firstExamFail ?? Infinity);
  if (fail === Infinity) return null;
  // The cause is what ends the level on `until` (as holds-until's); the schedule and the plans
  // cover the whole outlook, since every month's revenue leaves the window within it.
  const cause = fail === firstRevenueFail ? (fail === firstExamFail ? 'both' : 'revenue') : 'exams';
  return { kind: 'keep', level, until: isoFromDay(fail - 1), cause, revenue, exams: plans };
}

/**
 * The smallest cumulative revenue schedule: for each check day in order, what is still missing
 * after the revenue booked so far (that is still in the window then) is booked in that day's
 * month. Revenue booked in a month counts from its first day, so it holds every day of the month.
 */
function revenueSchedule(h: History, p: number, market: Market, level: AttainableLevel, checks: readonly number[]): RevenueByMonth[] {
  const booked: { month: number; cents: number }[] = [];
  for (const d of checks) {
    const r = h.bookAt(d);
    const deficit = (h.books[r] as Rulebook).thresholdsCents[level][market] - h.ttm(p, r, d);
    const m = monthOfDay(d);
    let inWindow = 0;
    for (const b of booked) if (b.month >= m - 11) inWindow += b.cents;
    // Whole cents; the tolerance keeps float noise of fractional-cent inputs from adding a cent.
    const need = Math.ceil(deficit - inWindow - 1e-6);
    if (need <= 0) continue;
    const last = booked[booked.length - 1];
    if (last?.month === m) last.cents += need;
    else booked.push({ month: m, cents: need });
  }
  let total = 0;
  return booked.map((b) => {
    total += b.cents;
    return { month: isoMonth(b.month), by: monthEnd(b.month), totalCents: total };
  });
}

/** Planned roles per person id (new people: -1, -2, ...), each with the day they count from. */
type Planned = Map<number, { bits: number; from: number }>;

/** Role bits of each of partner p's people on day D under book r, planned passes included. */
function heldOn(h: History, p: number, r: number, D: number, planned: Planned): Map<number, number> {
  const held = new Map<number, number>();
  for (const s of h.passes[p] ?? []) {
    const role = s.role[r] as number;
    if (role >= 0 && s.day <= D && (s.until[r] as number) >= D) held.set(s.person, (held.get(s.person) ?? 0) | (1 << role));
  }
  for (const [who, plan] of planned) if (plan.from <= D) held.set(who, (held.get(who) ?? 0) | plan.bits);
  return held;
}

/**
 * The first check day on which the level's exam slots are not met, or undefined. Without planned
 * passes (every partner's first question) the history counts the people in its own scratch
 * space; with them, their roles are added person by person.
 */
function firstExamFailure(h: History, p: number, level: AttainableLevel, checks: readonly number[], planned: Planned): number | undefined {
  return checks.find((d) => {
    const r = h.bookAt(d);
    const slots = (h.books[r] as Rulebook).slots[level];
    if (planned.size === 0) {
      h.count(p, r, d);
      return !slotsMet(h.counts.x, h.counts.y, h.counts.either, slots);
    }
    let x = 0, y = 0, either = 0;
    for (const bits of heldOn(h, p, r, d, planned).values()) {
      const ad = (bits & 3) === 3, c = (bits & 4) !== 0;
      if (ad) x++;
      if (c) y++;
      if (ad || c) either++;
    }
    return !slotsMet(x, y, either, slots);
  });
}

/**
 * The exam plans that keep the level's slots filled through the outlook: on the first day they
 * fail, the fewest passes (as evaluate's plans) by the day before, with exams that count from
 * then to the horizon; again until nothing fails.
 */
function examRounds(
  h: History, p: number, level: AttainableLevel, checks: readonly number[], horizon: number, scratch: PlanScratch, firstFailure: number | undefined,
): PersonPlan[] {
  const planned: Planned = new Map();
  const plans: PersonPlan[] = [];
  let newPeople = 0;
  for (let round = 0; round < MAX_EXAM_ROUNDS; round++) {
    // The first round's day is the caller's (nothing planned yet): not looked for twice.
    const D = round === 0 ? firstFailure : firstExamFailure(h, p, level, checks, planned);
    if (D === undefined) break;
    const r = h.bookAt(D);
    const held = heldOn(h, p, r, D, planned);
    const people: Qualification[] = [...(h.activePeople[p] ?? [])].map((who) => qualification(h.keys[who] as string, h.names[who] as string, held.get(who) ?? 0))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // People planned in an earlier round are candidates too, after the existing ones.
    for (const [who, plan] of planned) if (who < 0) people.push(qualification(`\u0000${-who}`, '', plan.bits));
    const examsFor = keepExams(h, D - 1, horizon);
    const plan = planExams(people, (h.books[r] as Rulebook).slots[level], examsFor, scratch);
    if (plan.length === 0) break; // nothing can refill it (no exam counts through the outlook)
    const renamed = plan.map((e): PlannedExam => {
      if (e.individualKey?.startsWith('\u0000')) return { ...e, individualKey: null, newIndividual: Number(e.individualKey.slice(1)) };
      return e.newIndividual === null ? e : { ...e, newIndividual: newPeople + e.newIndividual };
    });
    for (const e of renamed) {
      const who = e.newIndividual !== null ? -e.newIndividual : idOfKey(h, p, e.individualKey as string);
      const before = planned.get(who);
      planned.set(who, { bits: (before?.bits ?? 0) | ROLE_BIT[e.role], from: Math.min(before?.from ?? Infinity, D - 1) });
    }
    newPeople = Math.max(newPeople, ...renamed.map((e) => e.newIndividual ?? 0));
    plans.push(...personPlans(renamed, isoFromDay(D - 1)));
  }
  return plans;
}

function qualification(key: string, name: string, bits: number): Qualification {
  return { key, name, application: (bits & 1) !== 0, deployment: (bits & 2) !== 0, customization: (bits & 4) !== 0 };
}

function idOfKey(h: History, p: number, key: string): number {
  for (const who of h.activePeople[p] ?? []) if (h.keys[who] === key) return who;
  return Number.NaN;
}

/**
 * Exams a pass dated `day` may be of to keep a slot through the horizon: listed with the same
 * role by every rulebook in force from that day to the horizon, takeable that day, and accepted
 * through the horizon (so MB2-709 is never planned to refill what MB2-709 leaves).
 */
function keepExams(h: History, day: number, horizon: number): (role: ExamRole) => readonly string[] {
  const books = new Set<Rulebook>([h.books[h.bookAt(day)] as Rulebook]);
  for (const b of h.books) if (b.effectiveFromDay > day && b.effectiveFromDay <= horizon && h.books[h.bookAt(b.effectiveFromDay)] === b) books.add(b);
  const first = [...books][0] as Rulebook;
  const lists = ROLE_OF_INDEX.map((role) => [...first.exams.values()]
    .filter((x) => x.role === role && [...books].every((b) => {
      const e = b.exams.get(x.code);
      return e !== undefined && e.role === role && e.availableFromDay <= day && e.retiredAfterDay >= day && e.acceptedUntilDay >= horizon;
    }))
    .map((x) => x.code));
  return (role) => lists[ROLE_OF_INDEX.indexOf(role)] as string[];
}

/** Planned exams grouped into one item per person, in the plan's order. */
function personPlans(plan: readonly PlannedExam[], by: IsoDate | null): PersonPlan[] {
  const out: { person: string | null; personKey: string | null; newPerson: number | null; exams: { role: ExamRole; anyOf: readonly string[] }[]; by: IsoDate | null }[] = [];
  for (const e of plan) {
    const same = out.find((o) => (e.newIndividual !== null ? o.newPerson === e.newIndividual : o.personKey === e.individualKey));
    const exam = { role: e.role, anyOf: e.exams };
    if (same) same.exams.push(exam);
    else out.push({ person: e.newIndividual !== null ? null : e.individual, personKey: e.individualKey, newPerson: e.newIndividual, exams: [exam], by });
  }
  return out;
}

/**
 * The what-if assumptions that stand for a step of a partner: a keep step's revenue entries up
 * to `through` (default all) as the amount added in each month, and its exams passed on their
 * `by` day; a reach step's revenue in the as-of month and its exams passed on the as-of date.
 * New people are named "New person N". Each planned role is passed with its first listed exam.
 * @example whatIf(input, stepAssumptions("1004", steps[0], "2018-06-30")).partners[0].outlook.holdsUntil
 * @throws nothing
 */
export function stepAssumptions(partnerId: string | null, step: NextStep, asOf: IsoDate, through?: number): Assumptions {
  const passes = step.exams.flatMap((item) => item.exams.map((e) => ({
    partnerId, individual: item.personKey ?? `New person ${item.newPerson ?? 0}`, exam: e.anyOf[0] ?? '', date: item.by ?? asOf,
  })));
  if (step.kind === 'reach') {
    return { passes, revenue: step.revenueCents > 0 ? [{ partnerId, month: asOf.slice(0, 7), amountCents: step.revenueCents }] : [] };
  }
  const entries = step.revenue.slice(0, through === undefined ? undefined : through + 1);
  return { passes, revenue: entries.map((e, i) => ({ partnerId, month: e.month, amountCents: e.totalCents - (i === 0 ? 0 : (entries[i - 1] as RevenueByMonth).totalCents) })) };
}
