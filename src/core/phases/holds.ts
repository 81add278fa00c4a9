/**
 * Phase 3 of an evaluation: how long a level holds. The next 12 months are replayed with no new
 * rows, only on the days something can change: the first of each month (a month of revenue
 * leaves the window), the day after an exam stops being accepted, and the day a rulebook comes
 * into force. A level is lost on the first such day its requirements fail.
 */
import { firstDayOfMonth, isoFromDay, monthOfDay, type IsoDate } from '../dates';
import type { AttainableLevel, Market, Rulebook } from '../rulebook';
import { slotsMet } from '../slots';
import { countPeople, type PassRecord, type PeopleCounts } from './certifications';
import { revenueFrom, type RevenueTotals } from './revenue';
import { MONTHS, type Scope } from './scope';

/** A level is "at risk" when it holds for at most this many days after the as-of date. */
export const AT_RISK_DAYS = 90;

/** Why a level would be lost. */
export type LossCause = 'revenue' | 'exams' | 'revenue-and-exams';

/** A day of the next 12 months on which the level may change. */
export interface ReplayDay {
  readonly day: number;
  /** The rulebook in force that day (index into the scope's rulebooks). */
  readonly book: number;
  /** The first month of the as-of window still in the window that day. */
  readonly fromMonth: number;
  /** True when exam qualifications must be counted again (an exam expired, or the rulebook changed). */
  readonly recount: boolean;
}

/**
 * The days to replay, in order. Shared by every partner (they depend only on the scope).
 * @example replayDays(scope)[0].day // the first of the month after the as-of date, or earlier if an exam expires first
 */
export function replayDays(scope: Scope): ReplayDay[] {
  const { asOfDay, horizon, rulebooks } = scope;
  const asOfMonth = monthOfDay(asOfDay);
  const examDays = new Set<number>();
  for (const b of rulebooks) {
    for (const exam of b.exams.values()) {
      const firstDayNotAccepted = exam.acceptedUntilDay + 1;
      if (firstDayNotAccepted > asOfDay && firstDayNotAccepted <= horizon) examDays.add(firstDayNotAccepted);
    }
  }
  const days = new Set<number>(examDays);
  for (let month = 1; month <= MONTHS; month++) days.add(firstDayOfMonth(asOfMonth + month));
  for (let r = 1; r < rulebooks.length; r++) days.add((rulebooks[r] as Rulebook).effectiveFromDay);
  const bookAt = (day: number): number => {
    let book = 0;
    for (let r = 1; r < rulebooks.length; r++) if ((rulebooks[r] as Rulebook).effectiveFromDay <= day) book = r;
    return book;
  };
  const sorted = [...days].filter((d) => d > asOfDay && d <= horizon).sort((a, b) => a - b);
  return sorted.map((day, k) => {
    const book = bookAt(day);
    const previousBook = k === 0 ? 0 : bookAt(sorted[k - 1] as number);
    return { day, book, fromMonth: Math.max(0, monthOfDay(day) - asOfMonth), recount: examDays.has(day) || book !== previousBook };
  });
}

/** Level rank: 0 none, 1 silver, 2 gold. */
export const NO_RANK = 0, SILVER_RANK = 1, GOLD_RANK = 2;

/**
 * The rank a partner's revenue and people counts give under a rulebook.
 * @example rankOf(rulebook, "developed", 350_000_00, { applicationDeployment: 2, customization: 2, either: 4 }) === GOLD_RANK
 */
export function rankOf(book: Rulebook, market: Market, revenueCents: number, people: PeopleCounts): number {
  const { applicationDeployment: x, customization: y, either } = people;
  if (revenueCents >= book.thresholdsCents.gold[market] && slotsMet(x, y, either, book.slots.gold)) return GOLD_RANK;
  if (revenueCents >= book.thresholdsCents.silver[market] && slotsMet(x, y, either, book.slots.silver)) return SILVER_RANK;
  return NO_RANK;
}

/** How long a partner's level holds. */
export interface Holding {
  readonly holdsUntil: IsoDate | null;
  readonly cause: LossCause | null;
  readonly atRisk: boolean;
}

const HOLDS_PAST_HORIZON: Holding = { holdsUntil: null, cause: null, atRisk: false };

/**
 * Replays the days for one partner holding `level` (rank > 0). `people` is scratch space.
 * @example holding(scope, days, revenue, passes, partner, "developed", "silver", SILVER_RANK, counts).holdsUntil
 */
export function holding(
  scope: Scope, days: readonly ReplayDay[], revenue: RevenueTotals, passes: PassRecord,
  partner: number, market: Market, level: AttainableLevel, rank: number, people: PeopleCounts,
): Holding {
  for (const event of days) {
    if (event.recount) countPeople(passes, event.book, partner, event.day, people);
    const revenueCents = revenueFrom(revenue, event.book, partner, event.fromMonth);
    const book = scope.rulebooks[event.book] as Rulebook;
    if (rankOf(book, market, revenueCents, people) >= rank) continue;
    const lastDay = event.day - 1;
    const revenueLost = revenueCents < book.thresholdsCents[level][market];
    const examsLost = !slotsMet(people.applicationDeployment, people.customization, people.either, book.slots[level]);
    return {
      holdsUntil: isoFromDay(lastDay),
      cause: revenueLost && examsLost ? 'revenue-and-exams' : revenueLost ? 'revenue' : 'exams',
      atRisk: lastDay - scope.asOfDay <= AT_RISK_DAYS,
    };
  }
  return HOLDS_PAST_HORIZON;
}
