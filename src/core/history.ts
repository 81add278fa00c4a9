/**
 * The engine behind timeline() and nextSteps(): counted cents per partner, rulebook and month, and
 * each partner's exam passes, for every rulebook that can be in force, built in one pass over the
 * rows. Internal to core (not exported from its index): the timeline and the next steps read it.
 */
import { addMonths, dayFromIso, firstDayOfMonth, monthOfDay } from './dates';
import { InvalidArgumentError } from './errors';
import { builtInRulebooks, chooseRulebook, normalizeExamCode, type ExamRole, type Market, type Rulebook } from './rulebook';
import {
  certificationColumns, revenueColumns, type CertificationColumns, type CertificationRecord, type RevenueColumns, type RevenueRecord,
} from './columns';
import { evaluate, type Evaluation, type EvaluationInput, type PartnerStatus } from './evaluate';
import { slotsMet } from './slots';
import { productClasses, type ProductMapping } from './products';
import { UNREADABLE_DAY_BELOW } from './phases/scope';

const ROLE_INDEX: Readonly<Record<ExamRole, number>> = { application: 0, deployment: 1, customization: 2 };

/**
 * One exam pass that can count, with per-rulebook role (-1: not listed) and last counting day.
 * The arrays are shared by passes of the same exam counted by the same rulebooks: never written.
 */
export interface Pass {
  readonly person: number;
  readonly day: number;
  readonly exam: string;
  readonly role: Int8Array;
  readonly until: Float64Array;
}

/**
 * The engine behind timeline() and nextSteps(): counted cents per partner, rulebook and month, and exam passes
 * per partner, for every rulebook that can be in force. Queries answer "as of day D" for any D
 * from the first month covered to the last, counting rows dated after the as-of date only when
 * they are extra rows.
 */
export class History {
  readonly books: readonly Rulebook[];
  readonly m0: number;
  readonly months: number;
  /** Per book: P * months counted cents. */
  readonly buckets: Float64Array[];
  /** Extra revenue rows per partner: counted on their own day, under the books in `mask`. */
  readonly extraRevenue: ({ day: number; mask: number; cents: number }[] | undefined)[] = [];
  readonly passes: Pass[][];
  /** Display name of each person (index: Pass.person). */
  readonly names: string[] = [];
  /** Each person's key as the certification table writes it (index: Pass.person). */
  readonly keys: string[] = [];
  /** Per partner: its people with an active row up to the as-of date (candidates for exam plans). */
  readonly activePeople: Set<number>[];
  private readonly personIds = new Map<string, number>();
  /** Scratch: qualification bits per person (1 application, 2 deployment, 4 customization). */
  private held: Uint8Array;
  readonly counts = { x: 0, y: 0, either: 0 };

