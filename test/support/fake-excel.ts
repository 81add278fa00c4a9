/**
 * An in-memory fake of the subset of the Excel JavaScript API the adapter uses. It keeps Office's
 * batching rules honest: loaded properties can be read only after context.sync(), writes land
 * at sync, and every sync records its request and response size and fails, as Excel on the web
 * does, when either is over 5 MB.
 *
 * Sizes are charged as Office.js serializes them: every object path (a range, a cell, a sheet)
 * and every action costs OPERATION bytes besides its arguments, arguments and loaded values
 * their UTF-8 JSON, and a 2-D set of more than 1,500 cells the blocks Office.js splits it into.
 * src/office/excel-web.test.ts compares these figures with the real serializer's on the same writes.
 */
// Objects stand for rich values (entities, linked data types) as Excel hands them over.
type Value = string | number | boolean | { readonly type: string; readonly [k: string]: unknown };
interface Cell { value: Value; format: string; link?: { documentReference?: string; textToDisplay?: string } }

const LIMIT = 5 * 1024 * 1024;
/** Bytes of one object path or action besides its arguments (measured: 150-180 with ids of 4-7 digits). */
const OPERATION = 160;

/** UTF-8 bytes of a value's JSON: what it costs on the wire. */
function jsonBytes(v: unknown): number { return Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8'); }

/** Office.js sets more than 1,500 cells in blocks of 1,500, each a range of its own (four operations). */
function bulkBytes(v: unknown[][]): number {
  const cols = v[0]?.length ?? 0;
  if (v.length * cols <= 1500) return 0;
  return Math.ceil(v.length / Math.max(1, Math.round(1500 / cols))) * 4 * OPERATION;
}

/** A chart as the fake keeps it: its data by range description, its series, where it sits. */
export interface FakeChart {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  series: { name: string; lineStyle: string; xValues: string }[];
  position: string;
}

/** What one sync carried. */
export interface SyncRecord { requestBytes: number; responseBytes: number }

/** What Excel on the web answers a request or response over 5 MB with (the adapter retries on `code`). */
export class PayloadTooLarge extends Error {
  constructor(readonly code: 'RequestPayloadSizeLimitExceeded' | 'ResponsePayloadSizeLimitExceeded', message: string) { super(message); }
}

class Sheet {
  /** Like Excel's worksheet id: stays when the sheet is renamed. */
  readonly id: string;
  cells: (Cell | undefined)[][] = [];
  tables: { name: string; style: string; showBandedRows: boolean; address: string }[] = [];
  conditionalFormats: { address: string; type: string }[] = [];
  charts: FakeChart[] = [];
  /** Worksheet.visibility (ExcelApi 1.1). */
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  constructor(public name: string, seq: number) { this.id = `{00000000-0000-0000-0000-${String(seq).padStart(12, '0')}}`; }
  get(r: number, c: number): Cell | undefined { return this.cells[r]?.[c]; }
  set(r: number, c: number, f: (cell: Cell) => void): void {
    const row = (this.cells[r] ??= []);
    const cell = (row[c] ??= { value: '', format: 'General' });
    f(cell);
  }
  used(): { r0: number; c0: number; r1: number; c1: number } | null {
    let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
    this.cells.forEach((row, r) => row?.forEach((cell, c) => {
      if (cell && cell.value !== '') { r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c); }
    }));
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }
}

/** A workbook in memory, with the record of every sync made against it. */
export class FakeWorkbook {
  sheets: Sheet[] = [];
  syncs: SyncRecord[] = [];
  selected: { sheet: string; address: string } | null = null;
  calculationSuspensions = 0;
  /** The ExcelApi minor version this Excel supports (7: ExcelApi 1.7); events carry what that version documents. */
  excelApi = 7;
  /** Event handlers registered through the API, as Excel keeps them (see FakeEvents). */
  readonly events = new FakeEvents(this);
  private seq = 0;

  /** A workbook from sheets of values (row 0 is row 1 of the sheet). */
  static from(sheets: Record<string, Value[][]>): FakeWorkbook {
    const wb = new FakeWorkbook();
    for (const [name, rows] of Object.entries(sheets)) wb.sheets.push(wb.newSheet(name, rows));
    return wb;
  }

  /** A sheet with the next id, filled with rows of values. */
  newSheet(name: string, rows: readonly (readonly Value[])[] = []): Sheet {
    const s = new Sheet(name, ++this.seq);
    rows.forEach((row, r) => row.forEach((v, c) => { if (v !== '' && v !== null && v !== undefined) s.set(r, c, (cell) => { cell.value = v; }); }));
    return s;
  }

