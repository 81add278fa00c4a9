/**
 * Reading one input table, whatever its kind: the cells of a row by field, data issues with
 * their cell address, and the rule that an error in a required field drops the row (its
 * message becomes the row's reason). Row readers (row-readers.ts) use this to turn one row of
 * their kind into a record.
 */
import { t, type Locale, type MessageKey } from '../i18n';
import { a1, cellError, cellText, isEmpty, readDate, readYesNo, type Cell, type Read, type ReadDate } from './cells';
import type { Field, TableRef } from './headers';
import type { DataIssue, IssueCode } from './issues';
import type { PartnerIds } from './partner-ids';
import { NO_FORMULA_RESULT } from '../xlsx/formula';

/** Settings every table of a workbook shares. */
export interface ReadContext {
  readonly locale: Locale;
  readonly date1904: boolean;
  /** Where issues go (the workbook's list). */
  readonly issues: DataIssue[];
  /**
   * Read every cell afresh instead of each distinct value once per column: the straightforward
   * reading that the memoised one is checked against (read.test.ts); never needed otherwise.
   */
  readonly eachCellAfresh?: boolean | undefined;
  /** The workbook's partner ids so far: one partner whatever the spelling (partner-ids.ts). */
  readonly partnerIds: PartnerIds;
}

/**
 * Distinct values a column memo keeps. Past it values are read afresh: a column of mostly
 * distinct values (amounts, tenant ids) would gain nothing and hold memory.
 */
const MEMO_LIMIT = 1 << 16;

/**
 * A pure cell reader memoised per column: each distinct value is read once. Why: a million-row
 * sheet holds a few hundred distinct dates, products, people and attribution spellings, and
 * reading a date or a yes/no from text costs far more than a map look-up. Keys are the cell's
 * value (text, number, a Date's time), never its address, so the answer for a cell is exactly
 * what `read` gives for it; -0 is read afresh (a Map takes it for 0).
 * @example const m = new CellMemo((c) => cellText(c)); m.get(42) === "42"
 * @throws nothing
 */
export class CellMemo<T> {
  private readonly strings = new Map<string, T>();
  private readonly numbers = new Map<number, T>();
  private readonly times = new Map<number, T>();
  private lastCell: string | number | undefined;
  private lastValue: T | undefined;
  constructor(private readonly read: (cell: Cell) => T, private readonly afresh = false) {}

  get(cell: Cell): T {
    if (this.afresh) return this.read(cell);
    // One branch per kind of key, so each map's look-up stays monomorphic (this runs per cell).
    // The value of the row above first: exports sorted by month or partner repeat it row after row.
    if (cell === this.lastCell && this.lastValue !== undefined) return this.lastValue;
    if (typeof cell === 'string') {
      const v = this.strings.get(cell);
      return this.remember(cell, v !== undefined ? v : this.miss(this.strings, cell, cell));
    }
    if (typeof cell === 'number' && cell !== 0) {
      const v = this.numbers.get(cell);
      return this.remember(cell, v !== undefined ? v : this.miss(this.numbers, cell, cell));
    }
    if (cell instanceof Date) {
      const time = cell.getTime();
      const v = this.times.get(time);
      return v !== undefined ? v : this.miss(this.times, time, cell);
    }
    return this.read(cell);
  }

  /** Remembers text or a non-zero number (never 0: -0 === 0, and they may read differently). */
  private remember(cell: string | number, value: T): T {
    this.lastCell = cell;
    this.lastValue = value;
    return value;
  }

  private miss<K>(map: Map<K, T>, key: K, cell: Cell): T {
    const v = this.read(cell);
    if (map.size < MEMO_LIMIT) map.set(key, v);
    return v;
  }
}

/** What a text cell reads as: its trimmed text, or FORMULA_ERROR. */
const FORMULA_ERROR: unique symbol = Symbol('formula error');
const textOf = (cell: Cell): string | typeof FORMULA_ERROR => (cellError(cell) === undefined ? cellText(cell) : FORMULA_ERROR);

/**
 * One table being read, a row at a time. Not for reuse across tables.
 * @example const table = new TableReader(context, "Revenue", ref); table.startRow(); table.field(values, "product")
 * @throws nothing: unreadable cells become issues
 */
