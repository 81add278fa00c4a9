/**
 * A partner's competency month by month: the 24 months before the as-of date, the as-of date
 * itself and the 12 months after it, each with the TTM revenue, the thresholds and exam slots of
 * the rulebook in force then, and the level; with the events that move it (a rulebook change, an
 * exam retiring or no longer accepted, a month of revenue leaving the window, a level change).
 *
 * The law (checked by a property test): the level at a point equals `evaluate` as of the point's
 * date on the rows dated on or before the as-of date. The future assumes no new rows, exactly as
 * holds-until does; what-if assumptions (src/core/whatif.ts) are the only rows after the as-of
 * date that count.
 *
 * Why not call evaluate 37 times: one pass over the rows puts counted cents into per-partner month
 * buckets for every rulebook (a row's eligibility differs between rulebooks) and collects each
 * partner's exam passes; every point is then a 12-bucket sum and a count over the partner's passes.
 */
import { addMonths, firstDayOfMonth, isoFromDay, monthOfDay, dayFromIso, type IsoDate } from './dates';
import { InvalidArgumentError } from './errors';
import { builtInRulebooks, chooseRulebook, normalizeExamCode, type AttainableLevel, type ExamRole, type Market, type Rulebook } from './rulebook';
import {
  certificationColumns, revenueColumns, type CertificationColumns, type CertificationRecord, type RevenueColumns, type RevenueRecord,
} from './columns';
import { slotsMet, type SlotCounts } from './slots';
import { evaluate, type Evaluation, type EvaluationInput, type Level, type LossCause } from './evaluate';
import { productClasses, type ProductMapping } from './products';

/** Something that happens in a timeline month. */
export type TimelineEvent =
  /** A new rulebook comes into force on `day`. */
  | { readonly kind: 'rulebook-change'; readonly day: IsoDate; readonly rulebook: string }
  /** `exam` can no longer be taken from `day` (passes before still count). */
  | { readonly kind: 'exam-retired'; readonly day: IsoDate; readonly exam: string }
  /** Passes of `exam` stop counting from `day`; `holders` are the partner's people whose pass stops counting. */
  | { readonly kind: 'exam-no-longer-accepted'; readonly day: IsoDate; readonly exam: string; readonly holders: readonly string[] }
  /** The counted revenue of `month` ("YYYY-MM") leaves the TTM window on `day`. */
  | { readonly kind: 'revenue-leaves'; readonly day: IsoDate; readonly month: string; readonly amountCents: number }
  /** The level differs from the previous point's (`day` is this point's date). */
  | { readonly kind: 'level-change'; readonly day: IsoDate; readonly from: Level; readonly to: Level };

/** One month of a partner's timeline. */
export interface TimelinePoint {
  /** "YYYY-MM". */
  readonly month: string;
  /** The day the figures hold at: the month's last day, or the as-of date in the as-of month. */
  readonly date: IsoDate;
  /** Before the as-of month, the as-of date itself, or a forecast (no new rows but assumptions). */
  readonly kind: 'past' | 'as-of' | 'forecast';
  readonly rulebook: string;
  readonly ttmRevenueCents: number;
  readonly thresholdsCents: Readonly<Record<AttainableLevel, number>>;
  readonly revenueMet: Readonly<Record<AttainableLevel, boolean>>;
  /** People qualified for each kind of slot and for either, as in PartnerStatus. */
  readonly qualified: { readonly applicationDeployment: number; readonly customization: number; readonly either: number };
  readonly slotsNeeded: Readonly<Record<AttainableLevel, SlotCounts>>;
  readonly examsMet: Readonly<Record<AttainableLevel, boolean>>;
  readonly level: Level;
  /** Events on days after the previous point's date up to this point's date, in day order. */
  readonly events: readonly TimelineEvent[];
}

/** Where the level goes from the as-of date, to the day (within 12 months, as holds-until). */
export interface Outlook {
  /** The level at the as-of date. */
  readonly level: Level;
  /** Last day `level` (or better) holds; null with no level, or when it holds through the horizon. */
  readonly holdsUntil: IsoDate | null;
  readonly holdsUntilCause: LossCause | null;
  /** The first higher level reached after the as-of date, when it is reached, and until when it holds. */
  readonly rises: { readonly level: AttainableLevel; readonly from: IsoDate; readonly holdsUntil: IsoDate | null } | null;
}

/** A partner's timeline. */
export interface PartnerTimeline {
  readonly partnerId: string | null;
  readonly name: string | null;
  readonly market: Market;
  readonly points: readonly TimelinePoint[];
  readonly outlook: Outlook;
}

