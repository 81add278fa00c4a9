/**
 * Excel's date serials, the one place they turn into days and back. A serial counts days from
 * the workbook's epoch, and its fraction is the time of day:
 *  - the 1900 system (Windows Excel, the default): serial 1 is 1900-01-01. It counts 1900-02-29,
 *    a day that never was (Lotus 1-2-3 compatibility), as serial 60: serials 1-59 are one day
 *    later than a plain count from 1899-12-31, serials from 61 on agree with a count from
 *    1899-12-30, and serial 60 is no date;
 *  - the 1904 system (old Mac workbooks, workbookPr date1904="1"): serial 0 is 1904-01-01.
 * Days are epoch days (days since 1970-01-01, no time zone), as src/core counts them. Nothing
 * here throws: what is no date gives undefined (or NaN where a number is the only answer).
 */

/** The 1900 system's serial of 1970-01-01, for serials from 61 on (1900-03-01). */
const EPOCH_1900 = 25569;
/** The 1904 system's serial of 1970-01-01. */
const EPOCH_1904 = 24107;
/** 1900-02-29 in the 1900 system: a day that never was. */
const PHANTOM_LEAP_DAY = 60;
/** The largest serial Excel shows as a date (9999-12-31 in the 1900 system). */
export const MAX_SERIAL = 2958465;
/** Epoch day of 1900-03-01, the first day after the phantom leap day. */
const MARCH_1900 = PHANTOM_LEAP_DAY + 1 - EPOCH_1900;
const MS_PER_DAY = 86_400_000;

/**
 * The first serial of the 1900 system from which serials and dates count alike (1900-03-01):
 * readers may leave smaller serials as numbers so the phantom day can be reported.
 */
export const FIRST_PLAIN_SERIAL_1900 = PHANTOM_LEAP_DAY + 1;

/**
 * True for serial 60 of the 1900 system (any time of that day): 1900-02-29, which never was.
 * @example isPhantomLeapDay(60.5, false) === true; isPhantomLeapDay(60, true) === false
 * @throws nothing
 */
export function isPhantomLeapDay(serial: number, date1904: boolean): boolean {
  return !date1904 && Math.floor(serial) === PHANTOM_LEAP_DAY;
}

/**
 * The epoch day of a serial (its time of day dropped), or undefined when it is no date: not a
 * finite number, outside 1-2958465 in the 1900 system or 0-2958465 in the 1904 system, or the
 * phantom 1900-02-29 (serial 60; see isPhantomLeapDay to tell it apart).
 * @example dayOfSerial(43174, false) === 17605; dayOfSerial(43174 - 1462, true) === 17605 (2018-03-15)
 * @throws nothing
 */
export function dayOfSerial(serial: number, date1904: boolean): number | undefined {
  if (!Number.isFinite(serial)) return undefined;
  const whole = Math.floor(serial);
  if (date1904) return whole >= 0 && whole <= MAX_SERIAL ? whole - EPOCH_1904 : undefined;
  if (whole < 1 || whole > MAX_SERIAL || whole === PHANTOM_LEAP_DAY) return undefined;
  return whole < PHANTOM_LEAP_DAY ? whole - (EPOCH_1900 - 1) : whole - EPOCH_1900;
}

/**
 * The serial of an epoch day, or undefined for a day the system has no serial for (before
 * 1900-01-01 or 1904-01-01, after serial 2958465): dayOfSerial's inverse.
 * @example serialOfDay(17605, false) === 43174; serialOfDay(17605, true) === 41712
 * @throws nothing
 */
export function serialOfDay(day: number, date1904: boolean): number | undefined {
  if (!Number.isInteger(day)) return undefined;
  const epoch = date1904 ? EPOCH_1904 : day < MARCH_1900 ? EPOCH_1900 - 1 : EPOCH_1900;
  const serial = day + epoch;
  return serial >= (date1904 ? 0 : 1) && serial <= MAX_SERIAL ? serial : undefined;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The serial of an ISO day "YYYY-MM-DD", or undefined when it is not a real day or has no serial.
 * @example serialOfIso("2018-03-15", false) === 43174; serialOfIso("2018-02-30", false) === undefined
 * @throws nothing
 */
export function serialOfIso(iso: string, date1904: boolean): number | undefined {
  const m = ISO_DAY.exec(iso);
  if (!m) return undefined;
  const y = Number(m[1]), mo = Number(m[2]) - 1, d = Number(m[3]);
  const date = new Date(0);
  date.setUTCFullYear(y, mo, d); // unlike Date.UTC, years 0-99 stay themselves
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo || date.getUTCDate() !== d) return undefined;
  return serialOfDay(date.getTime() / MS_PER_DAY, date1904);
}

/**
 * The instant a serial shows, in milliseconds since 1970-01-01 UTC (its fraction is the time of
 * day, rounded to the millisecond), as readers hand dates over: new Date(msOfSerial(s, false)).
 * A serial outside Excel's range still gives its instant by the same count (a reader hands a
 * date-formatted number over as it is; the sheets layer judges it). NaN for the phantom
 * 1900-02-29 (serials 60 to 61 of the 1900 system) and for what is not a finite number.
 * @example new Date(msOfSerial(43174.5, false)).toISOString() === "2018-03-15T12:00:00.000Z"
 * @throws nothing
 */
export function msOfSerial(serial: number, date1904: boolean): number {
  if (!Number.isFinite(serial) || isPhantomLeapDay(serial, date1904)) return NaN;
  const epoch = date1904 ? EPOCH_1904 : serial < PHANTOM_LEAP_DAY ? EPOCH_1900 - 1 : EPOCH_1900;
  return Math.round((serial - epoch) * MS_PER_DAY);
}
