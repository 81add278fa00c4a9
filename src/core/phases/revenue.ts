/**
 * Phase 1 of an evaluation: one pass over the revenue rows. Counted cents go into per-partner,
 * per-month buckets (the TTM window is always whole months plus the as-of month), for the
 * rulebook in force and for every rulebook coming into force within 12 months, so holds-until
 * can replay the next months without reading a row again. Every row gets its reason.
 */
import type { RevenueColumns } from '../columns';
import { monthOfDay, ttmWindowStart } from '../dates';
import { productClasses, type ProductMapping } from '../products';
import { RC } from '../reasons';
import { MONTHS, UNREADABLE_DAY_BELOW, type Scope } from './scope';

/** What the revenue pass leaves for the later phases. */
export interface RevenueTotals {
  /** First day of the TTM window. */
  readonly windowStart: number;
  /** Per rulebook of the scope: counted cents per partner and month, partner * 12 + month of the window. */
  readonly buckets: readonly Float64Array[];
  /** Per row: an index into REVENUE_REASONS. */
  readonly reasons: Uint8Array;
  /** Per partner: rows, and rows counted under the rulebook in force. */
  readonly rows: Int32Array;
  readonly counted: Int32Array;
  /** Per distinct product name: 1 when no catalogue or mapping places it. */
  readonly unknownProduct: Uint8Array;
}

/**
 * Sums the revenue rows into month buckets and gives each row its reason.
 * @example sumRevenue(columns, partners.revenuePartnerOf, partners.ids.length, scope, undefined).buckets[0]
 */
export function sumRevenue(
  rev: RevenueColumns, partnerOf: Int32Array, partnerCount: number, scope: Scope, productMapping: readonly ProductMapping[] | undefined,
): RevenueTotals {
  // Imported constants as locals: run through tsx (as the CLI is), every use of an imported
  // binding is a getter call, and these are used once per row.
  const rc = RC, months = MONTHS, unreadableBelow = UNREADABLE_DAY_BELOW;
  const { asOfDay, rulebooks } = scope;
  const bookCount = rulebooks.length;
  const windowStart = ttmWindowStart(asOfDay);
  const firstMonth = monthOfDay(asOfDay) - (MONTHS - 1);
  const monthInWindow = new Uint8Array(asOfDay - windowStart + 1);
  for (let day = windowStart; day <= asOfDay; day++) monthInWindow[day - windowStart] = monthOfDay(day) - firstMonth;
  // Bit r: eligible product / accepted attribution under rulebook r. No attribution is taken as DPOR.
  const { mask: productMask, unknown: unknownProduct } = productClasses(rev.products, rulebooks, productMapping);
  const attributionMask = Int32Array.from(rev.attributions, (a) => rulebooks.reduce((m, b, r) => (a === '' || b.isAcceptedAttribution(a) ? m | (1 << r) : m), 0));
  const buckets = rulebooks.map(() => new Float64Array(partnerCount * MONTHS));
  const inForce = buckets[0] as Float64Array;
  const rowCount = rev.length;
  const reasons = new Uint8Array(rowCount);
  const rows = new Int32Array(partnerCount), counted = new Int32Array(partnerCount);
  const { partner: rowPartner, product: rowProduct, attribution: rowAttribution, day: rowDay, amountCents: rowAmount } = rev;
  for (let i = 0; i < rowCount; i++) {
    const p = partnerOf[rowPartner[i] as number] as number;
    rows[p]!++;
    const day = rowDay[i] as number;
    const amount = rowAmount[i] as number;
    const product = productMask[rowProduct[i] as number] as number;
    const accepted = product & (attributionMask[rowAttribution[i] as number] as number);
    const readable = amount === amount; // NaN marks an unreadable amount
    if (day >= windowStart && day <= asOfDay && readable) {
      const k = p * months + (monthInWindow[day - windowStart] as number);
      if (accepted & 1) {
        inForce[k]! += amount;
        counted[p]!++;
        // reasons[i] is already rc.Counted (0)
      } else {
        reasons[i] = product & 1 ? rc.Attribution : unknownProduct[rowProduct[i] as number] ? rc.UnknownProduct : rc.Product;
      }
      if (accepted > 1) for (let r = 1; r < bookCount; r++) if (accepted & (1 << r)) (buckets[r] as Float64Array)[k]! += amount;
    } else {
      reasons[i] = !readable ? rc.InvalidAmount
        : day < unreadableBelow ? rc.InvalidDate
        : !(product & 1) ? (unknownProduct[rowProduct[i] as number] ? rc.UnknownProduct : rc.Product)
        : !(accepted & 1) ? rc.Attribution
        : day > asOfDay ? rc.After : rc.Outside;
    }
  }
  return { windowStart, buckets, reasons, rows, counted, unknownProduct };
}

/**
 * Revenue still in the window from a month of the window on, under rulebook `book` of the scope.
 * @example revenueFrom(totals, 0, partner, 0) // the partner's TTM revenue at the as-of date
 */
export function revenueFrom(totals: RevenueTotals, book: number, partner: number, fromMonth: number): number {
  const buckets = totals.buckets[book] as Float64Array;
  const months = MONTHS; // a local: see sumRevenue
  let sum = 0;
  for (let k = partner * months + fromMonth, end = partner * months + months; k < end; k++) sum += buckets[k] as number;
  return sum;
}
