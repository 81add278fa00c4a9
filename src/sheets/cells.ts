/**
 * Reading single cells leniently. Every function here returns a value or a "why not", never
 * throws: a cell that cannot be read becomes a data issue upstream, and the evaluation goes on.
 *
 * Cells arrive as Office.js `range.values` gives them (string, number, boolean), or as our file
 * readers give them (the same, plus Date for date-typed cells and { error } for formula errors).
 */
import { dayOfSerial, isPhantomLeapDay, cellError, cellText, isEmpty, type Cell } from '../cells';
import { dayFromYmd, isValidYmd } from '../core';
import type { Locale } from '../i18n';

export {
  a1, cellError, cellText, cellValue, cellValues, isEmpty, type Cell, type CellError, type SheetInput, type WorkbookInput,
} from '../cells';

/** A date read from a cell: an epoch day, and whether only the month was given. */
export interface ReadDate { readonly day: number; readonly monthOnly: boolean }

/** Why a cell could not be read. */
export type CellProblem = 'empty' | 'error' | 'invalid' | 'serial-1900-02-29';

/** Result of reading a cell. */
export type Read<T> = { readonly ok: true; readonly value: T; readonly note?: string } | { readonly ok: false; readonly problem: CellProblem; readonly detail?: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (problem: CellProblem, detail?: string): Read<never> => (detail === undefined ? { ok: false, problem } : { ok: false, problem, detail });

const MONTHS: Readonly<Record<string, number>> = (() => {
  const names: [number, string[]][] = [
    [1, ['january', 'jan', 'janeiro', 'januar', 'jänner', 'gennaio', 'gen']],
    [2, ['february', 'feb', 'fevereiro', 'fev', 'februar', 'febbraio']],
    [3, ['march', 'mar', 'março', 'marco', 'märz', 'maerz', 'mär', 'marzo']],
    [4, ['april', 'apr', 'abril', 'abr', 'aprile']],
    [5, ['may', 'maio', 'mai', 'maggio', 'mag']],
    [6, ['june', 'jun', 'junho', 'juni', 'giugno', 'giu']],
    [7, ['july', 'jul', 'julho', 'juli', 'luglio', 'lug']],
    [8, ['august', 'aug', 'agosto', 'ago']],
    [9, ['september', 'sep', 'sept', 'setembro', 'set', 'settembre']],
    [10, ['october', 'oct', 'outubro', 'out', 'oktober', 'okt', 'ottobre', 'ott']],
    [11, ['november', 'nov', 'novembro', 'novembre']],
    [12, ['december', 'dec', 'dezembro', 'dez', 'dezember', 'dicembre', 'dic']],
  ];
  const out: Record<string, number> = {};
  for (const [m, list] of names) for (const n of list) out[n] = m;
  return out;
})();

/** Day-first locales read "03/04/2018" as 3 April; en-US reads it as March 4. */
export const DAY_FIRST: ReadonlySet<Locale> = new Set(['pt-BR', 'de-DE', 'it-IT']);

/**
 * The year of a date's text: two digits are this century ("18" is 2018); four digits are taken as
 * written, and a year before 1900 (Excel's first) is not a date: "0018" is a typo, not 2018.
 */
function year(text: string): number | undefined {
  const y = Number(text);
  if (text.length <= 2) return y + 2000;
  return y >= 1900 && y <= LAST_YEAR ? y : undefined;
}

/**
 * The last year a date may have. Why: a date that cannot be real (serial 201806 is the year
 * 2452) would otherwise be silently "after the as-of date"; it is a data issue instead.
 */
const LAST_YEAR = 2100;
/** Epoch day of 2101-01-01: days from it on are past LAST_YEAR. */
const PAST_LAST_YEAR = dayFromYmd(LAST_YEAR + 1, 1, 1);

/**
 * A whole number that is a date written as digits: 201806 (YYYYMM, a month) or 20180615
 * (YYYYMMDD), years 1900 to 2100. Such numbers are far past any real Excel serial of those years.
 */
function digitsDate(n: number): Read<ReadDate> | undefined {
  if (!Number.isInteger(n)) return undefined;
  if (n >= 190001 && n <= 210012) return ym(String(Math.floor(n / 100)), n % 100);
  if (n >= 19000101 && n <= 21001231) return ymd(String(Math.floor(n / 10000)), Math.floor(n / 100) % 100, n % 100);
  return undefined;
}

/** A serial (or YYYYMM / YYYYMMDD digits) as a date, never past LAST_YEAR. */
function numberDate(n: number, date1904: boolean): Read<ReadDate> {
  const digits = digitsDate(n);
  if (digits) return digits;
  const d = dayFromSerial(n, date1904);
  if (!d.ok) return d;
  return d.value < PAST_LAST_YEAR ? ok({ day: d.value, monthOnly: false }) : fail('invalid');
}
function ymd(yText: string, m: number, d: number): Read<ReadDate> {
  const y = year(yText);
  return y !== undefined && isValidYmd(y, m, d) ? ok({ day: dayFromYmd(y, m, d), monthOnly: false }) : fail('invalid');
}
function ym(yText: string, m: number): Read<ReadDate> {
  const y = year(yText);
  return y !== undefined && isValidYmd(y, m, 1) ? ok({ day: dayFromYmd(y, m, 1), monthOnly: true }) : fail('invalid');
}

/**
 * Epoch day of an Excel date serial (src/cells' dayOfSerial), as a reading: serial 60 of the 1900
 * system, 1900-02-29, a day that never was (Lotus 1-2-3 compatibility), is reported as such.
 * @example dayFromSerial(43174, false) // { ok: true, value: 17605 } (2018-03-15)
 * @throws nothing
 */
export function dayFromSerial(serial: number, date1904: boolean): Read<number> {
  if (isPhantomLeapDay(serial, date1904)) return fail('serial-1900-02-29');
  const day = dayOfSerial(serial, date1904);
  return day === undefined ? fail('invalid') : ok(day);
}

/**
 * Reads a date cell: a serial (1900 or 1904 system), a Date, ISO text, month text ("2018-03",
 * "Mar 2018", "03/2018"), or day/month text in the locale's order ("15/03/2018" in pt-BR,
 * "03/15/2018" in en-US, "15.03.2018", "2018/3/15", "2018年3月15日", "2018. 3. 15.").
 * `monthColumn` says the column holds months (a "Month" header), so a full date means its month.
 * `dayFirst` reads "03/04/2018" as 3 April (default: the locale's order; see dateOrder for a
 * column's order decided from its data).
 * @example readDate("2018-03", "en-US", false) // { ok: true, value: { day: 17591, monthOnly: true } }
 * @throws nothing: a cell that is no date is a reading that failed ({ ok: false, problem })
 */
export function readDate(cell: Cell, locale: Locale, date1904: boolean, monthColumn = false, dayFirst: boolean = DAY_FIRST.has(locale)): Read<ReadDate> {
  const r = readDateInner(cell, dayFirst, date1904);
  if (r.ok && monthColumn && !r.value.monthOnly) {
    const d = new Date(r.value.day * 86400000);
    return ok({ day: dayFromYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, 1), monthOnly: true });
  }
  return r;
}

