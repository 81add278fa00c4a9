/**
 * Attribution values the rulebook in force does not accept (docs/rules.md 3): CPOR,
 * "Transacting", a typo. Their rows never count; each distinct value is reported once, with its
 * rows and revenue, as unknown products are, so no revenue disappears without a word.
 */
import { attributionKey, type Rulebook } from './rulebook';
import { groupTotals } from './totals';

/** One attribution value that is not accepted, with what its rows hold. */
export interface UnacceptedAttribution {
  /** The value as first written. */
  readonly attribution: string;
  readonly rows: number;
  /** Readable amounts of its rows, and of those in the TTM window. */
  readonly amountCents: number;
  readonly windowCents: number;
  /** Its first row (index into the revenue columns). */
  readonly firstRow: number;
  /** The partner index (into the input's partner ids) of its rows, -1 when several. */
  readonly partner: number;
}

/** Values that say "no attribution" rather than name another one: a yes/no column's no, "none". */
const NOT_AN_ATTRIBUTION = new Set(['', 'none']);

/**
 * Totals per attribution value the rulebook in force does not accept, grouped by spelling
 * (attributionKey), in order of first row. Rows without an attribution ("" or "none") are not listed.
 * @example unacceptedAttributionTotals(columns, rulebook, windowStart, asOfDay)[0]?.attribution // "CPOR"
 * @throws nothing
 */
export function unacceptedAttributionTotals(
  rev: {
    readonly length: number; readonly attributions: readonly string[]; readonly attribution: Int32Array; readonly partner: Int32Array;
    readonly day: Int32Array; readonly amountCents: Float64Array;
  },
  rulebook: Rulebook, windowStart: number, asOfDay: number,
): UnacceptedAttribution[] {
  // Per distinct spelling: the group it belongs to, -1 when accepted or no attribution.
  const groupOf = new Int32Array(rev.attributions.length).fill(-1);
  const keys = new Map<string, number>();
  rev.attributions.forEach((a, k) => {
    const key = attributionKey(a);
    if (NOT_AN_ATTRIBUTION.has(key) || rulebook.isAcceptedAttribution(a)) return;
    let g = keys.get(key);
    if (g === undefined) { g = keys.size; keys.set(key, g); }
    groupOf[k] = g;
  });
  if (keys.size === 0) return [];
  return groupTotals(rev.attribution, groupOf, rev, windowStart, asOfDay).map(({ value, rows, amountCents, windowCents, firstRow, partner }) =>
    ({ attribution: rev.attributions[value] as string, rows, amountCents, windowCents, firstRow, partner }));
}