  /** Office.context.requirements.isSetSupported for this Excel. */
  supports = (set: string, version: string): boolean => set === 'ExcelApi' && Number(version.split('.')[1] ?? 0) <= this.excelApi;

  /**
   * A user types a value into a cell: the cell changes and Excel fires the sheet's onChanged
   * (ExcelApi 1.7: address without the sheet name, changeType RangeEdited, source Local; from
   * ExcelApi 1.14 also triggerSource, "Unknown" for anything but this add-in's own API calls).
   */
  userEdit(sheet: string, address: string, value: Value): void {
    const s = this.sheetOrThrow(sheet);
    const { r, c } = parseAddress(address);
    s.set(r, c, (cell) => { cell.value = value; });
    this.events.changed(s, address.replace(/^.*!/, ''), 'Unknown');
  }

  /** A user adds a sheet (onAdded, ExcelApi 1.7). */
  userAddSheet(name: string, rows: readonly (readonly Value[])[] = []): void {
    const s = this.newSheet(name, rows);
    this.sheets.push(s);
    this.events.fire('added', { type: 'WorksheetAdded', source: 'Local', worksheetId: s.id });
  }

  /** A user deletes a sheet (onDeleted, ExcelApi 1.7). */
  userDeleteSheet(name: string): void {
    const s = this.sheetOrThrow(name);
    this.sheets = this.sheets.filter((x) => x !== s);
    this.events.fire('deleted', { type: 'WorksheetDeleted', source: 'Local', worksheetId: s.id });
  }

  /** A user renames a sheet (onNameChanged exists only from ExcelApi 1.17). */
  userRenameSheet(from: string, to: string): void {
    const s = this.sheetOrThrow(from);
    s.name = to;
    if (this.excelApi >= 17) this.events.fire('nameChanged', { type: 'WorksheetNameChanged', source: 'Local', worksheetId: s.id, nameBefore: from, nameAfter: to });
  }

  private sheetOrThrow(key: string): Sheet {
    const s = this.sheet(key);
    if (!s) throw new Error(`no sheet ${key}`);
    return s;
  }

  /** The values of a sheet as a dense 2-D array from A1 ("" for empty). */
  values(name: string): Value[][] {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    const u = s.used();
    if (!u) return [];
    return Array.from({ length: u.r1 + 1 }, (_, r) => Array.from({ length: u.c1 + 1 }, (_, c) => s.get(r, c)?.value ?? ''));
  }

  /** Everything observable, to compare two states. */
  snapshot(): unknown {
    return this.sheets.map((s) => ({ name: s.name, cells: JSON.stringify(s.cells), tables: s.tables, cf: s.conditionalFormats, charts: s.charts }));
  }

  /** A sheet by name or id, as Office.js getItem(key) finds it. */
  sheet(key: string): Sheet | undefined { return this.sheets.find((s) => s.name === key || s.id === key); }