/** "YYYY-MM-DD" read without allocating: the common case of exports and of our own files. */
function isoFast(text: string): Read<ReadDate> | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  let y = 0, m = 0, d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    if (i < 4) y = y * 10 + c; else if (i < 7) m = m * 10 + c; else d = d * 10 + c;
  }
  return y >= 1900 && y <= LAST_YEAR && isValidYmd(y, m, d) ? ok({ day: dayFromYmd(y, m, d), monthOnly: false }) : fail('invalid');
}

function readDateInner(cell: Cell, localeDayFirst: boolean, date1904: boolean): Read<ReadDate> {
  if (typeof cell === 'string') {
    const fast = isoFast(cell);
    if (fast) return fast;
  }
  if (isEmpty(cell)) return fail('empty');
  const err = cellError(cell);
  if (err !== undefined) return fail('error', err);
  if (typeof cell === 'number') return numberDate(cell, date1904);
  if (cell instanceof Date) {
    const t = cell.getTime();
    const day = Math.floor(t / 86400000);
    return Number.isNaN(t) || day >= PAST_LAST_YEAR ? fail('invalid') : ok({ day, monthOnly: false });
  }
  if (typeof cell === 'boolean') return fail('invalid');
  const text = String(cell).trim().toLowerCase();
  let m: RegExpExecArray | null;
  // ISO and year-first forms: 2018-03-15, 2018/3/15, 2018.03.15, 2018-03-15T10:00:00Z, 2018年3月15日, 2018. 3. 15.
  if ((m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[.日일]?(?:[t\s].*)?$/.exec(text))) return ymd(m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일?$/.exec(text))) return ymd(m[1]!, +m[2]!, +m[3]!);
  // Year and month: 2018-03, 2018/03, 2018年3月, 2018년 3월
  if ((m = /^(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[.月월]?$/.exec(text))) return ym(m[1]!, +m[2]!);
  // Month and year: 03/2018, 3.2018
  if ((m = /^(\d{1,2})\s*[-/.]\s*(\d{4})$/.exec(text))) return ym(m[2]!, +m[1]!);
  // Day and month in the locale's order: 15/03/2018, 03/15/2018, 15.03.18
  if ((m = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2}|\d{4})(?:\s.*)?$/.exec(text))) {
    const a = +m[1]!, b = +m[2]!, y = m[3]!;
    // A part over 12 can only be the day, whatever the locale says.
    const dayFirst = a > 12 ? true : b > 12 ? false : localeDayFirst;
    return dayFirst ? ymd(y, b, a) : ymd(y, a, b);
  }
  // Month names: "Mar 2018", "March 2018", "15 Mar 2018", "Mar 15, 2018", "15. März 2018", "mar/2018"
  if ((m = /^([\p{L}]+)\.?[\s/-]+(\d{4})$/u.exec(text))) {
    const mo = MONTHS[m[1]!];
    return mo ? ym(m[2]!, mo) : fail('invalid');
  }
  if ((m = /^(\d{1,2})\.?[\s/-]+(?:de\s+)?([\p{L}]+)\.?(?:\s+de)?[\s/-]+(\d{4})$/u.exec(text))) {
    const mo = MONTHS[m[2]!];
    return mo ? ymd(m[3]!, mo, +m[1]!) : fail('invalid');
  }
  if ((m = /^([\p{L}]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/u.exec(text))) {
    const mo = MONTHS[m[1]!];
    return mo ? ymd(m[3]!, mo, +m[2]!) : fail('invalid');
  }
  // A serial written as text ("43174"), or a year-month / date as digits ("201806", "20180615").
  if (/^\d{4,6}(?:\.\d+)?$/.test(text) || /^\d{8}$/.test(text)) return numberDate(Number(text), date1904);
  return fail('invalid');
}

