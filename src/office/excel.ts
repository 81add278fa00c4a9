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
import { MAX_CELL_TEXT, clipCellText, serialOfIso, type Cell, type SheetInput, type WorkbookInput } from '../cells';
import type { OutCell, OutputTable, Outputs, StatusColumnsBlock } from '../sheets';
import { NUMBER_FORMATS, cellValues, isOutputSheet } from '../sheets';

/** Excel.run, or a fake with the same shape in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Bytes of JSON allowed in one sync (Excel on the web rejects 5 MB). */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;

/**
 * Request bytes charged for each queued operation besides its arguments: the object path it
 * creates (e.g. `getCell(3, 5)`), the action that instantiates it and the action wrapper (ids,
 * names, the early-dispose list). Office.js measured 150-260 bytes per operation with ids of up to
 * seven digits (src/office/excel-web.test.ts checks this model against the real serializer).
 */
export const OPERATION_BYTES = 180;
/** Excel's longest cell text, and what one such cell can cost as UTF-8 JSON at worst (3 bytes a character, quotes). */
const MAX_CELL_BYTES = MAX_CELL_TEXT * 3 + 3;

/** Progress of a long read or write, for the task pane's progress bar. */
export type Progress = (done: number, total: number) => void;

/** What reading found out about the workbook, which writing needs. */
export interface ExcelWorkbook extends WorkbookInput {
  /** Hidden and very hidden sheets by name (our output sheets excepted): not read, named by a warning. */
  readonly hiddenSheets: readonly string[];
  /** Sheet names in tab order, including our output sheets (not read as input). */
  readonly sheetNames: readonly string[];
  /** Worksheet ids, parallel to sheetNames: an id stays when a sheet is renamed (ExcelApi 1.7 events name sheets by id). */
  readonly sheetIds: readonly string[];
  /** The id of each sheet read, parallel to `sheets`. */
  readonly ids: readonly string[];
}

/** Which sheets to read: only these worksheet ids (others are listed in sheetNames/sheetIds, not read). */
export interface ReadScope { readonly ids: ReadonlySet<string> }

/**
 * UTF-8 bytes of a string without encoding it: what it costs on the wire.
 * @example utf8Bytes("Café") // 5
 */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) i++; // a surrogate pair: 4 bytes for 2 UTF-16 units
    else n += 2;
  }
  return n;
}

/**
 * Serialized size of a value as it travels to or from Excel: the UTF-8 bytes of its JSON.
 * @example payloadBytes([["Ana", 1]]) // 11
 */
export function payloadBytes(values: unknown): number {
  return utf8Bytes(JSON.stringify(values) ?? '');
}

/** A sync failed because Excel refused its size (Excel on the web: over 5 MB either way). */
function isPayloadTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/**
 * Reads the used range of every visible sheet (our output sheets excepted) as values from A1;
 * hidden and very hidden sheets are listed (hiddenSheets), never read (docs/rules.md 11).
 * Two syncs find the sheets and their used ranges; then values come in row chunks packed into
 * syncs of at most PAYLOAD_BUDGET. Nothing says how long a sheet's texts are before they are
 * read, so each sheet starts with a few rows that fit even if every cell held 32,767 characters;
 * later chunks are sized by the largest row received so far (UTF-8 JSON bytes, with a margin).
 * Should Excel still refuse a response as too large (long texts further down), the chunks of
 * that sync are halved and read again.
 * With a scope, only the sheets of those ids are read (their names and ids are always listed).
 * @example const workbook = await readFromExcel(Excel.run)
 */