export class TableReader {
  /** The first error of the current row: the row is dropped with this reason. */
  private rowError: string | undefined;
  /** The current row's readable partner id, once read: its issues belong to that partner. */
  private rowPartner: string | undefined;
  /** A partner-id column left blank in every row: the rows are one organisation's. */
  blankPartnerColumn = false;
  /** The amount column writes a decimal comma (decimalSeparator); undefined: the locale's convention. */
  decimalComma: boolean | undefined = undefined;
  private dayFirstOrder: boolean | undefined = undefined;
  private dates: CellMemo<Read<ReadDate>> | undefined;
  private readonly texts = new Map<Field, CellMemo<string | typeof FORMULA_ERROR>>();
  private readonly yesNos = new Map<Field, CellMemo<Read<boolean>>>();

  /**
   * The column of every field, -1 when absent: one object shape for every table, so the per-cell
   * look-up stays fast (ref.fields has a shape per header row).
   */
  private readonly columns: Readonly<Record<Field, number>>;

  constructor(readonly context: ReadContext, readonly sheet: string, readonly ref: TableRef) {
    const f = ref.fields;
    this.columns = {
      partnerId: f.partnerId ?? -1, customer: f.customer ?? -1, product: f.product ?? -1, date: f.date ?? -1, amount: f.amount ?? -1,
      attribution: f.attribution ?? -1, dpor: f.dpor ?? -1, mcpId: f.mcpId ?? -1, email: f.email ?? -1, name: f.name ?? -1,
      firstName: f.firstName ?? -1, lastName: f.lastName ?? -1, exam: f.exam ?? -1, datePassed: f.datePassed ?? -1, active: f.active ?? -1,
      market: f.market ?? -1, counts: f.counts ?? -1,
    };
  }

  /** How text dates such as "03/04/2018" are read in this table (see dateOrder); undefined: the locale's order. */
  get dayFirst(): boolean | undefined {
    return this.dayFirstOrder;
  }

  set dayFirst(value: boolean | undefined) {
    this.dayFirstOrder = value;
    this.dates = undefined; // dates read in the other order are not this order's
  }

  /**
   * The table's date field read from a cell (readDate with the table's locale, date system,
   * month column and day/month order), each distinct value once.
   */
  date(cell: Cell): Read<ReadDate> {
    if (this.dates === undefined) {
      const { locale, date1904 } = this.context;
      const month = this.ref.kind === 'revenue' && this.ref.monthColumn, dayFirst = this.dayFirstOrder;
      this.dates = new CellMemo((c) => readDate(c, locale, date1904, month, dayFirst), this.context.eachCellAfresh === true);
    }
    return this.dates.get(cell);
  }

  /** A yes/no field read from a cell (readYesNo), each distinct value once per field. */
  yesNo(field: Field, cell: Cell): Read<boolean> {
    let memo = this.yesNos.get(field);
    if (memo === undefined) this.yesNos.set(field, memo = new CellMemo(readYesNo, this.context.eachCellAfresh === true));
    return memo.get(cell);
  }

  /**
   * A text field's cell as text, or FORMULA_ERROR. Text cells are read directly (an indexOf and
   * a trim cost less than a map look-up); numbers (MPN IDs) are memoised, sparing String(n).
   */
  private textOfCell(field: Field, cell: Cell): string | typeof FORMULA_ERROR {
    if (typeof cell === 'string') return textOf(cell);
    if (cell === undefined || cell === null) return '';
    let memo = this.texts.get(field);
    if (memo === undefined) this.texts.set(field, memo = new CellMemo(textOf, this.context.eachCellAfresh === true));
    return memo.get(cell);
  }

  /** The current row's readable partner id, once its row reader has read it. */
  get partnerOfRow(): string | undefined {
    return this.rowPartner;
  }

  /** Starts a new row: forgets the previous row's error and partner. */
  startRow(): void {
    this.rowError = undefined;
    this.rowPartner = undefined;
  }

  /** The error that drops the current row, if any. */
  get error(): string | undefined {
    return this.rowError;
  }

  /** The header text of a field's column ('' when the table has no such column). */
  header(field: Field): string {
    return this.ref.headers[this.ref.fields[field] ?? -1] ?? '';
  }

