/**
 * Excel's limit on the text of one cell, applied the same way by every writer (Office.js, the
 * .xlsx patching writer, ExcelJS): a longer text makes Office.js refuse the write and Excel
 * refuse or "repair" the file, so it is cut here, visibly, instead.
 */

/** The most characters (UTF-16 units) Excel keeps in a cell. */
export const MAX_CELL_TEXT = 32767;

/**
 * A text as Excel can hold it: one longer than MAX_CELL_TEXT (a 40,000-character partner name,
 * names joined in a slot column, a message quoting such a name) is cut to exactly that length,
 * ending in an ellipsis to show it was, never inside a surrogate pair (then one shorter).
 * @example clipCellText("x".repeat(40000)).length === 32767; clipCellText("Ana") === "Ana"
 * @throws nothing
 */
export function clipCellText(s: string): string {
  if (s.length <= MAX_CELL_TEXT) return s;
  let end = MAX_CELL_TEXT - 1;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}