export async function readFromExcel(run: ExcelRun, progress?: Progress, scope?: ReadScope): Promise<ExcelWorkbook> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    // Worksheet.visibility: ExcelApi 1.1 for reading it.
    sheets.load('items/name,items/id,items/visibility');
    await context.sync();
    const names = sheets.items.map((s) => s.name);
    const sheetIds = sheets.items.map((s) => s.id);
    // Hidden and very hidden sheets are not read, as in a file (docs/rules.md 11), and are named.
    const hidden = (s: Excel.Worksheet): boolean => s.visibility === 'Hidden' || s.visibility === 'VeryHidden';
    const hiddenSheets = sheets.items.filter((s) => hidden(s) && !isOutputSheet(s.name)).map((s) => s.name);
    // A scoped read (the workbook session after an edit) reads only the sheets it names.
    const inputs = sheets.items.filter((s) => !hidden(s) && !isOutputSheet(s.name) && (!scope || scope.ids.has(s.id)));
    const used = inputs.map((s) => {
      const r = s.getUsedRangeOrNullObject(true);
      r.load('isNullObject,rowIndex,columnIndex,rowCount,columnCount');
      return r;
    });
    await context.sync();

    interface Plan { sheet: Excel.Worksheet; name: string; rowIndex: number; colIndex: number; rows: number; cols: number; values: Cell[][]; next: number; rowBytes: number; largestRow: number }
    const nonEmpty = used.filter((r) => !r.isNullObject && r.rowCount > 0 && r.columnCount > 0).length;
    const plans: Plan[] = inputs.map((sheet, i) => {
      const r = used[i] as Excel.Range;
      const base = { sheet, name: sheet.name, values: [], next: 0, largestRow: 0 };
      // Until a sheet's rows have been seen, a row is charged as if every cell were as long as
      // Excel allows, and the first sync is shared by every sheet's first rows.
      return r.isNullObject
        ? { ...base, rowIndex: 0, colIndex: 0, rows: 0, cols: 0, rowBytes: 0 }
        : { ...base, rowIndex: r.rowIndex, colIndex: r.columnIndex, rows: r.rowCount, cols: r.columnCount, rowBytes: (r.columnCount * MAX_CELL_BYTES + 2) * nonEmpty };
    });
    const totalRows = plans.reduce((n, p) => n + p.rows, 0);
    let doneRows = 0;
    const queue = plans.filter((p) => p.rows > 0 && p.cols > 0);
    while (queue.length > 0) {
      // Pack chunks of one or more sheets into this sync until the budget is used.
      let budget = PAYLOAD_BUDGET;
      const pending: { plan: Plan; from: number; count: number; range: Excel.Range }[] = [];
      for (const plan of queue) {
        // At least one row per sync, or a row longer than the budget would never be read.
        const fit = Math.floor((budget - OPERATION_BYTES * 3) / plan.rowBytes);
        const n = Math.min(plan.rows - plan.next, Math.max(pending.length === 0 ? 1 : 0, fit));
        if (n <= 0) break;
        const range = plan.sheet.getRangeByIndexes(plan.rowIndex + plan.next, plan.colIndex, n, plan.cols);
        range.load('values');
        pending.push({ plan, from: plan.next, count: n, range });
        budget -= n * plan.rowBytes + OPERATION_BYTES * 3;
        plan.next += n;
      }
      try {
        await context.sync();
      } catch (e) {
        if (!isPayloadTooLarge(e) || pending.every((p) => p.count === 1)) throw e;
        // Longer texts than any seen so far: read these rows again, in chunks half as long.
        for (const p of pending) { p.plan.next = Math.min(p.plan.next, p.from); p.plan.rowBytes *= 2; }
        continue;
      }
      for (const { plan, from, range } of pending) {
        // What travelled: rich values (entities, linked data types) can be far larger than what they show.
        const raw = range.values as unknown[][];
        for (const row of raw) plan.largestRow = Math.max(plan.largestRow, payloadBytes(row));
        // The next chunks are sized by the largest row seen so far in this sheet, with a margin.
        plan.rowBytes = Math.ceil(plan.largestRow * 1.25) + 8;
        // Rich values (entities, linked data types) by their display value, as every adapter reads them.
        const values = cellValues(raw);
        values.forEach((row, k) => { plan.values[from + k] = row; });
        doneRows += values.length;
      }
      for (let i = queue.length - 1; i >= 0; i--) if ((queue[i] as Plan).next >= (queue[i] as Plan).rows) queue.splice(i, 1);
      progress?.(doneRows, totalRows);
    }
    const out: SheetInput[] = plans.map((p) => ({ name: p.name, values: fromA1(p) }));
    return { sheets: out, sheetNames: names, sheetIds, ids: inputs.map((s) => s.id), date1904: false, hiddenSheets };
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

/** An output cell as an Office.js value (links are set separately, as hyperlinks). */
function officeValue(v: OutCell): string | number | boolean {
  if (v === null) return '';
  // A date as its 1900-system serial (what Excel stores); texts as Excel can hold them
  // (Office.js refuses a longer one), the rule every writer shares.
  if (typeof v === 'object') return 'date' in v ? serialOfIso(v.date, false) ?? '' : clipCellText(v.text);
  return typeof v === 'string' ? clipCellText(v) : v;
}


/** One queued write: what it costs in payload, and how to queue it on a context. */
interface Write { readonly bytes: number; readonly apply: (context: Excel.RequestContext) => void }

const METER = Symbol('meter');

/**
 * What a write costs in request bytes, found by queuing it on a stand-in context that counts
 * instead of sending: every object it navigates to and every method it calls is an operation
 * (OPERATION_BYTES), and every value it sets or passes costs its UTF-8 JSON bytes. So values,
 * number formats, hyperlinks (one getCell and one set per link), tables and conditional formats
 * are all charged what Office.js will serialize for them, whatever a write queues.
 * @example requestBytes((context) => { context.workbook.worksheets.getItem("S").getRange("A1").values = [["x"]]; }) // 4 * OPERATION_BYTES + 7
 */
