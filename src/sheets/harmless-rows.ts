/**
 * Rows inside a table that are not data and harm nothing (issue 20.11): a totals row ("Total",
 * "Grand total", an Excel table's total row), the header row repeated (printed pages, pasted
 * blocks), and a title above the next table stacked below. They are never counted, and they are
 * no data issue: their status column says what they are. Only rows the row reader dropped are
 * looked at, so reading good rows costs nothing more.
 */
import type { MessageKey } from '../i18n';
import { isEmpty, type Cell } from './cells';
import { normalizeHeader, type TableRef } from './headers';

/** What a harmless row is, as the key of its status reason. */
export type HarmlessRow = Extract<MessageKey, 'row.total' | 'row.repeated-header' | 'row.subtitle'>;

/**
 * Words that open a totals row, in the six languages: "Total", "Grand total", "Totals:",
 * "Summe", "Gesamtergebnis", "Total geral", "Totale complessivo", "合計", "總計", "합계", ...
 */
const TOTAL = /^(?:grand\s+|sub-?)?totals?\b|^(?:total\s+geral|soma|subtotal)\b|^(?:gesamt\w*|summe|zwischensumme)\b|^(?:totale|subtotale|somma)\b|^(?:總計|合計|小計|总计|合计|小计)|^(?:합계|총계|소계)/iu;

/**
 * What a dropped row of a table is when it is harmless, else undefined.
 * @example harmlessRow(ref, values, 9) // "row.total" for ["Total", null, null, 150000]
 * @throws nothing
 */
export function harmlessRow(ref: TableRef, values: readonly (readonly Cell[])[], row: number): HarmlessRow | undefined {
  const cells = values[row] ?? [];
  let filled = 0, headerLike = 0, text: string | undefined;
  for (let c = ref.firstCol; c <= ref.lastCol; c++) {
    const cell = cells[c];
    if (isEmpty(cell)) continue;
    filled++;
    if (typeof cell === 'string') {
      text ??= cell.trim();
      if (TOTAL.test(cell.trim())) return 'row.total';
      const header = ref.headers[c];
      if (header !== undefined && header !== '' && normalizeHeader(cell) === normalizeHeader(header)) headerLike++;
    }
  }
  if (headerLike >= 2 && headerLike === filled) return 'row.repeated-header';
  if (filled === 1 && text !== undefined && ref.endRow < values.length && onlyEmptyAfter(ref, values, row)) return 'row.subtitle';
  return undefined;
}

/** True when the table's rows after `row` are empty in its columns (the row is its last). */
function onlyEmptyAfter(ref: TableRef, values: readonly (readonly Cell[])[], row: number): boolean {
  for (let r = row + 1; r < ref.endRow; r++) {
    const cells = values[r] ?? [];
    for (let c = ref.firstCol; c <= ref.lastCol; c++) if (!isEmpty(cells[c])) return false;
  }
  return true;
}

