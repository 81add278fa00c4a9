/**
 * The Office.js adapter: reads sheets of cells out of Excel and writes the outputs built by
 * src/sheets back, in bounded round trips. It decides nothing about competencies.
 *
 * Why the care with round trips: every context.sync() is a round trip to Excel (over the network
 * in Excel on the web), and Excel on the web rejects a request or response over 5 MB. So reads
 * and writes are cut into chunks whose JSON size is measured, and as many chunks as fit in a
 * 4 MB budget share one sync. A normal workbook takes a handful of syncs; a sheet of a million
 * rows takes as many as its size needs and never one that is too big.
 */
import type { Cell, OutCell, OutputTable, Outputs, SheetInput, StatusColumnsBlock, WorkbookInput } from '../sheets';
import { NUMBER_FORMATS, cellValues, isOutputSheet } from '../sheets';

/** Excel.run, or a fake with the same shape in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Bytes of JSON allowed in one sync (Excel on the web rejects 5 MB). */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/** Used before any value has been measured: a generous guess of JSON bytes per cell. */
const FIRST_GUESS_BYTES_PER_CELL = 48;

/** Progress of a long read or write, for the task pane's progress bar. */
export type Progress = (done: number, total: number) => void;

/** What reading found out about the workbook, which writing needs. */
export interface ExcelWorkbook extends WorkbookInput {
  /** Sheet names in tab order, including our output sheets (not read as input). */
  readonly sheetNames: readonly string[];
}

/** JSON size of a block of values, as it travels to or from Excel. */
export function payloadBytes(values: unknown): number {
  return JSON.stringify(values).length;
}

/**
 * Reads the used range of every sheet (our output sheets excepted) as values from A1.
 * Two syncs find the sheets and their used ranges; then values come in row chunks packed into
 * syncs of at most PAYLOAD_BUDGET, with the chunk size learnt from the bytes actually received.
 * @example const workbook = await readFromExcel(Excel.run)
 */
export async function readFromExcel(run: ExcelRun, progress?: Progress): Promise<ExcelWorkbook> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const names = sheets.items.map((s) => s.name);
    const inputs = sheets.items.filter((s) => !isOutputSheet(s.name));
    const used = inputs.map((s) => {
      const r = s.getUsedRangeOrNullObject(true);
      r.load('isNullObject,rowIndex,columnIndex,rowCount,columnCount');
      return r;
    });
    await context.sync();

    interface Plan { sheet: Excel.Worksheet; name: string; rowIndex: number; colIndex: number; rows: number; cols: number; values: Cell[][] }
    const plans: Plan[] = inputs.map((sheet, i) => {
      const r = used[i] as Excel.Range;
      return r.isNullObject
        ? { sheet, name: sheet.name, rowIndex: 0, colIndex: 0, rows: 0, cols: 0, values: [] }
        : { sheet, name: sheet.name, rowIndex: r.rowIndex, colIndex: r.columnIndex, rows: r.rowCount, cols: r.columnCount, values: [] };
    });
    const totalRows = plans.reduce((n, p) => n + p.rows, 0);
    let doneRows = 0;
    let bytesPerCell = FIRST_GUESS_BYTES_PER_CELL;
    const queue = plans.filter((p) => p.rows > 0 && p.cols > 0).map((p) => ({ plan: p, next: 0 }));
    while (queue.length > 0) {
      // Pack chunks of one or more sheets into this sync until the budget is used.
      let budget = PAYLOAD_BUDGET;
      const pending: { plan: Plan; from: number; range: Excel.Range }[] = [];
      while (queue.length > 0 && budget > 0) {
        const q = queue[0] as { plan: Plan; next: number };
        const rowBytes = Math.max(1, q.plan.cols * bytesPerCell);
        const n = Math.min(q.plan.rows - q.next, Math.floor(budget / rowBytes));
        if (n <= 0) break;
        const range = q.plan.sheet.getRangeByIndexes(q.plan.rowIndex + q.next, q.plan.colIndex, n, q.plan.cols);
        range.load('values');
        pending.push({ plan: q.plan, from: q.next, range });
        budget -= n * rowBytes;
        q.next += n;
        if (q.next >= q.plan.rows) queue.shift();
      }
      if (pending.length === 0) bytesPerCell = Math.ceil(bytesPerCell / 2); // a single row over budget: guess smaller, Excel still bounds it
      await context.sync();
      for (const { plan, from, range } of pending) {
        // Rich values (entities, linked data types) by their display value, as every adapter reads them.
        const values = cellValues(range.values as unknown[][]);
        const cells = values.length * plan.cols;
        // Learn from what came back, with a margin, so the next chunks stay under the budget.
        if (cells > 0) bytesPerCell = Math.max(bytesPerCell, Math.ceil((payloadBytes(values) / cells) * 1.25));
        values.forEach((row, k) => { plan.values[from + k] = row; });
        doneRows += values.length;
      }
      progress?.(doneRows, totalRows);
    }
    const out: SheetInput[] = plans.map((p) => ({ name: p.name, values: fromA1(p) }));
    return { sheets: out, sheetNames: names, date1904: false };
  });
}