  /** Excel.run against this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(new Context(this) as unknown as Excel.RequestContext);
}

type Handler = (args: Record<string, unknown>) => unknown;
type Kind = 'added' | 'deleted' | 'nameChanged';

/**
 * Event handlers as Excel keeps them: a sheet's onChanged (ExcelApi 1.7), and the worksheet
 * collection's onAdded / onDeleted (1.7) and onNameChanged (1.17). Excel delivers events after the
 * change, asynchronously, so handlers run in a later microtask, never inside the call that changed.
 * Changes made through the API (the add-in's own writes) fire onChanged too, as Microsoft documents
 * (from ExcelApi 1.14 with triggerSource "ThisLocalAddin").
 */
export class FakeEvents {
  readonly sheetChanged = new Map<string, Set<Handler>>();
  readonly collection: Record<Kind, Set<Handler>> = { added: new Set(), deleted: new Set(), nameChanged: new Set() };
  /** Every event delivered, for tests to inspect. */
  readonly delivered: Record<string, unknown>[] = [];
  constructor(private readonly wb: FakeWorkbook) {}
  /** Registered handlers in all. */
  count(): number { return [...this.sheetChanged.values()].reduce((n, h) => n + h.size, 0) + Object.values(this.collection).reduce((n, h) => n + h.size, 0); }
  changed(sheet: { id: string }, address: string, trigger: 'Unknown' | 'ThisLocalAddin'): void {
    const args: Record<string, unknown> = { type: 'WorksheetChanged', source: 'Local', changeType: 'RangeEdited', worksheetId: sheet.id, address };
    if (this.wb.excelApi >= 14) args.triggerSource = trigger;
    this.deliver([...(this.sheetChanged.get(sheet.id) ?? [])], args);
  }
  fire(kind: Kind, args: Record<string, unknown>): void { this.deliver([...this.collection[kind]], args); }
  private deliver(handlers: Handler[], args: Record<string, unknown>): void {
    this.delivered.push(args);
    for (const h of handlers) void Promise.resolve().then(() => h(args));
  }
}

/** An event source as Office.js shows it: add(handler) returns a result whose remove() is queued. */
function eventSource(ctx: Context, set: () => Set<Handler>): { add(h: Handler): { remove(): void; context: unknown } } {
  return {
    add: (h) => {
      set().add(h);
      return { context: ctx, remove: () => ctx.enqueue(20, () => { set().delete(h); }) };
    },
  };
}

/** 0-based row, column and size to an A1 range address ("F1:G200", or "D7" for one cell). */
export function a1Range(r: number, c: number, rows = 1, cols = 1): string {
  const col = (n: number): string => { let x = n + 1, out = ''; while (x > 0) { const m = (x - 1) % 26; out = String.fromCharCode(65 + m) + out; x = Math.floor((x - 1) / 26); } return out; };
  const first = `${col(c)}${r + 1}`;
  return rows === 1 && cols === 1 ? first : `${first}:${col(c + cols - 1)}${r + rows}`;
}

/** Column letters and row numbers to 0-based indexes. */
function parseAddress(address: string): { r: number; c: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(address.replace(/^.*!/, ''));
  if (!m) throw new Error(`bad address ${address}`);
  let c = 0;
  for (const ch of m[1] as string) c = c * 26 + ch.charCodeAt(0) - 64;
  return { r: Number(m[2]) - 1, c: c - 1 };
}

class Context {
  private queue: (() => void)[] = [];
  private loads: (() => number)[] = [];
  private request = 0;
  /** Cells this request changes, to fire onChanged for once it is applied. */
  private changes: { sheet: string; address: string }[] = [];
  workbook: WorkbookProxy;
  application = { suspendApiCalculationUntilNextSync: (): void => { this.wb.calculationSuspensions++; } };
  constructor(readonly wb: FakeWorkbook) { this.workbook = new WorkbookProxy(this); }
  enqueue(bytes: number, op: () => void): void { this.request += bytes + OPERATION; this.queue.push(op); }
  /** A write through the API that changes cell data (values, clear): Excel fires onChanged for it. */
  changedBy(sheet: string, address: string): void { this.changes.push({ sheet, address }); }
  onSync(load: () => number): void { this.loads.push(load); this.request += OPERATION; }
  /** An object path the request has to carry (a range, a cell, a sheet by name). */
  path(argumentBytes = 0): void { this.request += OPERATION + argumentBytes; }
  async sync(): Promise<void> {
    const record: SyncRecord = { requestBytes: this.request, responseBytes: 0 };
    this.wb.syncs.push(record);
    if (record.requestBytes > LIMIT) { this.queue = []; this.loads = []; this.request = 0; this.changes = []; throw new PayloadTooLarge('RequestPayloadSizeLimitExceeded', `request of ${record.requestBytes} bytes`); }
    for (const op of this.queue) op();
    for (const load of this.loads) record.responseBytes += load();
    for (const { sheet, address } of this.changes) {
      const s = this.wb.sheet(sheet);
      if (s) this.wb.events.changed(s, address, 'ThisLocalAddin');
    }
    this.queue = []; this.loads = []; this.request = 0; this.changes = [];
    if (record.responseBytes > LIMIT) throw new PayloadTooLarge('ResponsePayloadSizeLimitExceeded', `response of ${record.responseBytes} bytes`);
  }
}

/** A property that can be read only after the sync that loaded it. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) throw new Error(`${name} was not loaded (or read before context.sync())`);
    return this.loaded.get(name) as T;
  }
}

class WorkbookProxy {
  worksheets: WorksheetCollection;
  constructor(private ctx: Context) { this.worksheets = new WorksheetCollection(ctx); }
  getSelectedRange(): RangeProxy {
    const sel = this.ctx.wb.selected ?? { sheet: this.ctx.wb.sheets[0]?.name ?? '', address: 'A1' };
    const { r, c } = parseAddress(sel.address);
    return new RangeProxy(this.ctx, sel.sheet, r, c, 1, 1);
  }
}

class WorksheetCollection extends Loadable {
  constructor(private ctx: Context) { super(); }
  get items(): WorksheetProxy[] { return this.prop('items'); }
  get onAdded(): ReturnType<typeof eventSource> { return eventSource(this.ctx, () => this.ctx.wb.events.collection.added); }
  get onDeleted(): ReturnType<typeof eventSource> { return eventSource(this.ctx, () => this.ctx.wb.events.collection.deleted); }
  /** ExcelApi 1.17: absent where Excel does not have it. */
  get onNameChanged(): ReturnType<typeof eventSource> | undefined {
    return this.ctx.wb.excelApi >= 17 ? eventSource(this.ctx, () => this.ctx.wb.events.collection.nameChanged) : undefined;
  }
  load(_what: string): void {
    this.ctx.onSync(() => {
      this.loaded.set('items', this.ctx.wb.sheets.map((s) => new WorksheetProxy(this.ctx, s.name, true, s.id, s.visibility)));
      return jsonBytes(this.ctx.wb.sheets.map((s) => ({ Id: `{${s.name}}`, Name: s.name, Visibility: s.visibility })));
    });
  }
  getItem(name: string): WorksheetProxy { this.ctx.path(jsonBytes(name)); return new WorksheetProxy(this.ctx, name, false); }
  add(name: string): WorksheetProxy {
    this.ctx.enqueue(jsonBytes(name), () => {
      if (this.ctx.wb.sheet(name)) throw new Error(`sheet ${name} exists`);
      const s = this.ctx.wb.newSheet(name);
      this.ctx.wb.sheets.push(s);
      this.ctx.wb.events.fire('added', { type: 'WorksheetAdded', source: 'Local', worksheetId: s.id });
    });
    return new WorksheetProxy(this.ctx, name, false);
  }
}

