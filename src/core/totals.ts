/**
 * Rows and revenue per group of revenue values (unknown products, unaccepted attributions), in
 * order of each group's first row: what a warning needs so no revenue disappears without a word.
 */

/** The totals of one group. `value` is the value index of the group's first row. */
export interface GroupTotals {
  readonly value: number;
  readonly rows: number;
  /** Readable amounts of its rows (US cents), and of those dated within the TTM window. */
  readonly amountCents: number;
  readonly windowCents: number;
  /** Its first row (index into the revenue columns). */
  readonly firstRow: number;
  /** The partner index of its rows, -1 when several. */
  readonly partner: number;
}

/**
 * Sums every row whose value (`values[i]`, an index) belongs to a group (`groupOf[value]` >= 0).
 * @example groupTotals(rev.product, groupOf, rev, start, asOfDay)[0] // { value: 3, rows: 2, amountCents: 5000, ... }
 * @throws nothing
 */
export function groupTotals(
  values: Int32Array, groupOf: Int32Array,
  rev: { readonly length: number; readonly partner: Int32Array; readonly day: Int32Array; readonly amountCents: Float64Array },
  windowStart: number, asOfDay: number,
): GroupTotals[] {
  const acc: { value: number; rows: number; amountCents: number; windowCents: number; firstRow: number; partner: number }[] = [];
  const slot = new Map<number, number>();
  for (let i = 0; i < rev.length; i++) {
    const k = values[i] as number;
    const g = groupOf[k] as number;
    if (g < 0) continue;
    let s = slot.get(g);
    if (s === undefined) {
      s = acc.length;
      slot.set(g, s);
      acc.push({ value: k, rows: 0, amountCents: 0, windowCents: 0, firstRow: i, partner: rev.partner[i] as number });
    }
    const a = acc[s] as (typeof acc)[number];
    a.rows++;
    if (a.partner !== rev.partner[i]) a.partner = -1;
    const cents = rev.amountCents[i] as number;
    if (cents === cents) {
      a.amountCents += cents;
      const d = rev.day[i] as number;
      if (d >= windowStart && d <= asOfDay) a.windowCents += cents;
    }
  }
  return acc;
}