/** A used range's values placed as if read from A1, so A1 addresses stay right. */
function fromA1(p: { rowIndex: number; colIndex: number; rows: number; values: Cell[][] }): Cell[][] {
  if (p.rowIndex === 0 && p.colIndex === 0) return p.values;
  const pad: Cell[] = new Array<Cell>(p.colIndex).fill(null);
  const rows: Cell[][] = new Array<Cell[]>(p.rowIndex).fill([]);
  for (const r of p.values) rows.push(p.colIndex === 0 ? r : [...pad, ...r]);
  return rows;
}

/** 1900-system serial of "YYYY-MM-DD" (what Excel stores for a date). */
function serialOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}

/** An output cell as an Office.js value (links are set separately, as hyperlinks). */
function officeValue(v: OutCell): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'object') return 'date' in v ? serialOf(v.date) : v.text;
  return v;
}


/** One queued write: what it costs in payload, and how to queue it on a context. */
interface Write { readonly bytes: number; readonly apply: (context: Excel.RequestContext) => void }

function chunkRows<T>(rows: readonly T[], bytesOf: (rows: readonly T[]) => number, emit: (from: number, rows: readonly T[], bytes: number) => void): void {
  // Rows are cut so each chunk stays well under the budget on its own.
  let from = 0;
  while (from < rows.length) {
    let n = Math.min(rows.length - from, 20000);
    let bytes = bytesOf(rows.slice(from, from + n));
    while (bytes > PAYLOAD_BUDGET / 2 && n > 1) { n = Math.ceil(n / 2); bytes = bytesOf(rows.slice(from, from + n)); }
    emit(from, rows.slice(from, from + n), bytes);
    from += n;
  }
}

function statusColumnWrites(block: StatusColumnsBlock): Write[] {
  const writes: Write[] = [];
  chunkRows(block.values, (rows) => payloadBytes(rows.map((r) => r.map(officeValue))) * 2, (from, rows, bytes) => {
    const values = rows.map((r) => r.map(officeValue));
    writes.push({
      bytes,
      apply: (context) => {
        const range = context.workbook.worksheets.getItem(block.sheet).getRangeByIndexes(block.row + from, block.col, values.length, 2);
        // Text format first: our cells are text, and text is never taken as a formula.
        range.numberFormat = values.map(() => ['@', '@']);
        range.values = values;
        if (from === 0) range.getRow(0).format.font.bold = true;
      },
    });
  });
  return writes;
}

function tableWrites(table: OutputTable, withTable: boolean, exists: boolean, oldTables: readonly string[]): Write[] {
  const writes: Write[] = [];
  const cols = table.columns.length;
  const header = table.columns.map((c) => c.header);
  const formats = table.columns.map((c) => NUMBER_FORMATS[c.format]);
  // Start clean: an existing sheet keeps its place (and references to it), its content goes.
  writes.push({
    bytes: 1000,
    apply: (context) => {
      const sheets = context.workbook.worksheets;
      const ws = exists ? sheets.getItem(table.sheetName) : sheets.add(table.sheetName);
      for (const name of oldTables) ws.tables.getItem(name).delete();
      if (exists) ws.getRange().clear();
      const h = ws.getRangeByIndexes(0, 0, 1, cols);
      h.numberFormat = [header.map(() => '@')];
      h.values = [header];
      h.format.font.bold = true;
    },
  });
  chunkRows(table.rows, (rows) => payloadBytes(rows.map((r) => r.map(officeValue))) * 2, (from, rows, bytes) => {
    writes.push({
      bytes,
      apply: (context) => {
        const range = context.workbook.worksheets.getItem(table.sheetName).getRangeByIndexes(1 + from, 0, rows.length, cols);
        range.numberFormat = rows.map(() => formats);
        range.values = rows.map((r) => r.map(officeValue));
        rows.forEach((r, i) => r.forEach((v, j) => {
          if (v !== null && typeof v === 'object' && 'link' in v) {
            range.getCell(i, j).hyperlink = { documentReference: `'${v.link.sheet.replace(/'/g, "''")}'!${v.link.cell}`, textToDisplay: v.text };
          }
        }));
      },
    });
  });
  writes.push({
    bytes: 2000,
    apply: (context) => {
      const ws = context.workbook.worksheets.getItem(table.sheetName);
      const body = Math.max(1, table.rows.length);
      const all = ws.getRangeByIndexes(0, 0, body + 1, cols);
      if (withTable) {
        const t = ws.tables.add(all, true);
        t.name = table.tableName;
        t.style = 'TableStyleMedium2';
        t.showBandedRows = true;
        // Conditional formats as the column definitions ask (sheets STATUS_COLUMNS): level
        // colours, at-risk in red, data bars for revenue. Enum values are given as their strings
        // so this runs where the Excel namespace is absent.
        table.columns.forEach((column, i) => {
          if (!column.highlight) return;
          const range = ws.getRangeByIndexes(1, i, body, 1);
          if (column.highlight === 'level') {
            for (const [text, color] of [[levelWord(table, 'gold'), '#F2C744'], [levelWord(table, 'silver'), '#C9CED6']] as const) {
              const cf = range.conditionalFormats.add('ContainsText');
              cf.textComparison.format.fill.color = color;
              cf.textComparison.rule = { operator: 'Contains', text };
            }
          } else if (column.highlight === 'risk') {
            const cf = range.conditionalFormats.add('CellValue');
            cf.cellValue.format.font.color = '#B00020';
            cf.cellValue.rule = { formula1: '=TRUE', operator: 'EqualTo' };
          } else {
            range.conditionalFormats.add('DataBar');
          }
        });
      }
      all.format.autofitColumns();
    },
  });
  return writes;
}