class WorksheetProxy {
  tables: TableCollection;
  charts: ChartCollection;
  constructor(private ctx: Context, private sheetName: string, nameLoaded: boolean, private loadedId?: string, private loadedVisibility?: Sheet['visibility']) {
    this.tables = new TableCollection(ctx, sheetName);
    this.charts = new ChartCollection(ctx, sheetName);
    if (nameLoaded) this.loadedName = sheetName;
  }
  private loadedName: string | undefined;
  get name(): string {
    if (this.loadedName === undefined) throw new Error('name was not loaded');
    return this.loadedName;
  }
  get id(): string {
    if (this.loadedId === undefined) throw new Error('id was not loaded');
    return this.loadedId;
  }
  get visibility(): Sheet['visibility'] {
    if (this.loadedVisibility === undefined) throw new Error('visibility was not loaded');
    return this.loadedVisibility;
  }
  /** ExcelApi 1.7: this sheet's onChanged (handlers are kept by sheet id, so they follow a rename). */
  get onChanged(): ReturnType<typeof eventSource> {
    const id = this.loadedId ?? this.sheet().id;
    return eventSource(this.ctx, () => {
      let set = this.ctx.wb.events.sheetChanged.get(id);
      if (!set) { set = new Set(); this.ctx.wb.events.sheetChanged.set(id, set); }
      return set;
    });
  }
  load(_what: string): void { this.ctx.onSync(() => { this.loadedName = this.sheetName; return this.sheetName.length; }); }
  private sheet(): Sheet {
    const s = this.ctx.wb.sheet(this.sheetName);
    if (!s) throw new Error(`ItemNotFound: sheet ${this.sheetName}`);
    return s;
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    const r = new RangeProxy(this.ctx, this.sheetName, 0, 0, 0, 0);
    r.usedOf = () => this.sheet().used();
    return r;
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): RangeProxy { return new RangeProxy(this.ctx, this.sheetName, r, c, rows, cols); }
  getRange(address?: string): RangeProxy {
    if (address === undefined) return new RangeProxy(this.ctx, this.sheetName, 0, 0, 1048576, 16384);
    const { r, c } = parseAddress(address);
    return new RangeProxy(this.ctx, this.sheetName, r, c, 1, 1);
  }
  activate(): void { this.ctx.enqueue(10, () => { this.sheet(); }); }
}

