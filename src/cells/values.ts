/**
 * Cell values, the ground floor every layer stands on: what one cell holds (Office.js
 * `range.values` gives string, number and boolean; our file readers add Date for date-typed cells
 * and { error } for formula errors), sheets and workbooks of them, and the few readings every
 * layer needs (empty, error, text). Imports nothing: src/xlsx, src/sheets and the adapters use
 * it alike. Nothing here throws.
 */

/** A formula error value such as #N/A or #REF!. */
export interface CellError { readonly error: string }

/** One cell value. null/undefined/"" are empty. */
export type Cell = string | number | boolean | Date | CellError | null | undefined;

/**
 * One sheet's cells, as Office.js `range.values` of its used range starting at A1. From the
 * .xlsx reader the arrays are sparse (memory in time with the cells present, not their
 * coordinates): a row without values is a hole and a missing cell is a hole, both read as
 * undefined; index them (`values[r]?.[c]`, `values[r] ?? []`) rather than iterate every slot.
 */
export interface SheetInput {
  readonly name: string;
  readonly values: readonly (readonly Cell[])[];
}

/** A workbook: its sheets in tab order, and whether it uses the 1904 date system. */
export interface WorkbookInput {
  readonly sheets: readonly SheetInput[];
  readonly date1904?: boolean | undefined;
  /** Hidden (or very hidden) sheets the source left out, by name: they are named, never read. */
  readonly hiddenSheets?: readonly string[] | undefined;
}


const ERROR_TEXT = /^#(?:N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|BUSY!|FIELD!|BLOCKED!|CONNECT!|UNKNOWN!|EXTERNAL!|PYTHON!)$/i;

const isErrorText = (v: unknown): v is string => typeof v === 'string' && ERROR_TEXT.test(v.trim());

/**
 * A cell as it may arrive from Excel, reduced to a plain Cell by its display value. With
 * allowCustomDataForDataTypeAny (which custom-functions-metadata always emits), a linked data type
 * or entity cell in a custom function's range arrives as an object: { type: "Entity", text,
 * properties, ... }, { type: "Double", basicValue: 60000 }, { type: "Error", basicValue: "#N/A" }.
 * Such a cell is read by its basicValue (a number, text or boolean), else its text (an entity's
 * basicValue is the error #VALUE!, its text is what the cell shows); an error value stays an
 * error. An object with neither is the error #VALUE!, as Excel shows it, so it becomes a data
 * issue with its cell rather than a silent gap. Every adapter passes incoming cells through here.
 * @example cellValue({ type: "Entity", text: "1001", properties: {} }) === "1001"; cellValue({ type: "Double", basicValue: 60000 }) === 60000
 * @throws nothing: what it cannot read is the error value #VALUE!
 */
export function cellValue(raw: unknown): Cell {
  if (raw === null || raw === undefined || typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw instanceof Date) return raw;
  if (typeof raw !== 'object') return { error: '#VALUE!' };
  const o = raw as { error?: unknown; type?: unknown; basicValue?: unknown; basicType?: unknown; text?: unknown; richText?: unknown };
  if (typeof o.error === 'string') return raw as CellError;
  const basic = o.basicValue;
  if (String(o.type).toLowerCase() === 'error') return { error: isErrorText(basic) ? basic.trim().toUpperCase() : '#VALUE!' };
  const basicIsError = String(o.basicType).toLowerCase() === 'error' || isErrorText(basic);
  if (!basicIsError && (typeof basic === 'string' || typeof basic === 'number' || typeof basic === 'boolean')) return basic;
  if (typeof o.text === 'string') return o.text;
  if (Array.isArray(o.richText)) return o.richText.map((r: { text?: unknown }) => (typeof r?.text === 'string' ? r.text : '')).join('');
  return { error: isErrorText(basic) ? basic.trim().toUpperCase() : '#VALUE!' };
}

/**
 * Rows of cells with every object cell read by cellValue. Rows without an object are passed
 * through as they are (no copy: a range may have a million rows).
 * @example cellValues([["P", { type: "Entity", text: "1001" }]]) // [["P", "1001"]]
 * @throws nothing
 */
export function cellValues(rows: readonly (readonly unknown[])[]): Cell[][] {
  let out: Cell[][] | undefined;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly unknown[] | undefined;
    if (row === undefined) continue; // a hole: an empty row of a sparse sheet
    let copy: Cell[] | undefined;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v !== null && typeof v === 'object' && !(v instanceof Date) && typeof (v as { error?: unknown }).error !== 'string') {
        copy ??= row.slice() as Cell[];
        copy[c] = cellValue(v);
      }
    }
    if (copy) { out ??= rows.slice() as Cell[][]; out[r] = copy; }
  }
  return out ?? (rows as Cell[][]);
}

/**
 * The formula error a cell holds ("#N/A"), or undefined. Office.js hands errors over as text.
 * @example cellError("#REF!") === "#REF!"; cellError({ error: "#N/A" }) === "#N/A"
 * @throws nothing
 */
export function cellError(cell: Cell): string | undefined {
  if (typeof cell === 'string') {
    // Cheap test first: this runs on every cell of a million-row sheet.
    if (cell.indexOf('#') < 0) return undefined;
    return ERROR_TEXT.test(cell.trim()) ? cell.trim().toUpperCase() : undefined;
  }
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
    if (typeof cell.error === 'string') return cell.error;
    // A rich value that no adapter reduced: judge it by its display value, never as "undefined".
    const v = cellValue(cell);
    return v !== null && typeof v === 'object' && !(v instanceof Date) ? v.error : cellError(v);
  }
  return undefined;
}

/**
 * True for null, undefined, and text that is only white space.
 * @example isEmpty("  ") === true
 * @throws nothing
 */
export function isEmpty(cell: Cell): boolean {
  if (typeof cell === 'string') {
    // Cheap test first (every cell of every row is tested): text starting with a visible ASCII
    // character is not empty; anything else is trimmed as JavaScript trims white space.
    const c = cell.charCodeAt(0);
    return !(c > 32 && c < 127) && cell.trim() === '';
  }
  return cell === null || cell === undefined;
}

/**
 * A cell as trimmed text ("" when empty). Numbers keep their digits ("12345", not "12,345").
 * @example cellText(42) === "42"; cellText(" Ana ") === "Ana"
 * @throws nothing
 */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell.error === 'string') return cell.error;
  const v = cellValue(cell);
  return v !== null && typeof v === 'object' && !(v instanceof Date) ? v.error : cellText(v);
}
