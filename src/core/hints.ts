/**
 * Facts about an evaluation as a whole that adapters show as hints. Computed here once, so the
 * CLI, the JSON document, the task pane and the status sheet say the same thing.
 */
import { RC } from './reasons';

/**
 * When no revenue row counts and some rows would count but for their date (the as-of date is far
 * from the data: a 2017-2018 workbook evaluated as of today), the latest such row's epoch day:
 * evaluating as of that day makes it count. Otherwise undefined.
 * @example latestCountableDay({ length: 1, day: Int32Array.of(17532) }, Uint8Array.of(RC.Outside)) === 17532
 */
export function latestCountableDay(rev: { readonly length: number; readonly day: Int32Array }, reasons: Uint8Array): number | undefined {
  let latest: number | undefined;
  for (let i = 0; i < rev.length; i++) {
    const r = reasons[i];
    // Reasons are checked amount, date, product, attribution, then the window, so "outside the
    // window" and "after the as-of date" rows are eligible, accepted and readable.
    if (r === RC.Counted) return undefined;
    if (r === RC.Outside || r === RC.After) {
      const d = rev.day[i] as number;
      if (latest === undefined || d > latest) latest = d;
    }
  }
  return latest;
}