class TableCollection extends Loadable {
  constructor(private ctx: Context, private sheetName: string) { super(); }
  get items(): { name: string }[] { return this.prop('items'); }
  load(_what: string): void {
    this.ctx.onSync(() => {
      const s = this.ctx.wb.sheet(this.sheetName);
      this.loaded.set('items', (s?.tables ?? []).map((t) => ({ name: t.name })));
      return 50;
    });
  }
  add(range: RangeProxy, _hasHeaders: boolean): { name: string; style: string; showBandedRows: boolean } {
    const table = { name: '', style: '', showBandedRows: false, address: range.describe() };
    this.ctx.enqueue(100, () => { this.ctx.wb.sheet(this.sheetName)?.tables.push(table); });
    return table;
  }
  getItem(name: string): { delete(): void } {
    return { delete: () => this.ctx.enqueue(50, () => {
      const s = this.ctx.wb.sheet(this.sheetName);
      if (!s || !s.tables.some((t) => t.name === name)) throw new Error(`ItemNotFound: table ${name}`);
      s.tables = s.tables.filter((t) => t.name !== name);
    }) };
  }
}

class ChartCollection extends Loadable {
  constructor(private ctx: Context, private sheetName: string) { super(); }
  get items(): { name: string }[] { return this.prop('items'); }
  load(_what: string): void {
    this.ctx.onSync(() => {
      this.loaded.set('items', (this.ctx.wb.sheet(this.sheetName)?.charts ?? []).map((c) => ({ name: c.name })));
      return 50;
    });
  }
  getItem(name: string): { delete(): void } {
    return { delete: () => this.ctx.enqueue(50, () => {
      const s = this.ctx.wb.sheet(this.sheetName);
      if (!s || !s.charts.some((c) => c.name === name)) throw new Error(`ItemNotFound: chart ${name}`);
      s.charts = s.charts.filter((c) => c.name !== name);
    }) };
  }
  /** Like Excel: one series per column (seriesBy "Columns") of the source range. */
  add(type: string, source: RangeProxy, seriesBy: string): unknown {
    const chart: FakeChart = { name: '', type, source: source.describe(), seriesBy, title: '', series: [], position: '' };
    const cols = Number(/x(\d+)$/.exec(source.describe())?.[1] ?? 1);
    for (let i = 0; i < cols; i++) chart.series.push({ name: `Series${i + 1}`, lineStyle: 'Continuous', xValues: '' });
    const ctx = this.ctx;
    this.ctx.enqueue(100, () => { ctx.wb.sheet(this.sheetName)?.charts.push(chart); });
    return {
      set name(v: string) { ctx.enqueue(v.length, () => { chart.name = v; }); },
      title: { set text(v: string) { ctx.enqueue(v.length, () => { chart.title = v; }); } },
      setPosition(start: string | RangeProxy, end?: string | RangeProxy) {
        const where = (x: string | RangeProxy | undefined): string => (x === undefined ? '' : typeof x === 'string' ? x : x.describe());
        ctx.enqueue(20, () => { chart.position = `${where(start)}:${where(end)}`; });
      },
      series: {
        getItemAt(i: number) {
          const at = (): FakeChart['series'][number] => {
            const s = chart.series[i];
            if (!s) throw new Error(`ItemNotFound: series ${i}`);
            return s;
          };
          return {
            set name(v: string) { ctx.enqueue(v.length, () => { at().name = v; }); },
            format: { line: { set lineStyle(v: string) { ctx.enqueue(10, () => { at().lineStyle = v; }); }, set color(_v: string) { ctx.enqueue(10, () => undefined); } } },
            setXAxisValues(r: RangeProxy) { ctx.enqueue(30, () => { at().xValues = r.describe(); }); },
          };
        },
      },
    };
  }
}