  constructor(
    readonly T: number,
    readonly forced: Rulebook | null,
    allBooks: readonly Rulebook[],
    firstMonth: number,
    lastMonth: number,
    partnerIndex: ReadonlyMap<string, number>,
    P: number,
    rev: readonly { cols: RevenueColumns; until: number }[],
    cert: readonly { cols: CertificationColumns; until: number }[],
    productMapping: readonly ProductMapping[] = [],
  ) {
    this.books = forced ? [forced] : allBooks;
    const B = this.books.length;
    this.m0 = firstMonth;
    this.months = lastMonth - firstMonth + 1;
    const M = this.months;
    this.buckets = this.books.map(() => new Float64Array(P * M));
    this.addRevenue(rev, partnerIndex, productMapping, lastMonth);
    this.passes = Array.from({ length: P }, () => []);
    this.activePeople = Array.from({ length: P }, () => new Set<number>());
    let people = 0;
    for (const { cols, until } of cert) {
      const pOf = Int32Array.from(cols.partnerIds, (id) => partnerIndex.get(id) ?? -1);
      const codes = cols.exams.map((raw) => normalizeExamCode(raw, allBooks));
      const roles = codes.map((code) => Int8Array.from(this.books, (b) => {
        const exam = code === undefined ? undefined : b.exams.get(code);
        return exam ? ROLE_INDEX[exam.role] : -1;
      }));
      const firsts = codes.map((code) => Float64Array.from(this.books, (b) => (code === undefined ? Infinity : b.exams.get(code)?.availableFromDay ?? Infinity)));
      const lasts = codes.map((code) => Float64Array.from(this.books, (b) => (code === undefined ? -Infinity : b.exams.get(code)?.acceptedUntilDay ?? -Infinity)));
      const shared: ({ role: Int8Array; last: Float64Array } | undefined)[][] = [];
      // People are told apart by partner and key, the same person in both column sets.
      const personOf = cols.individualKeys.map((key, who) => {
        const p = pOf[cols.individualPartner[who] as number] as number;
        const compound = `${p}\u0000${key}`;
        let id = this.personIds.get(compound);
        if (id === undefined) { id = people++; this.personIds.set(compound, id); this.names.push(cols.individualNames[who] as string); this.keys.push(key); }
        return id;
      });
      for (let i = 0; i < cols.length; i++) {
        const p = pOf[cols.partner[i] as number] as number;
        const who = cols.individual[i] as number;
        const d = cols.day[i] as number;
        const e = cols.exam[i] as number;
        if (p < 0 || cols.individualKeys[who] === '' || !cols.active[i] || d < UNREADABLE_DAY_BELOW) continue;
        // As evaluate's plans: anyone with an active row of the input is still with the partner.
        if (until <= T) (this.activePeople[p] as Set<number>).add(personOf[who] as number);
        if (d > until) continue;
        // The books that count the pass: those listing its exam, from its first day on.
        let counted = 0;
        for (let r = 0; r < B; r++) {
          if (((roles[e] as Int8Array)[r] as number) >= 0 && d >= ((firsts[e] as Float64Array)[r] as number)) counted |= 1 << r;
        }
        if (counted === 0) continue;
        // Passes of one exam counted by the same books share their (read-only) role and until
        // arrays: a typed array per pass cost more than the rest of the pass.
        const perExam = (shared[e] ??= []);
        let arrays = perExam[counted];
        if (arrays === undefined) {
          const role = new Int8Array(B).fill(-1);
          const last = new Float64Array(B).fill(-Infinity);
          for (let r = 0; r < B; r++) {
            if (!(counted & (1 << r))) continue;
            role[r] = (roles[e] as Int8Array)[r] as number;
            last[r] = (lasts[e] as Float64Array)[r] as number;
          }
          arrays = perExam[counted] = { role, last };
        }
        (this.passes[p] as Pass[]).push({ person: personOf[who] as number, day: d, exam: codes[e] as string, role: arrays.role, until: arrays.last });
      }
    }
    this.held = new Uint8Array(people);
  }
  /** Counts every revenue row into its partner's month under the books that accept it (rows after T, from assumptions, kept as rows). */
  private addRevenue(
    rev: readonly { cols: RevenueColumns; until: number }[], partnerIndex: ReadonlyMap<string, number>, productMapping: readonly ProductMapping[], lastMonth: number,
  ): void {
    const { T, books } = this, B = books.length, M = this.months, firstMonth = this.m0;
    const from = firstDayOfMonth(firstMonth);
    // Each day's bucket month, looked up: working it out from the day per row cost more than the row.
    const monthAt = new Int32Array(firstDayOfMonth(lastMonth + 1) - from);
    for (let m = firstMonth; m <= lastMonth; m++) monthAt.fill(m - firstMonth, firstDayOfMonth(m) - from, firstDayOfMonth(m + 1) - from);
    for (const { cols, until } of rev) {
      const pOf = Int32Array.from(cols.partnerIds, (id) => partnerIndex.get(id) ?? -1);
      // As evaluate classifies products: the catalogue, overridden by the user's mapping.
      const productMask = productClasses(cols.products, books, productMapping).mask;
      const attrMask = Int32Array.from(cols.attributions, (a) => books.reduce((m, b, r) => (a === '' || b.isAcceptedAttribution(a) ? m | (1 << r) : m), 0));
      const last = Math.min(until, firstDayOfMonth(lastMonth + 1) - 1);
      const bucketed = until <= T;
      for (let i = 0; i < cols.length; i++) {
        const p = pOf[cols.partner[i] as number] as number;
        if (p < 0) continue;
        const d = cols.day[i] as number;
        const a = cols.amountCents[i] as number;
        if (d < from || d > last || a !== a) continue;
        const m = (productMask[cols.product[i] as number] as number) & (attrMask[cols.attribution[i] as number] as number);
        if (m === 0) continue;
        if (!bucketed) {
          // Extra rows (a handful of assumptions) may be dated after T inside a month: kept as
          // rows so a query on any day counts exactly those dated up to it.
          (this.extraRevenue[p] ??= []).push({ day: d, mask: m, cents: a });
          continue;
        }
        const k = p * M + (monthAt[d - from] as number);
        for (let r = 0; r < B; r++) if (m & (1 << r)) (this.buckets[r] as Float64Array)[k]! += a;
      }
    }
  }

  /** Index into `books` of the rulebook in force on a day. */
  bookAt(day: number): number {
    if (this.forced) return 0;
    return this.books.indexOf(chooseRulebook(day, undefined, this.books).rulebook);
  }