/** A dash alone, with or without a dollar sign: an accounting format's zero. */
const ACCOUNTING_ZERO = /^\s*(?:us\$|usd|r\$|\$)?\s*[-–—]\s*(?:us\$|usd|\$)?\s*$/i;

/** Locales that write 1.234,56 (and "US$ 50.000" means fifty thousand). */
const COMMA_DECIMAL: ReadonlySet<Locale> = new Set(['pt-BR', 'de-DE', 'it-IT']);

/**
 * Cents of plain decimal text ("1234.56", "-12.5", "300"): an optional minus, 1 to 13 digits,
 * and optionally a point with one or two digits, which every locale reads the same way (a point
 * before one or two digits is never a thousands separator). Undefined for anything else, which
 * the general reading below handles. Why: CSV exports and ranges hold a million such amounts,
 * and this reads them without a regular expression or a substring.
 */
function plainMoneyCents(text: string): number | undefined {
  const n = text.length;
  let i = 0, negative = false;
  if (text.charCodeAt(0) === 45) { negative = true; i = 1; }
  let whole = 0, digits = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 13) return undefined;
  let frac = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 || n - i - 1 < 1 || n - i - 1 > 2) return undefined;
    for (let k = i + 1; k < n; k++) {
      const c = text.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return undefined;
      frac = frac * 10 + c;
    }
    if (n - i - 1 === 1) frac *= 10;
  }
  const cents = whole * 100 + frac;
  return negative ? -cents : cents;
}

