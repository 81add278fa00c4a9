/**
 * Calendar arithmetic on "epoch days" (days since 1970-01-01, proleptic Gregorian, no time zone).
 * Why not Date: evaluation must not depend on the machine's time zone, and integer days are what
 * the rules talk about (a TTM window is a range of days). The civil-from-days algorithm is
 * Howard Hinnant's, which is exact for all years we care about.
 */

/** An ISO calendar day, "YYYY-MM-DD". */
export type IsoDate = string;

/**
 * Days since 1970-01-01 for a year, month (1-12) and day.
 * @example dayFromYmd(1970, 1, 2) === 1
 */
export function dayFromYmd(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Year, month (1-12) and day of an epoch day.
 * @example ymdFromDay(0) // { year: 1970, month: 1, day: 1 }
 */
export function ymdFromDay(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Number of days in a month. @example daysInMonth(2016, 2) === 29 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year-month-day names a real calendar day. @example isValidYmd(2017, 2, 29) === false */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)
    && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * Epoch day of an ISO date "YYYY-MM-DD", or undefined when it is not a real day.
 * @example dayFromIso("2018-03-15") === 17605
 */
export function dayFromIso(iso: string): number | undefined {
  const m = ISO_DAY.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  return isValidYmd(y, mo, d) ? dayFromYmd(y, mo, d) : undefined;
}

/**
 * Epoch day of the first day of an ISO month "YYYY-MM", or undefined.
 * @example isoFromDay(dayFromIsoMonth("2018-03")!) === "2018-03-01"
 */
export function dayFromIsoMonth(iso: string): number | undefined {
  const m = ISO_MONTH.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]), mo = Number(m[2]);
  return isValidYmd(y, mo, 1) ? dayFromYmd(y, mo, 1) : undefined;
}

/** "YYYY-MM-DD" for an epoch day. @example isoFromDay(17605) === "2018-03-15" */
export function isoFromDay(days: number): IsoDate {
  const { year, month, day } = ymdFromDay(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Month number (year * 12 + month - 1) of an epoch day: consecutive months differ by one.
 * @example monthOfDay(dayFromIso("2018-03-15")!) === 2018 * 12 + 2
 */
export function monthOfDay(days: number): number {
  const { year, month } = ymdFromDay(days);
  return year * 12 + month - 1;
}

/** Epoch day of the first day of a month number. @example isoFromDay(firstDayOfMonth(2018 * 12 + 2)) === "2018-03-01" */
export function firstDayOfMonth(monthNumber: number): number {
  const year = Math.floor(monthNumber / 12);
  return dayFromYmd(year, monthNumber - year * 12 + 1, 1);
}

/**
 * The same day n months later, clamped to the month's last day (2018-01-31 + 1 month = 2018-02-28).
 * @example isoFromDay(addMonths(dayFromIso("2018-03-15")!, 12)) === "2019-03-15"
 */
export function addMonths(days: number, n: number): number {
  const { year, month, day } = ymdFromDay(days);
  const mn = year * 12 + month - 1 + n;
  const y = Math.floor(mn / 12);
  const mo = mn - y * 12 + 1;
  return dayFromYmd(y, mo, Math.min(day, daysInMonth(y, mo)));
}

/**
 * First day of the trailing-twelve-month window at an as-of day: the first day of the month
 * eleven months before the as-of month (docs/rules.md 3).
 * @example isoFromDay(ttmWindowStart(dayFromIso("2018-03-15")!)) === "2017-04-01"
 */
export function ttmWindowStart(asOf: number): number {
  return firstDayOfMonth(monthOfDay(asOf) - 11);
}

/**
 * The calendar day a Date shows in local time, as "YYYY-MM-DD". Core never reads the clock: the
 * adapters pass `new Date()` when they need today.
 * @example isoFromLocalDate(new Date(2018, 2, 15, 23, 59)) === "2018-03-15"
 */
export function isoFromLocalDate(d: Date): IsoDate {
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
