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
import type { AttainableLevel, Market, Rulebook } from './rulebook';
import type { CertificationRecord, RevenueRecord } from './columns';
import { slotsMet, type SlotCounts } from './slots';
import type { Evaluation, EvaluationInput, Level, LossCause, PartnerStatus } from './evaluate';
import { historyFor, wantedPartners, type History, type Pass, type SharedHistory } from './history';

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
  /** A History shared with the same input's next steps (see sharedHistory): used when it answers the same. */
  readonly shared?: SharedHistory | undefined;
}

const LEVELS: readonly Level[] = ['none', 'silver', 'gold'];
const isoMonth = (m: number): string => isoFromDay(firstDayOfMonth(m)).slice(0, 7);

/** What the wide Competency Timeline shows of one partner: TTM revenue and level at each point, and the thresholds at the as-of date. */
export interface TimelineMeasures {
  /** Per point (TimelineCursor.months), as TimelinePoint.ttmRevenueCents. */
  readonly ttmRevenueCents: readonly number[];
  /** Per point, as TimelinePoint.level. */
  readonly levels: readonly Level[];
  /** The thresholds of the as-of point (its market, its rulebook). */
  readonly asOfThresholdsCents: Readonly<Record<AttainableLevel, number>>;
}

/**
 * The timelines of an input's partners, each computed when asked for from one pass over the rows
 * (a writer going through 10,000 partners holds one partner's points at a time).
 */
export interface TimelineCursor {
  readonly asOf: IsoDate;
  /** The partners covered, in the evaluation's order: the index `at` and `measures` take. */
  readonly partners: readonly { readonly partnerId: string | null; readonly name: string | null }[];
  /** The points' months ("YYYY-MM"), the same for every partner. */
  readonly months: readonly string[];
  /** Partner i's timeline: the same as timeline() gives for it. */
  at(i: number): PartnerTimeline;
  /** Partner i's revenue and level by point, without the points' other figures and the events. */
  measures(i: number): TimelineMeasures;
}

/**
 * Month-by-month competency of each partner of an evaluation input, from 24 months before the
 * as-of month to 12 after, plus the outlook from the as-of date (holds-until, and the first higher
 * level reached when extra rows make one reachable).
 * @example
 * const t = timeline({ asOf: "2018-06-30", revenue, certifications });
 * t.partners[0].points.find((p) => p.kind === "as-of")!.level === evaluate({ asOf: "2018-06-30", revenue, certifications }).partners[0].level
 * @throws InvalidArgumentError when asOf is not a date or the months are not whole numbers >= 0
 */
export function timeline(input: EvaluationInput, options: TimelineOptions = {}): Timeline {
  const cursor = timelines(input, options);
  return { asOf: cursor.asOf, partners: cursor.partners.map((_, p) => cursor.at(p)) };
}

/** Rulebook-wide events (a rulebook starting, an exam retiring or no longer accepted) between firstDay and lastDay, by day. */
function bookEventsOf(h: History, forced: boolean, firstDay: number, lastDay: number): { day: number; event: (p: number) => TimelineEvent | null }[] {
  const bookEvents: { day: number; event: (p: number) => TimelineEvent | null }[] = [];
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
  return bookEvents.filter((e) => e.day >= firstDay && e.day <= lastDay).sort((a, b) => a.day - b.day);
}

/**
 * The timelines of an input's partners (all, or options.partnerIds), computed one partner at a
 * time when asked for: the rows are gone through once, here; `at(i)` then costs one partner's
 * 37 points. timeline() is every `at` of it.
 * @example const c = timelines({ asOf: "2018-06-30", revenue, certifications }); c.at(0).points.length === c.months.length
 * @throws InvalidArgumentError when asOf is not a date or the months are not whole numbers >= 0
 */