  /** Records a data issue at a row (0-based) and field; returns its message. */
  issue(severity: 'error' | 'warning', row: number, field: Field | null, code: IssueCode, params: Record<string, string | number> = {}): string {
    const col = field === null ? null : this.ref.fields[field] ?? null;
    const message = t(this.context.locale, `issue.${code}` as MessageKey, params);
    this.context.issues.push({
      severity, table: this.ref.kind, sheet: this.sheet, row: row + 1,
      column: field === null ? null : this.header(field), cell: col === null ? null : a1(row, col), code, message,
      ...(this.rowPartner !== undefined ? { partnerId: this.rowPartner } : {}),
    });
    return message;
  }

  /** Drops the current row with a reason (its issue already recorded). */
  dropWith(reason: string): void {
    this.rowError ??= reason;
  }

  /** Records an error that drops the row. */
  fail(row: number, field: Field, code: IssueCode, value: Cell): void {
    // A formula saved without its result (openpyxl, some exporters) is said as such.
    if (code === 'cell.formula-error' && cellError(value) === NO_FORMULA_RESULT) code = 'cell.formula-no-result';
    const message = this.issue('error', row, field, code, { value: cellText(value) });
    this.rowError ??= message;
  }

  /** A required field read by `read`; on failure an error of the matching code, and undefined. */
  required<T>(row: number, field: Field, cell: Cell, read: Read<T>, emptyCode: IssueCode, invalidCode: IssueCode): T | undefined {
    if (read.ok) return read.value;
    if (read.problem === 'empty') this.fail(row, field, emptyCode, cell);
    else if (read.problem === 'error') this.fail(row, field, 'cell.formula-error', cell);
    else if (read.problem === 'serial-1900-02-29') this.fail(row, field, 'date.1900-02-29', cell);
    else this.fail(row, field, invalidCode, cell);
    return undefined;
  }

  /** A required text field: an error when it holds a formula error or nothing. */
  requiredText(row: number, values: readonly Cell[], field: Field, emptyCode: IssueCode): string | undefined {
    const cell = this.cell(values, field);
    const text = this.textOfCell(field, cell);
    if (text === FORMULA_ERROR) { this.fail(row, field, 'cell.formula-error', cell); return undefined; }
    if (text === '') { this.fail(row, field, emptyCode, cell); return undefined; }
    return text;
  }

  /** An optional text field: '' when absent or a formula error. */
  text(values: readonly Cell[], field: Field): string {
    const text = this.textOfCell(field, this.cell(values, field));
    return text === FORMULA_ERROR ? '' : text;
  }

  /** The cell of a field in a row (undefined when the table has no such column). */
  cell(values: readonly Cell[], field: Field): Cell {
    const col = this.columns[field];
    return col < 0 ? undefined : values[col];
  }

  /** True when every cell of the table's columns is empty in this row. */
  rowIsEmpty(values: readonly Cell[]): boolean {
    for (let c = this.ref.firstCol; c <= this.ref.lastCol; c++) if (!isEmpty(values[c])) return false;
    return true;
  }

  /**
   * The row's partner id: null when the table has no partner column (or it is blank in every
   * row: one organisation, read as ''), undefined when the cell is unusable (an error is recorded).
   */
  partnerId(row: number, values: readonly Cell[]): string | null | undefined {
    if (this.ref.fields.partnerId === undefined) return null;
    if (this.blankPartnerColumn) return '';
    const text = this.requiredText(row, values, 'partnerId', 'partner.empty');
    if (text === undefined || text === '') return text;
    // 123, "00123" and "1,234,567" are partners 123 and 1234567 (docs/rules.md 11).
    const { id, firstSpelling } = this.context.partnerIds.read(text);
    // Read first in every row reader, so the row's other issues carry it, dropped rows' too.
    this.rowPartner = id;
    if (firstSpelling !== undefined) this.issue('warning', row, 'partnerId', 'partner.spelling', { value: text, first: firstSpelling, id });
    return id;
  }
}

/**
 * True when a table's partner-id column is empty in every non-empty row (a template's column a
 * single partner never fills): its rows are read as one organisation's.
 * @example partnerColumnBlank(reader, sheet.values) === false
 * @throws nothing
 */
export function partnerColumnBlank(reader: TableReader, values: readonly (readonly Cell[])[]): boolean {
  const column = reader.ref.fields.partnerId;
  if (column === undefined) return false;
  let anyRow = false;
  for (let r = reader.ref.headerRow + 1; r < reader.ref.endRow; r++) {
    const row = values[r] ?? [];
    if (reader.rowIsEmpty(row)) continue;
    anyRow = true;
    if (!isEmpty(row[column])) return false;
  }
  return anyRow;
}
