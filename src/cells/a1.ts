/**
 * A1 addresses: column letters (A-XFD) and 0-based indices, cells and ranges. The one place
 * letters are made and read; the .xlsx scanner's hot loop reads a cell's r= attribute inline
 * and agrees with columnIndex (tested). Nothing here throws.
 */

/** Excel's last row and column (1,048,576 rows, 16,384 columns: XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * The letters of a 0-based column.
 * @example columnLetters(0) === "A"; columnLetters(27) === "AB"; columnLetters(16383) === "XFD"
 * @throws nothing (a negative column gives "")
 */
export function columnLetters(col: number): string {
  let s = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * The 0-based column of letters, in either case; -1 when they are not letters A-Z (or empty).
 * @example columnIndex("AB") === 27; columnIndex("xfd") === 16383; columnIndex("A1") === -1
 * @throws nothing
 */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i) & ~32;
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/**
 * The A1 address of a 0-based row and column.
 * @example a1(6, 3) === "D7"
 * @throws nothing
 */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** A rectangle of cells, 0-based and inclusive. */
export interface CellRange { readonly r0: number; readonly c0: number; readonly r1: number; readonly c1: number }

const A1_PART = /^([A-Z]*)(\d*)$/i;

/** One end of a range: a cell, a whole column ("A") or a whole row ("3"). */
function rangeEnd(s: string): { r: number | null; c: number | null } | null {
  const m = A1_PART.exec(s);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  const letters = m[1] as string, digits = m[2] as string;
  return { r: digits === '' ? null : Number(digits) - 1, c: letters === '' ? null : columnIndex(letters) };
}

/**
 * An A1 range address ("D7", "F1:G200", "$A$1", "A:B", "3:5", with or without a sheet name
 * before "!") as a rectangle; whole columns and rows reach Excel's last row and column.
 * @example rangeOf("F1:G200") // { r0: 0, c0: 5, r1: 199, c1: 6 }
 * @throws nothing: an address it cannot read gives null.
 */
export function rangeOf(address: string): CellRange | null {
  const parts = address.replace(/^.*!/, '').replace(/\$/g, '').split(':');
  const a = rangeEnd(parts[0] ?? ''), b = rangeEnd(parts[1] ?? parts[0] ?? '');
  if (!a || !b) return null;
  return { r0: a.r ?? 0, c0: a.c ?? 0, r1: b.r ?? MAX_ROWS - 1, c1: b.c ?? MAX_COLUMNS - 1 };
}