class RangeProxy extends Loadable {
  usedOf: (() => { r0: number; c0: number; r1: number; c1: number } | null) | undefined;
  constructor(private ctx: Context, private sheetName: string, private r: number, private c: number, private rows: number, private cols: number) { super(); ctx.path(16); }
  describe(): string { return `${this.sheetName}!R${this.r}C${this.c}:${this.rows}x${this.cols}`; }
  private sheet(): Sheet {
    const s = this.ctx.wb.sheet(this.sheetName);
    if (!s) throw new Error(`ItemNotFound: sheet ${this.sheetName}`);
    return s;
  }
  load(what: string): void {
    const props = what.split(',').map((p) => p.trim());
    this.ctx.onSync(() => {
      if (this.usedOf) {
        const u = this.usedOf();
        this.loaded.set('isNullObject', u === null);
        if (u) { this.r = u.r0; this.c = u.c0; this.rows = u.r1 - u.r0 + 1; this.cols = u.c1 - u.c0 + 1; }
      } else this.loaded.set('isNullObject', false);
      for (const p of ['rowIndex', 'columnIndex', 'rowCount', 'columnCount']) this.loaded.set(p, ({ rowIndex: this.r, columnIndex: this.c, rowCount: this.rows, columnCount: this.cols } as Record<string, number>)[p]);
      if (props.includes('values')) {
        const s = this.sheet();
        const values = Array.from({ length: this.rows }, (_, i) => Array.from({ length: this.cols }, (_, j) => s.get(this.r + i, this.c + j)?.value ?? ''));
        this.loaded.set('values', values);
        return jsonBytes(values);
      }
      return 100;
    });
  }
  get values(): Value[][] { return this.prop('values'); }
  set values(v: Value[][]) {
    this.check(v);
    // Excel keeps at most 32,767 characters in a cell and refuses a longer text.
    if (v.some((row) => row.some((x) => typeof x === 'string' && x.length > 32767))) throw new Error('InvalidArgument: a text longer than 32,767 characters');
    this.ctx.enqueue(jsonBytes(v) + bulkBytes(v), () => v.forEach((row, i) => row.forEach((x, j) => this.sheet().set(this.r + i, this.c + j, (cell) => { cell.value = x; }))));
    this.ctx.changedBy(this.sheetName, a1Range(this.r, this.c, this.rows, this.cols));
  }
  set numberFormat(v: string[][]) {
    this.check(v);
    this.ctx.enqueue(jsonBytes(v) + bulkBytes(v), () => v.forEach((row, i) => row.forEach((x, j) => this.sheet().set(this.r + i, this.c + j, (cell) => { cell.format = x; }))));
  }
  set hyperlink(link: { documentReference?: string; textToDisplay?: string }) {
    this.ctx.enqueue(jsonBytes(link), () => this.sheet().set(this.r, this.c, (cell) => { cell.link = link; if (link.textToDisplay !== undefined) cell.value = link.textToDisplay; }));
  }
  private check(v: unknown[][]): void {
    if (v.length !== this.rows || v.some((row) => row.length !== this.cols)) throw new Error(`dimensions ${v.length}x${v[0]?.length} do not match ${this.rows}x${this.cols}`);
  }
  get isNullObject(): boolean { return this.prop('isNullObject'); }
  get rowIndex(): number { return this.prop('rowIndex'); }
  get columnIndex(): number { return this.prop('columnIndex'); }
  get rowCount(): number { return this.prop('rowCount'); }
  get columnCount(): number { return this.prop('columnCount'); }
  private sheetProxy: WorksheetProxy | undefined;
  get worksheet(): WorksheetProxy { return (this.sheetProxy ??= new WorksheetProxy(this.ctx, this.sheetName, false)); }
  getRow(i: number): RangeProxy { return new RangeProxy(this.ctx, this.sheetName, this.r + i, this.c, 1, this.cols); }
  getCell(i: number, j: number): RangeProxy { return new RangeProxy(this.ctx, this.sheetName, this.r + i, this.c + j, 1, 1); }
  get format(): unknown {
    const enqueue = (): void => this.ctx.enqueue(30, () => undefined);
    return { font: { set bold(_b: boolean) { enqueue(); }, set color(_c: string) { enqueue(); } }, autofitColumns: enqueue };
  }
  get conditionalFormats(): { add(type: string): unknown } {
    return {
      add: (type: string) => {
        this.ctx.enqueue(60, () => { this.sheet().conditionalFormats.push({ address: this.describe(), type }); });
        const sink = { format: { fill: { color: '' }, font: { color: '' } }, rule: {} };
        return { textComparison: sink, cellValue: sink, dataBar: sink };
      },
    };
  }
  clear(): void {
    this.ctx.enqueue(30, () => {
      const s = this.sheet();
      s.cells = []; s.conditionalFormats = [];
    });
    this.ctx.changedBy(this.sheetName, a1Range(this.r, this.c, this.rows, this.cols));
  }
  select(): void {
    this.ctx.enqueue(30, () => { this.ctx.wb.selected = { sheet: this.sheetName, address: this.a1() }; });
  }
  private a1(): string {
    let c = this.c + 1, letters = '';
    while (c > 0) { const m = (c - 1) % 26; letters = String.fromCharCode(65 + m) + letters; c = Math.floor((c - 1) / 26); }
    return `${letters}${this.r + 1}`;
  }
}