  /** Counted cents of partner p in the TTM window of day D under book r (`last`: D's month in the history, when the caller has it). */
  ttm(p: number, r: number, D: number, last = monthOfDay(D) - this.m0): number {
    const b = this.buckets[r] as Float64Array;
    const M = this.months;
    let sum = 0;
    for (let k = Math.max(0, last - 11); k <= last && k < M; k++) sum += b[p * M + k] as number;
    const extra = this.extraRevenue[p];
    if (extra) {
      const start = firstDayOfMonth(monthOfDay(D) - 11);
      for (const x of extra) if (x.day >= start && x.day <= D && x.mask & (1 << r)) sum += x.cents;
    }
    return sum;
  }

  /** Fills `counts` with |X|, |Y|, |X ∪ Y| of partner p's people on day D under book r. */
  count(p: number, r: number, D: number): void {
    const list = this.passes[p] as Pass[];
    const held = this.held;
    for (const s of list) held[s.person] = 0;
    for (const s of list) {
      const role = s.role[r] as number;
      if (role >= 0 && s.day <= D && (s.until[r] as number) >= D) held[s.person]! |= 1 << role;
    }
    let x = 0, y = 0, either = 0;
    for (const s of list) {
      const h = held[s.person] as number;
      if (h & 8) continue; // counted already
      const ad = (h & 3) === 3, c = (h & 4) !== 0;
      if (ad) x++;
      if (c) y++;
      if (ad || c) either++;
      held[s.person] = h | 8;
    }
    this.counts.x = x; this.counts.y = y; this.counts.either = either;
  }

  /** Level rank (0 none, 1 silver, 2 gold) of partner p on day D under book r with `revenue` counted cents in its window; leaves its people's figures in `counts`. */
  rankWith(p: number, market: Market, D: number, r: number, revenue: number): number {
    const b = this.books[r] as Rulebook;
    this.count(p, r, D);
    const { x, y, either } = this.counts;
    return revenue >= b.thresholdsCents.gold[market] && slotsMet(x, y, either, b.slots.gold) ? 2
      : revenue >= b.thresholdsCents.silver[market] && slotsMet(x, y, either, b.slots.silver) ? 1 : 0;
  }

  /**
   * As rankWith, without counting people when the revenue is short of both thresholds: no level
   * is met then, whoever holds the slots (`counts` is left as it was).
   */
  rankOfRevenue(p: number, market: Market, D: number, r: number, revenue: number): number {
    const t = (this.books[r] as Rulebook).thresholdsCents;
    if (revenue < t.gold[market] && revenue < t.silver[market]) return 0;
    return this.rankWith(p, market, D, r, revenue);
  }

  /** Level rank (0 none, 1 silver, 2 gold) of partner p on day D; leaves its figures in `counts`. */
  rank(p: number, market: Market, D: number): { rank: number; r: number; revenue: number } {
    const r = this.bookAt(D);
    const revenue = this.ttm(p, r, D);
    return { rank: this.rankWith(p, market, D, r, revenue), r, revenue };
  }
}

/** What historyOf needs besides the input. */
export interface HistoryOptions {
  /** Months before the as-of month (default 24). */
  readonly monthsBefore?: number | undefined;
  /** Months after the as-of month (default 12; at least up to the 12-month horizon). */
  readonly monthsAfter?: number | undefined;
  /** Only these partners (null: the organisation of a workbook without ids); default all. */
  readonly partnerIds?: readonly (string | null)[] | undefined;
  /** The evaluation of the same input at its as-of date, when the caller has it (saves one). */
  readonly evaluation?: Evaluation | undefined;
  /** Rows that count whatever their date (what-if assumptions). */
  readonly extra?: { readonly revenue?: readonly RevenueRecord[] | undefined; readonly certifications?: readonly CertificationRecord[] | undefined } | undefined;
}

/** A built History with the partners it covers (index p of the History is statuses[p]). */
export interface HistoryOf {
  readonly history: History;
  readonly statuses: readonly PartnerStatus[];
  readonly forced: Rulebook | null;
  /** Days after the as-of date, up to 12 months on, on which any partner's level can change (unsorted). */
  readonly futureCommon: readonly number[];
  readonly horizon: number;
}

/**
 * The partners of an evaluation a History covers: all, or those of `partnerIds` (null: the
 * organisation of a workbook without ids), in the evaluation's order.
 * @example wantedPartners(evaluation, ["P2"]).map((s) => s.partnerId) // ["P2"]
 * @throws nothing
 */
export function wantedPartners(evaluation: Evaluation, partnerIds: readonly (string | null)[] | undefined): PartnerStatus[] {
  const wanted = partnerIds === undefined ? null : new Set(partnerIds.map((id) => id ?? ''));
  return evaluation.partners.filter((s) => wanted === null || wanted.has(s.partnerId ?? ''));
}

