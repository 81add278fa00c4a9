/** Small display helpers for the task pane. */
import type { Locale } from '../i18n';

/**
 * US$ amounts in the user's number style, without cents when whole.
 * @example usd(12_000_050, "de-DE") === "120.000,50"
 */
export function usd(cents: number, locale: Locale): string {
  const whole = cents % 100 === 0;
  return new Intl.NumberFormat(locale, { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }).format(cents / 100);
}