export function requestBytes(apply: (context: Excel.RequestContext) => void): number {
  const total = { ops: 0, bytes: 0 };
  const argBytes = (args: readonly unknown[]): number => {
    let n = 2;
    for (const a of args) n += (typeof a === 'function' && (a as unknown as Record<symbol, unknown>)[METER] === true) ? 8 : payloadBytes(a) + 1;
    return n;
  };
  // `counted`: the object path that leads here has been charged (a method's result is; a property
  // read is charged only once the object is used, since reading `.foo` of a method is no object).
  const make = (counted: boolean): unknown => {
    let charged = counted;
    const charge = (): void => { if (!charged) { charged = true; total.ops++; } };
    return new Proxy(function stand() { /* a stand-in for an Office object or method */ }, {
      get: (_t, p) => {
        if (p === METER) return true;
        if (p === 'toJSON' || typeof p === 'symbol') return undefined;
        charge();
        return make(false);
      },
      set: (_t, _p, v) => { charge(); total.ops += 1 + bulkOperations(v); total.bytes += payloadBytes(v); return true; },
      apply: (_t, _this, args: unknown[]) => { total.ops++; total.bytes += argBytes(args); return make(true); },
    });
  };
  apply(make(true) as Excel.RequestContext);
  return total.ops * OPERATION_BYTES + total.bytes;
}

function chunkRows<T>(rows: readonly T[], bytesOf: (from: number, rows: readonly T[]) => number, emit: (from: number, rows: readonly T[], bytes: number) => void): void {
  // Rows are cut so each chunk stays under half the budget on its own, and two share a sync. The
  // size of a chunk is guessed from the bytes per row of the chunk before (of a first sample at
  // the start), then measured; halved only when the guess was too big. So every row is measured
  // about once, even when each row holds 32,767-character texts.
  const target = PAYLOAD_BUDGET / 2;
  let from = 0;
  let perRow = 0;
  while (from < rows.length) {
    if (perRow === 0) {
      const k = Math.min(rows.length - from, 64);
      perRow = bytesOf(from, rows.slice(from, from + k)) / k;
    }
    let n = Math.max(1, Math.min(rows.length - from, 20000, Math.floor(target / (perRow * 1.1))));
    let bytes = bytesOf(from, rows.slice(from, from + n));
    while (bytes > target && n > 1) { n = Math.ceil(n / 2); bytes = bytesOf(from, rows.slice(from, from + n)); }
    emit(from, rows.slice(from, from + n), bytes);
    perRow = bytes / n;
    from += n;
  }
}

/**
 * Office.js sets a 2-D array of more than 1,500 cells in blocks of 1,500 cells, each block a
 * range of its own (two getRow, a getBoundingRect and the set; one more for ids growing long): the extra operations it queues.
 */
function bulkOperations(v: unknown): number {
  if (!Array.isArray(v) || v.length === 0 || !Array.isArray(v[0])) return 0;
  const cols = (v[0] as unknown[]).length;
  if (v.length * cols <= 1500) return 0;
  return Math.ceil(v.length / Math.max(1, Math.round(1500 / cols))) * 5;
}

/** A write whose cost is measured on the stand-in context (requestBytes). */
function measured(apply: (context: Excel.RequestContext) => void): Write {
  return { bytes: requestBytes(apply), apply };
}

function statusColumnWrites(block: StatusColumnsBlock): Write[] {
  const writes: Write[] = [];
  const applyRows = (from: number, rows: readonly (readonly OutCell[])[]) => (context: Excel.RequestContext): void => {
    const values = rows.map((r) => r.map(officeValue));
    const range = context.workbook.worksheets.getItem(block.sheet).getRangeByIndexes(block.row + from, block.col, values.length, 2);
    // Text format first: our cells are text, and text is never taken as a formula.
    range.numberFormat = values.map(() => ['@', '@']);
    range.values = values;
    if (from === 0) range.getRow(0).format.font.bold = true;
  };
  chunkRows(block.values, (from, rows) => requestBytes(applyRows(from, rows)), (from, rows, bytes) => {
    writes.push({ bytes, apply: applyRows(from, rows) });
  });
  return writes;
}