export function timelines(input: EvaluationInput, options: TimelineOptions = {}): TimelineCursor {
  const T = dayFromIso(input.asOf);
  if (T === undefined) throw new InvalidArgumentError('asOf', `"${String(input.asOf)}" is not a date of the form YYYY-MM-DD`);
  const before = options.monthsBefore ?? 24, after = options.monthsAfter ?? 12;
  if (!Number.isInteger(before) || !Number.isInteger(after) || before < 0 || after < 0) throw new InvalidArgumentError('months', 'monthsBefore and monthsAfter are whole numbers >= 0');
  const T0 = monthOfDay(T);
  const firstDay = firstDayOfMonth(T0 - before), lastDay = firstDayOfMonth(T0 + after + 1) - 1;
  // The points' months and days, the same for every partner: made once.
  const ms: number[] = [], days: number[] = [], months: string[] = [], dates: IsoDate[] = [];
  for (let m = T0 - before; m <= T0 + after; m++) {
    const D = m === T0 ? T : firstDayOfMonth(m + 1) - 1;
    ms.push(m); days.push(D); months.push(isoMonth(m)); dates.push(isoFromDay(D));
  }
  const built = (): Built => {
    const { history: h, statuses, forced, futureCommon } = historyFor(input, { ...options, monthsBefore: before, monthsAfter: after }, options.shared, false);
    // Each point's rulebook and month in the history, the same for every partner: found once.
    return { h, statuses, futureCommon, inRange: bookEventsOf(h, forced !== null, firstDay, lastDay), books: days.map((D) => h.bookAt(D)), lasts: days.map((D) => monthOfDay(D) - h.m0) };
  };
  // Given the evaluation, the partners are known without the History (wantedPartners, as historyOf
  // finds them), and the History is built when the first partner is asked for: a writer that makes
  // other rows first (--out patches the input's sheets while zlib compresses) does not wait for it.
  let state = options.evaluation === undefined ? built() : undefined;
  const partners = state?.statuses ?? wantedPartners(options.evaluation as Evaluation, options.partnerIds);
  const at = (p: number): PartnerTimeline => {
    const { h, statuses, futureCommon, inRange, books, lasts } = (state ??= built());
    const status = statuses[p] as PartnerStatus;
    const market = status.market;
    const points: TimelinePoint[] = [];
    let prevDate = firstDay - 1;
    let prevLevel: Level | null = null;
    for (let k = 0; k < ms.length; k++) {
      const m = ms[k] as number, D = days[k] as number;
      const kind = m < T0 ? 'past' : m === T0 ? 'as-of' : 'forecast';
      const r = books[k] as number;
      const revenue = h.ttm(p, r, D, lasts[k] as number);
      const rank = h.rankWith(p, market, D, r, revenue);
      const b = h.books[r] as Rulebook;
      const { x, y, either } = h.counts;
      const level = LEVELS[rank] as Level;
      const events = pointEvents(h, inRange, p, m, prevDate, D);
      if (prevLevel !== null && prevLevel !== level) events.push({ kind: 'level-change', day: dates[k] as IsoDate, from: prevLevel, to: level });
      const t = { silver: b.thresholdsCents.silver[market], gold: b.thresholdsCents.gold[market] };
      points.push({
        month: months[k] as string,
        date: dates[k] as IsoDate,
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
  };
  const measures = (p: number): TimelineMeasures => {
    const { h, statuses, books, lasts } = (state ??= built());
    const market = (statuses[p] as PartnerStatus).market;
    const ttmRevenueCents: number[] = [], levels: Level[] = [];
    let asOfThresholdsCents: Record<AttainableLevel, number> = { silver: 0, gold: 0 };
    for (let k = 0; k < ms.length; k++) {
      const D = days[k] as number, r = books[k] as number;
      // As h.rank(p, market, D), people counted only when the revenue could meet a level.
      const revenue = h.ttm(p, r, D, lasts[k] as number);
      const rank = h.rankOfRevenue(p, market, D, r, revenue);
      ttmRevenueCents.push(revenue);
      levels.push(LEVELS[rank] as Level);
      if (ms[k] === T0) {
        const b = h.books[r] as Rulebook;
        asOfThresholdsCents = { silver: b.thresholdsCents.silver[market], gold: b.thresholdsCents.gold[market] };
      }
    }
    return { ttmRevenueCents, levels, asOfThresholdsCents };
  };
  return { asOf: isoFromDay(T), partners, months, at, measures };
}

/** What timelines' partners are read from, once built. */
interface Built {
  readonly h: History;
  readonly statuses: readonly PartnerStatus[];
  readonly futureCommon: readonly number[];
  readonly inRange: readonly { day: number; event: (p: number) => TimelineEvent | null }[];
  readonly books: readonly number[];
  readonly lasts: readonly number[];
}

/** Partner p's events on days after prevDate up to D (point month m), in day order, before any level change. */
function pointEvents(h: History, inRange: readonly { day: number; event: (p: number) => TimelineEvent | null }[], p: number, m: number, prevDate: number, D: number): TimelineEvent[] {
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
  return events;
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