/**
 * The cents of the amounts most cells hold, without allocating: a number below US$10 trillion, or
 * plain decimal text (see plainMoneyCents). Undefined: ask readMoneyCents, which gives the same
 * cents for these and reads (or reports) everything else.
 * @example quickMoneyCents(1234.5) === 123450; quickMoneyCents("$5") === undefined
 * @throws nothing
 */
export function quickMoneyCents(cell: Cell): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) && Math.abs(cell) < 1e13 ? Math.round(cell * 100) : undefined;
  return typeof cell === 'string' ? plainMoneyCents(cell) : undefined;
}

/**
 * Reads money in US$ as integer cents, exactly (no float parsing of text): numbers, and text such
 * as "$50,000.00", "US$ 50.000" (pt-BR/de-DE), "50.000,50", "(1,234.00)", "-1 234", "USD 1,000".
 * A lone separator before three digits ("50.000") is a thousands separator unless it is the
 * decimal one: `decimalComma` (default: the locale's; see decimalSeparator for a column's own).
 * @example readMoneyCents("US$ 50.000", "pt-BR") // { ok: true, value: 5_000_000 }
 * @throws nothing: what is no amount is a reading that failed
 */
export function readMoneyCents(cell: Cell, locale: Locale, decimalComma: boolean = COMMA_DECIMAL.has(locale)): Read<number> {
  if (isEmpty(cell)) return fail('empty');
  const err = cellError(cell);
  if (err !== undefined) return fail('error', err);
  const quick = quickMoneyCents(cell);
  if (quick !== undefined) return ok(quick);
  if (typeof cell !== 'string') return fail('invalid');
  // Accounting formats show zero as a dash ("-", "$ -", "US$ –  "): exported as text, it is zero.
  if (ACCOUNTING_ZERO.test(cell)) return ok(0);
  let text = cell.trim();
  let negative = false;
  if (/^\(.*\)$/.test(text)) { negative = true; text = text.slice(1, -1).trim(); }
  text = text.replace(/^(?:us\$|usd|u\$s|\$)\s*/i, '').replace(/\s*(?:us\$|usd|\$)$/i, '').trim();
  if (/^[-−–]/.test(text)) { negative = !negative; text = text.slice(1).trim(); }
  text = text.replace(/^(?:us\$|usd|\$)\s*/i, '').replace(/[\s\u00a0\u202f']/g, '');
  if (text.endsWith('-')) { negative = !negative; text = text.slice(0, -1); }
  if (!/^\d[\d.,]*$/.test(text) && !/^[.,]\d+$/.test(text)) return fail('invalid');
  const lastDot = text.lastIndexOf('.'), lastComma = text.lastIndexOf(',');
  let decimalSep: string | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimalSep = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = text.split(sep).length - 1;
    const after = text.length - text.lastIndexOf(sep) - 1;
    const localeDecimal = decimalComma ? ',' : '.';
    if (count > 1) decimalSep = null;
    else if (sep === localeDecimal) decimalSep = sep;
    else decimalSep = after === 3 ? null : sep;
  }
  let intPart = text, frac = '';
  if (decimalSep !== null) {
    const i = text.lastIndexOf(decimalSep);
    intPart = text.slice(0, i);
    frac = text.slice(i + 1);
  }
  intPart = intPart.replace(/[.,]/g, '');
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(frac) || (intPart === '' && frac === '')) return fail('invalid');
  if (intPart.length > 13) return fail('invalid');
  let cents = Number(intPart || '0') * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1; // round half up on the third decimal
  return ok(negative ? -cents : cents);
}

/**
 * Whether a column's amounts write a decimal comma, decided by its first value that shows it:
 * both separators ("1.234,56": the later one is decimal), one separator before one, two or four
 * or more digits ("12,5", "1234.56"), or one separator used twice ("1.234.567": the other one is
 * decimal). Undefined when no value decides ("50.000" alone): the locale's convention then.
 * Why: a semicolon CSV read without --locale holds "1.234,56" and "50.000" in one column, and
 * the second is fifty thousand, as the first shows.
 * @example decimalSeparator([["Amount"], ["1.234,56"], ["50.000"]], 1, 3, 0) === true
 * @throws nothing
 */