/** Timelines of the partners of an evaluation. */
export interface Timeline {
  readonly asOf: IsoDate;
  readonly partners: readonly PartnerTimeline[];
}

/** Rows that count whatever their date (what-if assumptions), beside the input's own rows. */
export interface ExtraRows {
  readonly revenue?: readonly RevenueRecord[] | undefined;
  readonly certifications?: readonly CertificationRecord[] | undefined;
}

/** How much timeline to compute. */
export interface TimelineOptions {
  /** Months before the as-of month (default 24). */
  readonly monthsBefore?: number | undefined;
  /** Months after the as-of month (default 12). */
  readonly monthsAfter?: number | undefined;
  /** Only these partners (null: the organisation of a workbook without ids); default all. */
  readonly partnerIds?: readonly (string | null)[] | undefined;
  /** The evaluation of the same input at its as-of date, when the caller has it (saves one). */
  readonly evaluation?: Evaluation | undefined;
  /** Rows that count whatever their date: see whatif.ts. */
  readonly extra?: ExtraRows | undefined;
}

const ROLE_INDEX: Readonly<Record<ExamRole, number>> = { application: 0, deployment: 1, customization: 2 };
const LEVELS: readonly Level[] = ['none', 'silver', 'gold'];
const isoMonth = (m: number): string => isoFromDay(firstDayOfMonth(m)).slice(0, 7);

/** One exam pass that can count, with per-rulebook role (-1: not listed), first and last counting day. */
interface Pass {
  readonly person: number;
  readonly day: number;
  readonly exam: string;
  readonly role: Int8Array;
  readonly until: Float64Array;
}

/**
 * The engine behind timeline(): counted cents per partner, rulebook and month, and exam passes
 * per partner, for every rulebook that can be in force. Queries answer "as of day D" for any D
 * from the first month covered to the last, counting rows dated after the as-of date only when
 * they are extra rows.
 */
class History {
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
    const from = firstDayOfMonth(firstMonth);
    for (const { cols, until } of rev) {
      const pOf = Int32Array.from(cols.partnerIds, (id) => partnerIndex.get(id) ?? -1);
      // As evaluate classifies products: the catalogue, overridden by the user's mapping.
      const productMask = productClasses(cols.products, this.books, productMapping).mask;
      const attrMask = Int32Array.from(cols.attributions, (a) => this.books.reduce((m, b, r) => (a === '' || b.isAcceptedAttribution(a) ? m | (1 << r) : m), 0));
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
        const k = p * M + monthOfDay(d) - firstMonth;
        for (let r = 0; r < B; r++) if (m & (1 << r)) (this.buckets[r] as Float64Array)[k]! += a;
      }
    }
    this.passes = Array.from({ length: P }, () => []);
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
      // People are told apart by partner and key, the same person in both column sets.
      const personOf = cols.individualKeys.map((key, who) => {
        const p = pOf[cols.individualPartner[who] as number] as number;
        const compound = `${p}\u0000${key}`;
        let id = this.personIds.get(compound);
        if (id === undefined) { id = people++; this.personIds.set(compound, id); this.names.push(cols.individualNames[who] as string); }
        return id;
      });
      for (let i = 0; i < cols.length; i++) {
        const p = pOf[cols.partner[i] as number] as number;
        const who = cols.individual[i] as number;
        const d = cols.day[i] as number;
        const e = cols.exam[i] as number;
        if (p < 0 || cols.individualKeys[who] === '' || !cols.active[i] || d > until || d < -1e8) continue;
        const role = new Int8Array(B).fill(-1);
        const last = new Float64Array(B).fill(-Infinity);
        let any = false;
        for (let r = 0; r < B; r++) {
          const rr = (roles[e] as Int8Array)[r] as number;
          if (rr < 0 || d < ((firsts[e] as Float64Array)[r] as number)) continue;
          role[r] = rr;
          last[r] = (lasts[e] as Float64Array)[r] as number;
          any = true;
        }
        if (any) (this.passes[p] as Pass[]).push({ person: personOf[who] as number, day: d, exam: codes[e] as string, role, until: last });
      }
    }
    this.held = new Uint8Array(people);
  }

  /** Index into `books` of the rulebook in force on a day. */
  bookAt(day: number): number {
    if (this.forced) return 0;
    return this.books.indexOf(chooseRulebook(day, undefined, this.books).rulebook);
  }

  /** Counted cents of partner p in the TTM window of day D under book r. */
  ttm(p: number, r: number, D: number): number {
    const b = this.buckets[r] as Float64Array;
    const M = this.months;
    const last = monthOfDay(D) - this.m0;
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

  /** Level rank (0 none, 1 silver, 2 gold) of partner p on day D; leaves its figures in `counts`. */
  rank(p: number, market: Market, D: number): { rank: number; r: number; revenue: number } {
    const r = this.bookAt(D);
    const b = this.books[r] as Rulebook;
    const revenue = this.ttm(p, r, D);
    this.count(p, r, D);
    const { x, y, either } = this.counts;
    const rank = revenue >= b.thresholdsCents.gold[market] && slotsMet(x, y, either, b.slots.gold) ? 2
      : revenue >= b.thresholdsCents.silver[market] && slotsMet(x, y, either, b.slots.silver) ? 1 : 0;
    return { rank, r, revenue };
  }
}