/**
 * The History of an evaluation input for the wanted partners, with the days on which levels can
 * change after the as-of date (as evaluate's holds-until: month starts, rulebook starts, the day
 * after an exam stops being accepted).
 * @example historyOf({ asOf: "2018-06-30", revenue, certifications }).history.rank(0, "developed", dayFromIso("2018-07-01")!)
 * @throws InvalidArgumentError when asOf is not a date
 */
export function historyOf(input: EvaluationInput, options: HistoryOptions = {}): HistoryOf {
  const T = dayFromIso(input.asOf);
  if (T === undefined) throw new InvalidArgumentError('asOf', `"${String(input.asOf)}" is not a date of the form YYYY-MM-DD`);
  const before = options.monthsBefore ?? 24, after = options.monthsAfter ?? 12;
  const evaluation = options.evaluation ?? evaluate(input);
  const books = input.rulebooks ?? builtInRulebooks();
  const forced = input.rulebook === undefined ? null : chooseRulebook(T, input.rulebook, books).rulebook;

  const statuses = wantedPartners(evaluation, options.partnerIds);
  const partnerIndex = new Map<string, number>();
  statuses.forEach((s, i) => partnerIndex.set(s.partnerId ?? '', i));

  const T0 = monthOfDay(T);
  const horizon = addMonths(T, 12);
  const lastMonth = Math.max(T0 + after, monthOfDay(horizon));
  const rev = Array.isArray(input.revenue) ? revenueColumns(input.revenue as readonly RevenueRecord[]) : (input.revenue as RevenueColumns);
  const cert = Array.isArray(input.certifications)
    ? certificationColumns(input.certifications as readonly CertificationRecord[])
    : (input.certifications as CertificationColumns);
  const revSets = [{ cols: rev, until: T }];
  const certSets = [{ cols: cert, until: T }];
  if (options.extra?.revenue?.length) revSets.push({ cols: revenueColumns(options.extra.revenue), until: Infinity });
  if (options.extra?.certifications?.length) certSets.push({ cols: certificationColumns(options.extra.certifications), until: Infinity });
  const history = new History(T, forced, books, T0 - before - 11, lastMonth, partnerIndex, statuses.length, revSets, certSets, input.productMapping);

  const changeDays = new Set<number>();
  for (let j = 1; j <= 12; j++) changeDays.add(firstDayOfMonth(T0 + j));
  for (const b of history.books) {
    if (!forced) changeDays.add(b.effectiveFromDay);
    for (const ex of b.exams.values()) changeDays.add(ex.acceptedUntilDay + 1);
  }
  return { history, statuses, forced, futureCommon: [...changeDays].filter((d) => d > T && d <= horizon), horizon };
}

/** The months a shared History covers: the timeline's (24 before the as-of month, 12 after). */
const SHARED_BEFORE = 24, SHARED_AFTER = 12;

/**
 * One History of every partner of an input, for several questions about it (a writer asks for the
 * next steps and for the timeline sheet of the same rows): built when first asked for, with the
 * timeline's months, and then reused by nextSteps and timelines given it as `shared`. Opaque.
 */
export interface SharedHistory {
  readonly input: EvaluationInput;
  readonly evaluation: Evaluation;
}

class SharedHistoryOf implements SharedHistory {
  built: HistoryOf | undefined;
  constructor(readonly input: EvaluationInput, readonly evaluation: Evaluation) {}
}

/**
 * A History to share between nextSteps and timelines of the same input and evaluation (every
 * partner, no extra rows): the rows are gone through once for both. Nothing is built until asked.
 * @example const shared = sharedHistory(input, evaluation); nextSteps(input, { evaluation, shared }); timelines(input, { evaluation, shared })
 * @throws nothing
 */
export function sharedHistory(input: EvaluationInput, evaluation: Evaluation): SharedHistory {
  return new SharedHistoryOf(input, evaluation);
}

/**
 * historyOf, or the shared History when it answers the same: the same input, evaluation and
 * partners (all), no extra rows, and the same months after the as-of month; the same months
 * before, or fewer when the caller asks only about days from the as-of date on (nextSteps), which
 * a History reaching further back answers alike (the same rows in each month, added in order).
 */
export function historyFor(input: EvaluationInput, options: HistoryOptions, shared: SharedHistory | undefined, fromAsOfOnly: boolean): HistoryOf {
  const before = options.monthsBefore ?? 24, after = options.monthsAfter ?? 12;
  const fits = shared instanceof SharedHistoryOf && shared.input === input && options.partnerIds === undefined && options.extra === undefined
    && (options.evaluation === undefined || options.evaluation === shared.evaluation)
    && after === SHARED_AFTER && (before === SHARED_BEFORE || (fromAsOfOnly && before <= SHARED_BEFORE));
  if (!fits) return historyOf(input, options);
  return shared.built ??= historyOf(input, { evaluation: shared.evaluation, monthsBefore: SHARED_BEFORE, monthsAfter: SHARED_AFTER });
}
