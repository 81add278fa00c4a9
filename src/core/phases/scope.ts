/**
 * What every phase of an evaluation shares: the as-of day, the 12-month horizon, and the
 * rulebooks that matter (the one in force first, then any coming into force within 12 months).
 */
import { addMonths } from '../dates';
import type { Rulebook } from '../rulebook';

/** Months in the TTM window, and in the horizon over which holds-until is computed. */
export const MONTHS = 12;

/**
 * Day numbers at or below this mark a date that could not be read (columns use NO_DAY); real
 * dates of any plausible year are far above it.
 */
export const UNREADABLE_DAY_BELOW = -1e8;

/** The evaluation's frame. Rulebook r of `rulebooks` is bit r of the product and attribution masks. */
export interface Scope {
  readonly asOfDay: number;
  /** The as-of day 12 months on: the last day holds-until looks at. */
  readonly horizon: number;
  /** Every rulebook known (exam codes are recognised across all of them). */
  readonly books: readonly Rulebook[];
  /** Index 0: the rulebook in force; then those coming into force within the horizon. */
  readonly rulebooks: readonly Rulebook[];
}

/**
 * The scope of an evaluation at an as-of day under a chosen rulebook.
 * @example scopeOf(dayFromIso("2017-10-01"), july, false, builtInRulebooks()).rulebooks.length === 2
 */
export function scopeOf(asOfDay: number, inForce: Rulebook, forced: boolean, books: readonly Rulebook[]): Scope {
  const horizon = addMonths(asOfDay, MONTHS);
  const rulebooks: Rulebook[] = [inForce];
  if (!forced) for (const b of books) if (b.effectiveFromDay > asOfDay && b.effectiveFromDay <= horizon) rulebooks.push(b);
  return { asOfDay, horizon, books, rulebooks };
}
