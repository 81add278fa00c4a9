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
  cells: (Cell | undefined)[][] = [];
  tables: { name: string; style: string; showBandedRows: boolean; address: string }[] = [];
  conditionalFormats: { address: string; type: string }[] = [];
  charts: FakeChart[] = [];
  constructor(public name: string) {}
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

  /** A workbook from sheets of values (row 0 is row 1 of the sheet). */
  static from(sheets: Record<string, Value[][]>): FakeWorkbook {
    const wb = new FakeWorkbook();
    for (const [name, rows] of Object.entries(sheets)) {
      const s = new Sheet(name);
      rows.forEach((row, r) => row.forEach((v, c) => { if (v !== '' && v !== null && v !== undefined) s.set(r, c, (cell) => { cell.value = v; }); }));
      wb.sheets.push(s);
    }
    return wb;
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

  sheet(name: string): Sheet | undefined { return this.sheets.find((s) => s.name === name); }

  /** Excel.run against this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(new Context(this) as unknown as Excel.RequestContext);
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
  workbook: WorkbookProxy;
  application = { suspendApiCalculationUntilNextSync: (): void => { this.wb.calculationSuspensions++; } };
  constructor(readonly wb: FakeWorkbook) { this.workbook = new WorkbookProxy(this); }
  enqueue(bytes: number, op: () => void): void { this.request += bytes + OPERATION; this.queue.push(op); }
  onSync(load: () => number): void { this.loads.push(load); this.request += OPERATION; }
  /** An object path the request has to carry (a range, a cell, a sheet by name). */
  path(argumentBytes = 0): void { this.request += OPERATION + argumentBytes; }
  async sync(): Promise<void> {
    const record: SyncRecord = { requestBytes: this.request, responseBytes: 0 };
    this.wb.syncs.push(record);
    if (record.requestBytes > LIMIT) { this.queue = []; this.loads = []; this.request = 0; throw new PayloadTooLarge('RequestPayloadSizeLimitExceeded', `request of ${record.requestBytes} bytes`); }
    for (const op of this.queue) op();
    for (const load of this.loads) record.responseBytes += load();
    this.queue = []; this.loads = []; this.request = 0;
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
  load(_what: string): void {
    this.ctx.onSync(() => {
      this.loaded.set('items', this.ctx.wb.sheets.map((s) => new WorksheetProxy(this.ctx, s.name, true)));
      return jsonBytes(this.ctx.wb.sheets.map((s) => ({ Id: `{${s.name}}`, Name: s.name })));
    });
  }
  getItem(name: string): WorksheetProxy { this.ctx.path(jsonBytes(name)); return new WorksheetProxy(this.ctx, name, false); }
  add(name: string): WorksheetProxy {
    this.ctx.enqueue(jsonBytes(name), () => {
      if (this.ctx.wb.sheet(name)) throw new Error(`sheet ${name} exists`);
      this.ctx.wb.sheets.push(new Sheet(name));
    });
    return new WorksheetProxy(this.ctx, name, false);
  }
}

class WorksheetProxy {
  tables: TableCollection;
  charts: ChartCollection;
  constructor(private ctx: Context, private sheetName: string, nameLoaded: boolean) {
    this.tables = new TableCollection(ctx, sheetName);
    this.charts = new ChartCollection(ctx, sheetName);
    if (nameLoaded) this.loadedName = sheetName;
  }
  private loadedName: string | undefined;
  get name(): string {
    if (this.loadedName === undefined) throw new Error('name was not loaded');
    return this.loadedName;
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
