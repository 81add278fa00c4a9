/**
 * Day-first or month-first: decided per date column from its data, so a European CSV read without
 * a language ("03.04.2018", "15/03/2018", amounts with a decimal comma) is never silently read
 * month-first. A day over 12 anywhere in the column decides; otherwise the "." separator and a
 * decimal comma in the amounts point to day-first; otherwise the locale's order is used and, when
 * the user did not name the locale, the caller warns that the column stays ambiguous.
 */
import type { Locale } from '../i18n';
import { DAY_FIRST, type Cell } from './cells';

/** A column's date order and, when nothing decided it, its first ambiguous cell. */
export interface DateOrder {
  readonly dayFirst: boolean;
  /** Set when the column holds dates such as "03/04/2018" and nothing decided their order. */
  readonly ambiguous?: { readonly row: number; readonly value: string };
}

const DMY = /^\s*(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(?:\d{2}|\d{4})(?:\s.*)?$/;
const DECIMAL_COMMA = /^[^.,]*(?:\d{1,3}(?:[.\s\u00a0']\d{3})*|\d+),\d{1,2}\s*$/;

/**
 * The day/month order of the dates in rows [from, to) of column `col`, with the amounts in
 * column `amountCol` as a hint. `localeDecides` is true when the user named the locale: then an
 * undecided column is read in its order without a warning.
 * @example dateOrder([["03.04.2018"], ["05.06.2018"]], 0, 2, 0, undefined, "en-US", false).dayFirst === true
 * @throws nothing
 */
export function dateOrder(values: readonly (readonly Cell[])[], from: number, to: number, col: number, amountCol: number | undefined, locale: Locale, localeDecides: boolean): DateOrder {
  const localeDayFirst = DAY_FIRST.has(locale);
  let dayEvidence = false, monthEvidence = false, dot = false;
  let ambiguous: { row: number; value: string } | undefined;
  for (let r = from; r < to; r++) {
    const cell = values[r]?.[col];
    // Cheap test first: most date columns hold serials or ISO text.
    if (typeof cell !== 'string' || cell.length < 6 || cell.length > 40) continue;
    const c1 = cell.charCodeAt(1), c2 = cell.charCodeAt(2);
    if (!(c1 === 47 || c1 === 46 || c1 === 45 || c2 === 47 || c2 === 46 || c2 === 45 || c1 === 32 || c2 === 32)) continue;
    const m = DMY.exec(cell);
    if (!m) continue;
    const a = Number(m[1]), b = Number(m[3]);
    if (a > 12 && b <= 12) dayEvidence = true;
    else if (b > 12 && a <= 12) monthEvidence = true;
    else if (a !== b && a >= 1 && b >= 1) {
      ambiguous ??= { row: r, value: cell.trim() };
      if (m[2] === '.') dot = true;
    }
  }
  if (dayEvidence !== monthEvidence) return { dayFirst: dayEvidence };
  if (ambiguous === undefined || localeDecides) return { dayFirst: localeDayFirst };
  if (!dayEvidence && dot) return { dayFirst: true };
  if (!dayEvidence && amountCol !== undefined) {
    for (let r = from; r < to; r++) {
      const cell = values[r]?.[amountCol];
      if (typeof cell === 'string' && cell.indexOf(',') >= 0 && DECIMAL_COMMA.test(cell)) return { dayFirst: true };
    }
  }
  return { dayFirst: localeDayFirst, ambiguous };
}
