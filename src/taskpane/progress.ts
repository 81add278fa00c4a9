/**
 * What the progress bar says while a file is read: rows read so far, the total estimated from
 * the share of the file read ("Reading rows: 200,000 of about 616,000 (32%)"), in the UI
 * language's number style.
 */
import type { Locale, Translate } from '../i18n';

/**
 * An estimated total, rounded as a person would say it: to three significant digits (616,000,
 * not 616,183), never below the rows already read.
 * @example aboutTotal(200_000, 0.3246) === 616_000
 * @throws nothing
 */
export function aboutTotal(rows: number, fraction: number): number {
  const raw = rows / fraction;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(raw)) - 2);
  return Math.max(rows, Math.round(raw / unit) * unit);
}

/**
 * The progress line for `rows` read and `fraction` (0-1) of the file read; without a usable
 * share (none yet, or all of it) only the rows.
 * @example readingLabel(200_000, 0.3246, "en-US", translator("en-US", "grouped")) === "Reading rows: 200,000 of about 616,000 (32%)"
 * @throws nothing
 */
export function readingLabel(rows: number, fraction: number, locale: Locale, t: Translate): string {
  if (!(rows > 0 && fraction > 0 && fraction < 1)) return t('ui.progress.readingRows', { count: rows });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(fraction * 100) / 100);
  return t('ui.progress.readingOf', { done: rows, total: aboutTotal(rows, fraction), percent });
}