/**
 * Month-by-month competency of each partner of an evaluation input, from 24 months before the
 * as-of month to 12 after, plus the outlook from the as-of date (holds-until, and the first higher
 * level reached when extra rows make one reachable).
 * @example
 * const t = timeline({ asOf: "2018-06-30", revenue, certifications });
 * t.partners[0].points.find((p) => p.kind === "as-of")!.level === evaluate({ asOf: "2018-06-30", revenue, certifications }).partners[0].level
 */
export function timeline(input: EvaluationInput, options: TimelineOptions = {}): Timeline {
  const T = dayFromIso(input.asOf);
  if (T === undefined) throw new InvalidArgumentError('asOf', `"${String(input.asOf)}" is not a date of the form YYYY-MM-DD`);
  const before = options.monthsBefore ?? 24, after = options.monthsAfter ?? 12;
  if (!Number.isInteger(before) || !Number.isInteger(after) || before < 0 || after < 0) throw new InvalidArgumentError('months', 'monthsBefore and monthsAfter are whole numbers >= 0');
  const evaluation = options.evaluation ?? evaluate(input);
  const books = input.rulebooks ?? builtInRulebooks();
  const forced = input.rulebook === undefined ? null : chooseRulebook(T, input.rulebook, books).rulebook;

  const wanted = options.partnerIds === undefined ? null : new Set(options.partnerIds.map((id) => id ?? ''));
  const statuses = evaluation.partners.filter((s) => wanted === null || wanted.has(s.partnerId ?? ''));
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
  const h = new History(T, forced, books, T0 - before - 11, lastMonth, partnerIndex, statuses.length, revSets, certSets, input.productMapping);

  // Days on which something can change after the as-of date, for the outlook (as evaluate's
  // holds-until: month starts, rulebook starts, exams no longer accepted), plus extra passes.
  const changeDays = new Set<number>();
  for (let j = 1; j <= 12; j++) changeDays.add(firstDayOfMonth(T0 + j));
  for (const b of h.books) {
    if (!forced) changeDays.add(b.effectiveFromDay);
    for (const ex of b.exams.values()) changeDays.add(ex.acceptedUntilDay + 1);
  }
  const futureCommon = [...changeDays].filter((d) => d > T && d <= horizon);

  // Rulebook-wide events, by day.
  const bookEvents: { day: number; event: (p: number) => TimelineEvent | null }[] = [];
  const firstDay = firstDayOfMonth(T0 - before), lastDay = firstDayOfMonth(T0 + after + 1) - 1;
  if (!forced) for (const b of h.books) bookEvents.push({ day: b.effectiveFromDay, event: () => ({ kind: 'rulebook-change', day: b.effectiveFrom, rulebook: b.id }) });
  const seen = new Set<string>();
  for (const b of h.books) {
    for (const ex of b.exams.values()) {
      const retired = ex.retiredAfterDay + 1, ended = ex.acceptedUntilDay + 1;
      // Listed once per exam and day, attributed to the rulebook in force that day.
      if (Number.isFinite(retired) && !seen.has(`r${ex.code}${retired}`) && h.books[h.bookAt(retired)] === b) {
        seen.add(`r${ex.code}${retired}`);
        bookEvents.push({ day: retired, event: () => ({ kind: 'exam-retired', day: isoFromDay(retired), exam: ex.code }) });
      }
      if (Number.isFinite(ended) && !seen.has(`a${ex.code}${ended}`) && h.books[h.bookAt(ended - 1)] === b) {
        seen.add(`a${ex.code}${ended}`);
        bookEvents.push({
          day: ended,
          event: (p) => {
            const holders = new Set<string>();
            for (const s of h.passes[p] as Pass[]) if (s.exam === ex.code && s.day < ended) holders.add(h.names[s.person] as string);
            return { kind: 'exam-no-longer-accepted', day: isoFromDay(ended), exam: ex.code, holders: [...holders].sort() };
          },
        });
      }
    }
  }
  const inRange = bookEvents.filter((e) => e.day >= firstDay && e.day <= lastDay).sort((a, b) => a.day - b.day);

  const partners: PartnerTimeline[] = statuses.map((status, p) => {
    const market = status.market;
    const points: TimelinePoint[] = [];
    let prevDate = firstDay - 1;
    let prevLevel: Level | null = null;
    for (let m = T0 - before; m <= T0 + after; m++) {
      const kind = m < T0 ? 'past' : m === T0 ? 'as-of' : 'forecast';
      const D = m === T0 ? T : firstDayOfMonth(m + 1) - 1;
      const { rank, r, revenue } = h.rank(p, market, D);
      const b = h.books[r] as Rulebook;
      const { x, y, either } = h.counts;
      const level = LEVELS[rank] as Level;
      const events: TimelineEvent[] = [];
      for (const e of inRange) if (e.day > prevDate && e.day <= D) { const ev = e.event(p); if (ev) events.push(ev); }
      const leaving = firstDayOfMonth(m);
      if (leaving > prevDate && leaving <= D && m - 12 >= h.m0) {
        const rl = h.bookAt(leaving);
        let cents = (h.buckets[rl] as Float64Array)[p * h.months + m - 12 - h.m0] as number;
        for (const x of h.extraRevenue[p] ?? []) if (monthOfDay(x.day) === m - 12 && x.mask & (1 << rl)) cents += x.cents;
        if (cents !== 0) events.push({ kind: 'revenue-leaves', day: isoFromDay(leaving), month: isoMonth(m - 12), amountCents: cents });
      }
      events.sort((a, c) => (a.day < c.day ? -1 : a.day > c.day ? 1 : 0));
      if (prevLevel !== null && prevLevel !== level) events.push({ kind: 'level-change', day: isoFromDay(D), from: prevLevel, to: level });
      const t = { silver: b.thresholdsCents.silver[market], gold: b.thresholdsCents.gold[market] };
      points.push({
        month: isoMonth(m),
        date: isoFromDay(D),
        kind,
        rulebook: b.id,
        ttmRevenueCents: revenue,
        thresholdsCents: t,
        revenueMet: { silver: revenue >= t.silver, gold: revenue >= t.gold },
        qualified: { applicationDeployment: x, customization: y, either },
        slotsNeeded: b.slots,
        examsMet: { silver: slotsMet(x, y, either, b.slots.silver), gold: slotsMet(x, y, either, b.slots.gold) },
        level,
        events,
      });
      prevDate = D;
      prevLevel = level;
    }
    return { partnerId: status.partnerId, name: status.name, market, points, outlook: outlookOf(h, p, market, futureCommon) };
  });
  return { asOf: isoFromDay(T), partners };
}

