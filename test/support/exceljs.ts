/**
 * ExcelJS as an independent reader for tests: a workbook loaded by ExcelJS as our sheets of
 * cells, so what our own reader (src/xlsx/read) and writer (src/xlsx/patch) do is checked against
 * a library we did not write. The product itself no longer uses ExcelJS.
 */
import type ExcelJS from 'exceljs';
import { cellValue, type Cell, type WorkbookInput } from '../../src/sheets';

/**
 * An ExcelJS cell value as one of our cells: rich text joined, formulas by their cached result,
 * hyperlinks by their text, error values as { error }.
 * @example toCell({ formula: "A1*2", result: 4 }) === 4
 */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if ('result' in o) return toCell(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if ('text' in o) return toCell(o.text);
  }
  // Anything else is read as every adapter reads an unfamiliar cell object (sheets cellValue):
  // by its display value, else the error #VALUE!, so it is reported rather than read as empty.
  return cellValue(v);
}

/**
 * The sheets of a loaded ExcelJS workbook, in tab order.
 * @example const wb = new ExcelJS.Workbook(); await wb.xlsx.load(buffer); const input = workbookInput(wb)
 */
export function workbookInput(wb: ExcelJS.Workbook): WorkbookInput {
  const sheets = wb.worksheets.map((ws) => {
    const values: Cell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const src = row.values as unknown[];
      const out: Cell[] = [];
      for (let c = 1; c < src.length; c++) out[c - 1] = toCell(src[c]);
      values[n - 1] = out;
    });
    for (let r = 0; r < values.length; r++) values[r] ??= [];
    return { name: ws.name, values };
  });
  return { sheets, date1904: wb.properties.date1904 === true };
}