function tableWrites(table: OutputTable, withTable: boolean, exists: boolean, oldTables: readonly string[]): Write[] {
  const writes: Write[] = [];
  const cols = table.columns.length;
  const header = table.columns.map((c) => c.header);
  const formats = table.columns.map((c) => NUMBER_FORMATS[c.format]);
  // Start clean: an existing sheet keeps its place (and references to it), its content goes.
  writes.push(measured((context) => {
    const sheets = context.workbook.worksheets;
    const ws = exists ? sheets.getItem(table.sheetName) : sheets.add(table.sheetName);
    for (const name of oldTables) ws.tables.getItem(name).delete();
    if (exists) ws.getRange().clear();
    const h = ws.getRangeByIndexes(0, 0, 1, cols);
    h.numberFormat = [header.map(() => '@')];
    h.values = [header];
    h.format.font.bold = true;
  }));
  const applyRows = (from: number, rows: readonly (readonly OutCell[])[]) => (context: Excel.RequestContext): void => {
    const range = context.workbook.worksheets.getItem(table.sheetName).getRangeByIndexes(1 + from, 0, rows.length, cols);
    range.numberFormat = rows.map(() => formats);
    range.values = rows.map((r) => r.map(officeValue));
    rows.forEach((r, i) => r.forEach((v, j) => {
      if (v !== null && typeof v === 'object' && 'link' in v) {
        range.getCell(i, j).hyperlink = { documentReference: `'${v.link.sheet.replace(/'/g, "''")}'!${v.link.cell}`, textToDisplay: v.text };
      }
    }));
  };
  chunkRows(table.rows, (from, rows) => requestBytes(applyRows(from, rows)), (from, rows, bytes) => {
    writes.push({ bytes, apply: applyRows(from, rows) });
  });
  writes.push(measured((context) => {
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
  }));
  return writes;
}

function levelWord(table: OutputTable, level: 'gold' | 'silver'): string {
  // The status rows carry the localized level word; find it from the rows themselves.
  const i = table.columns.findIndex((c) => c.highlight === 'level');
  const words = new Set(table.rows.map((r) => r[i]).filter((v): v is string => typeof v === 'string'));
  const fallback = level === 'gold' ? 'Gold' : 'Silver';
  return [...words].find((w) => w.toLowerCase() === fallback.toLowerCase()) ?? fallback;
}

/** What one write sync carried, by the adapter's own measure (requestBytes). */
export interface WriteSync { readonly estimatedRequestBytes: number; readonly writes: number }

/**
 * Writes the outputs: status columns beside the input tables, and the Competency Status and
 * Competency Issues sheets (kept in place and refilled when they exist). Calculation is
 * suspended while writing. Writes are packed into syncs of at most PAYLOAD_BUDGET by what they
 * cost serialized (requestBytes); should Excel still refuse a sync as too large, its writes are
 * sent again in two halves (nothing of a refused request was applied).
 * @example await writeToExcel(Excel.run, run.outputs, workbook.sheetNames)
 */
export async function writeToExcel(run: ExcelRun, outputs: Outputs, sheetNames: readonly string[], progress?: Progress, onSync?: (sync: WriteSync) => void): Promise<void> {
  await run(async (context) => {
    const exists = (name: string): boolean => sheetNames.includes(name);
    // Which tables our sheets hold now (from a previous run), so they can be replaced.
    const tableLists = outputs.tables.map((t) => {
      if (!exists(t.sheetName)) return null;
      const tables = context.workbook.worksheets.getItem(t.sheetName).tables;
      tables.load('items/name');
      return tables;
    });
    await context.sync();
    const old = tableLists.map((l) => (l ? l.items.map((x) => x.name) : []));
    const writes: Write[] = [
      ...outputs.statusColumns.flatMap(statusColumnWrites),
      ...outputs.tables.flatMap((table, k) => tableWrites(table, table.excelTable === true, exists(table.sheetName), old[k] ?? [])),
    ];
    const suspend = requestBytes((c) => c.application.suspendApiCalculationUntilNextSync());
    let i = 0;
    let limit = PAYLOAD_BUDGET;
    while (i < writes.length) {
      // As many writes as fit, and always one (a chunk is at most half the budget).
      let end = i + 1;
      let bytes = suspend + (writes[i] as Write).bytes;
      while (end < writes.length && bytes + (writes[end] as Write).bytes <= limit) bytes += (writes[end++] as Write).bytes;
      context.application.suspendApiCalculationUntilNextSync();
      for (let k = i; k < end; k++) (writes[k] as Write).apply(context);
      try {
        await context.sync();
      } catch (e) {
        if (!isPayloadTooLarge(e) || end - i === 1) throw e;
        limit = Math.max(1, Math.floor(bytes / 2));
        continue;
      }
      onSync?.({ estimatedRequestBytes: bytes, writes: end - i });
      limit = PAYLOAD_BUDGET;
      i = end;
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