/** The outlook of partner p: its level at T, and the first day each later change happens. */
function outlookOf(h: History, p: number, market: Market, common: readonly number[]): Outlook {
  const T = h.T;
  const horizon = addMonths(T, 12);
  const days = new Set(common);
  for (const s of h.passes[p] as Pass[]) if (s.day > T && s.day <= horizon) days.add(s.day);
  for (const x of h.extraRevenue[p] ?? []) if (x.day > T && x.day <= horizon) days.add(x.day);
  const sorted = [...days].sort((a, b) => a - b);
  const now = h.rank(p, market, T).rank;
  const dropOf = (rank: number, after: number): { day: number; cause: LossCause } | null => {
    for (const d of sorted) {
      if (d <= after) continue;
      const { rank: k, r, revenue } = h.rank(p, market, d);
      if (k >= rank) continue;
      const b = h.books[r] as Rulebook;
      const lvl = LEVELS[rank] as AttainableLevel;
      const revLost = revenue < b.thresholdsCents[lvl][market];
      const exLost = !slotsMet(h.counts.x, h.counts.y, h.counts.either, b.slots[lvl]);
      return { day: d, cause: revLost && exLost ? 'revenue-and-exams' : revLost ? 'revenue' : 'exams' };
    }
    return null;
  };
  const drop = now > 0 ? dropOf(now, T) : null;
  let rises: Outlook['rises'] = null;
  for (const d of sorted) {
    const k = h.rank(p, market, d).rank;
    if (k > now) {
      const end = dropOf(k, d);
      rises = { level: LEVELS[k] as AttainableLevel, from: isoFromDay(d), holdsUntil: end ? isoFromDay(end.day - 1) : null };
      break;
    }
  }
  return {
    level: LEVELS[now] as Level,
    holdsUntil: drop ? isoFromDay(drop.day - 1) : null,
    holdsUntilCause: drop ? drop.cause : null,
    rises,
  };
}