function levelWord(table: OutputTable, level: 'gold' | 'silver'): string {
  // The status rows carry the localized level word; find it from the rows themselves.
  const i = table.columns.findIndex((c) => c.highlight === 'level');
  const words = new Set(table.rows.map((r) => r[i]).filter((v): v is string => typeof v === 'string'));
  const fallback = level === 'gold' ? 'Gold' : 'Silver';
  return [...words].find((w) => w.toLowerCase() === fallback.toLowerCase()) ?? fallback;
}

/**
 * Writes the outputs: status columns beside the input tables, and the Competency Status and
 * Competency Issues sheets (kept in place and refilled when they exist). Calculation is
 * suspended while writing. Writes are packed into syncs of at most PAYLOAD_BUDGET.
 * @example await writeToExcel(Excel.run, run.outputs, workbook.sheetNames)
 */
export async function writeToExcel(run: ExcelRun, outputs: Outputs, sheetNames: readonly string[], progress?: Progress): Promise<void> {
  await run(async (context) => {
    const exists = (name: string): boolean => sheetNames.includes(name);
    // Which tables our sheets hold now (from a previous run), so they can be replaced.
    const tableLists = [outputs.status, outputs.issues].map((t) => {
      if (!exists(t.sheetName)) return null;
      const tables = context.workbook.worksheets.getItem(t.sheetName).tables;
      tables.load('items/name');
      return tables;
    });
    await context.sync();
    const old = tableLists.map((l) => (l ? l.items.map((x) => x.name) : []));
    const writes: Write[] = [
      ...outputs.statusColumns.flatMap(statusColumnWrites),
      ...tableWrites(outputs.status, true, exists(outputs.status.sheetName), old[0] ?? []),
      ...tableWrites(outputs.issues, false, exists(outputs.issues.sheetName), old[1] ?? []),
    ];
    let i = 0;
    while (i < writes.length) {
      context.application.suspendApiCalculationUntilNextSync();
      let budget = PAYLOAD_BUDGET;
      do {
        const w = writes[i] as Write;
        w.apply(context);
        budget -= w.bytes;
        i++;
      } while (i < writes.length && (writes[i] as Write).bytes <= budget);
      await context.sync();
      progress?.(i, writes.length);
    }
  });
}

/**
 * Selects a cell (and shows its sheet), for a data issue clicked in the task pane.
 * @example await selectCell(Excel.run, "Revenue", "D7")
 */
export async function selectCell(run: ExcelRun, sheet: string, cell: string): Promise<void> {
  await run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}

/**
 * The selected range's sheet and position, for mapping a table by hand.
 * @example const sel = await selectedRange(Excel.run) // { sheet: "Data", rowIndex: 2, columnIndex: 0, rowCount: 500, columnCount: 6, header: [...] }
 */
export async function selectedRange(run: ExcelRun): Promise<{ sheet: string; rowIndex: number; columnIndex: number; rowCount: number; columnCount: number; header: Cell[] }> {
  return run(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    range.worksheet.load('name');
    const header = range.getRow(0);
    header.load('values');
    await context.sync();
    return { sheet: range.worksheet.name, rowIndex: range.rowIndex, columnIndex: range.columnIndex, rowCount: range.rowCount, columnCount: range.columnCount, header: (header.values[0] ?? []) as Cell[] };
  });
}
