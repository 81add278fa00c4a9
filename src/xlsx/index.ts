/**
 * The ExcelJS adapter shared by the CLI (Node) and the task pane outside Excel (browser): an
 * ExcelJS workbook to sheets of cells, and the outputs of `sheets` written into an ExcelJS
 * workbook. No Node APIs here, so the browser bundle can use it too.
 */
import type ExcelJS from 'exceljs';
import { NUMBER_FORMATS, cellValue, isOutputSheet, type Cell, type OutCell, type OutputTable, type Outputs, type WorkbookInput } from '../sheets';

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

/** Epoch day of "YYYY-MM-DD" as a UTC Date (what ExcelJS writes as that day). */
function dateOf(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}


/**
 * An output cell as an ExcelJS value. Strings always stay strings: ExcelJS writes a formula only
 * for a { formula } object, so a name "=HYPERLINK(...)" from a user cell is written as text.
 */
export function excelValue(v: OutCell): ExcelJS.CellValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if ('date' in v) return dateOf(v.date);
  return { text: v.text, hyperlink: `#'${v.link.sheet.replace(/'/g, "''")}'!${v.link.cell}` };
}

function writeTable(wb: ExcelJS.Workbook, table: OutputTable, withTable: boolean): void {
  const ws = wb.addWorksheet(table.sheetName);
  const rows = table.rows.map((r) => r.map(excelValue));
  if (withTable) {
    ws.addTable({
      name: table.tableName,
      ref: 'A1',
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: table.columns.map((c) => ({ name: c.header, filterButton: true })),
      // An Excel table needs a body row; an empty status gets one empty row.
      rows: rows.length > 0 ? rows : [table.columns.map(() => null)],
    });
  } else {
    ws.addRow(table.columns.map((c) => c.header)).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.numFmt = NUMBER_FORMATS[c.format];
    col.width = Math.min(60, Math.max(10, c.header.length + 2, ...table.rows.slice(0, 200).map((r) => {
      const v = r[i];
      return typeof v === 'string' ? v.length + 2 : v && typeof v === 'object' && 'text' in v ? v.text.length + 2 : 12;
    })));
  });
  // Links look like links.
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell((cell) => { if (cell.value && typeof cell.value === 'object' && 'hyperlink' in cell.value) cell.font = { color: { argb: 'FF0563C1' }, underline: true }; });
  });
}

/**
 * Writes the outputs into an ExcelJS workbook: status columns beside the input tables (only in
 * cells `sheets` chose, which are ours or empty), then fresh output sheets (Competency Status,
 * Issues, Timeline) at the end (any earlier ones, in any language, are replaced).
 * @example applyOutputs(wb, run.outputs); await wb.xlsx.writeFile("result.xlsx")
 */
export function applyOutputs(wb: ExcelJS.Workbook, outputs: Outputs): void {
  for (const block of outputs.statusColumns) {
    const ws = wb.getWorksheet(block.sheet);
    if (!ws) continue;
    block.values.forEach((row, i) => {
      row.forEach((v, j) => {
        const cell = ws.getCell(block.row + 1 + i, block.col + 1 + j);
        cell.value = excelValue(v);
        if (i === 0) cell.font = { bold: true };
      });
    });
  }
  for (const ws of [...wb.worksheets]) if (isOutputSheet(ws.name)) wb.removeWorksheet(ws.id);
  for (const table of outputs.tables) writeTable(wb, table, table.excelTable === true);
}