export function decimalSeparator(values: readonly (readonly Cell[])[], from: number, to: number, col: number): boolean | undefined {
  for (let r = from; r < to; r++) {
    const cell = values[r]?.[col];
    if (typeof cell !== 'string') continue;
    const comma = cell.lastIndexOf(','), dot = cell.lastIndexOf('.');
    if (comma < 0 && dot < 0) continue;
    if (comma >= 0 && dot >= 0) return comma > dot;
    const at = comma >= 0 ? comma : dot;
    const sep = cell[at] as string;
    if (cell.indexOf(sep) !== at) return sep === '.'; // used twice: a thousands separator
    const digits = /^\d+/.exec(cell.slice(at + 1))?.[0].length ?? 0;
    if (digits > 0 && digits !== 3) return sep === ',';
  }
  return undefined;
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔', 'sim', 's', 'ja', 'j', 'wahr', '是', '是的', '예', '네', 'sì', 'si', 'vero', 'verdadeiro', 'active', 'ativo', 'aktiv', 'attivo', 'employed']);
const NO = new Set(['no', 'n', 'false', '0', 'não', 'nao', 'nein', 'falsch', '否', '不是', '아니요', '아니오', '아니', 'falso', 'left', 'inactive', 'inativo', 'inaktiv', 'ausgeschieden', 'non attivo', '-', '✗', '✘']);

/** The spellings almost every sheet uses, answered without allocating. */
const YES_NO_EXACT: ReadonlyMap<string, Read<boolean>> = new Map([
  ...['Yes', 'yes', 'YES', 'Y', 'y', 'TRUE', 'True', 'true', 'Sim', 'Ja', 'Sì', 'Si', '是', '예'].map((w) => [w, ok(true)] as const),
  ...['No', 'no', 'NO', 'N', 'n', 'FALSE', 'False', 'false', 'Não', 'Nein', '否', '아니요'].map((w) => [w, ok(false)] as const),
]);

/**
 * Reads yes/no in any of the product's languages ("Sim", "Nein", "是", "아니요", "sì"), booleans
 * and 1/0.
 * @example readYesNo("Sim") // { ok: true, value: true }
 * @throws nothing: what is neither is a reading that failed
 */
export function readYesNo(cell: Cell): Read<boolean> {
  if (typeof cell === 'string') {
    const quick = YES_NO_EXACT.get(cell);
    if (quick) return quick;
  }
  if (isEmpty(cell)) return fail('empty');
  const err = cellError(cell);
  if (err !== undefined) return fail('error', err);
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number') return cell === 1 ? ok(true) : cell === 0 ? ok(false) : fail('invalid');
  const t = cellText(cell).toLowerCase().replace(/[.!]$/, '');
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return fail('invalid');
}

/**
 * Reads a market in any seed language: "Developing Markets", "Mercados em desenvolvimento",
 * "Entwicklungsländer", "開發中市場", "개발 도상국 시장", "Mercati in sviluppo", and the developed
 * forms ("Developed", "Mercati sviluppati", "已開發市場", "선진국 시장", ...).
 * @example readMarket("Mercati in sviluppo") // { ok: true, value: "developing" }
 * @throws nothing: what is no market is a reading that failed
 */
export function readMarket(cell: Cell): Read<'developed' | 'developing'> {
  if (isEmpty(cell)) return fail('empty');
  const err = cellError(cell);
  if (err !== undefined) return fail('error', err);
  const t = cellText(cell).toLowerCase().replace(/\s+/g, '');
  // Developing first: "Entwicklungsländer" and "개발도상국" must not be read as developed.
  if (/developing|emerging|desenvolvimento|emergente|entwicklung|開發中|开发中|發展中|发展中|개발도상|insviluppo|sviluppo$/.test(t)) return ok('developing');
  if (/developed|mature|desenvolvido|industriel(?:ä|ae|a)nd|entwickelt|已開發|已开发|선진|sviluppat/.test(t)) return ok('developed');
  return fail('invalid');
}
