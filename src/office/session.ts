/**
 * The workbook session: one live evaluation per workbook in the shared runtime. It reads the
 * input tables once through the adapter's bounded reads (readFromExcel), evaluates them with core
 * (through src/sheets, as every adapter does) and keeps the result. Then it follows the workbook
 * through Excel's events and, after a short debounce, re-reads only the sheets that changed and
 * evaluates again. The per-partner custom functions, the partner card and the task pane all
 * answer from it, so a full recalculation of 2,000 formulas moves the tables once, not 2,000 times.
 *
 * What Excel reports, as Microsoft documents it (and what this models, since no Excel runs here):
 * - Worksheet.onChanged (ExcelApi 1.7) gives the changed range's `address` on that sheet, the
 *   `worksheetId`, a `changeType` and `source` ("Local", or "Remote" through co-authoring: both
 *   change the data, so both are followed). It fires for changes made through the API too; from
 *   ExcelApi 1.14 `triggerSource` is "ThisLocalAddin" for this add-in's own API calls.
 * - WorksheetCollection.onAdded / onDeleted (ExcelApi 1.7) give the `worksheetId`;
 *   onNameChanged (ExcelApi 1.17) gives nameBefore / nameAfter. Sheets are kept by id, which a
 *   rename does not change, so a rename is followed even where onNameChanged does not exist:
 *   every scoped read lists every sheet's current name.
 * - Events arrive after the change, asynchronously, one per change; a paste or a fill is one.
 *
 * Our own writes never start another round: events whose triggerSource is "ThisLocalAddin" are
 * ignored where ExcelApi 1.14 exists, and everywhere an event whose range lies inside what we
 * wrote (the status columns) is ignored; our output sheets hold no input and are never read.
 */
import { rangeOf } from '../cells';
import type { Market } from '../core';
import { t, type Locale, type MessageKey } from '../i18n';
import {
  isOutputSheet, readWorkbook, runOfRead, wholeOutputs,
  type Outputs, type Run, type SheetInput, type TableSpec, type WorkbookInput, type WorkbookRead,
} from '../sheets';
import type { PartnerStatus } from '../core';
import { readFromExcel, writeToExcel, type ExcelRun, type ExcelWorkbook } from './excel';

/** How long the session waits after the last change before it reads (ms). */
export const DEBOUNCE_MS = 500;

/** Office.context.requirements.isSetSupported, or a stand-in. */
export type Supports = (set: string, version: string) => boolean;

/** Timers the session debounces with (tests pass fake ones). */
export interface Timers {
  readonly setTimeout: (f: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

/** What the session needs from its host. */
export interface SessionOptions {
  readonly run: ExcelRun;
  readonly locale: Locale;
  readonly supports?: Supports | undefined;
  readonly debounceMs?: number | undefined;
  readonly timers?: Timers | undefined;
  /** Tables mapped by hand in the pane (found by header otherwise). */
  readonly tables?: readonly TableSpec[] | undefined;
  /**
   * False: register no Excel events; changes come only through deliver(). For a host with no
   * event channel (the benchmark's Excel-on-the-web harness answers requests, not events).
   */
  readonly listen?: boolean | undefined;
}

/** An Excel event as the session takes it (the fields Microsoft documents for each, ExcelApi 1.7 / 1.14 / 1.17). */
export type SessionEvent =
  | { readonly kind: 'changed'; readonly worksheetId: string; readonly address: string; readonly triggerSource?: string }
  | { readonly kind: 'added' | 'deleted'; readonly worksheetId: string }
  | { readonly kind: 'renamed'; readonly worksheetId: string; readonly nameAfter: string };

/** One evaluation of the session's tables at an as-of date and market. */
export interface LiveEvaluation {
  /** The run (its data issues are built on first use: the status table and the pane need them). */
  readonly run: Run;
  /** A partner by id (the only partner when id is null and there is one). */
  readonly partner: (id: string) => PartnerStatus | undefined;
}

/** The session's tables as last read, and their evaluations. */
export interface LiveSnapshot {
  readonly kind: 'ready';
  /** Increases with every evaluation round. */
  readonly generation: number;
  readonly workbook: WorkbookInput;
  readonly read: WorkbookRead;
  /** A full read (start, refresh) or a round after Excel reported a change. */
  readonly cause: 'read' | 'change';
  /** Table kinds on the sheets re-read in the round that made this snapshot (empty for the first). */
  readonly changed: readonly ('revenue' | 'certifications' | 'partners' | 'products')[];
  readonly evaluation: (asOf: string, market: Market | undefined, rulebook?: string) => LiveEvaluation;
}

/** What the session knows: nothing yet, a snapshot, or why it has none. */
export type SessionState = { readonly kind: 'starting' } | LiveSnapshot | { readonly kind: 'error'; readonly message: string };

/** Counters tests and the bench read. */
export interface SessionStats {
  /** readFromExcel calls, and the sheets whose values they read. */
  reads: number;
  sheetsRead: number;
  /** Evaluations made (each as-of/market pair once per round). */
  evaluations: number;
  rounds: number;
}

interface ChangedArgs { readonly worksheetId: string; readonly address: string; readonly triggerSource?: string }
interface SheetArgs { readonly worksheetId: string; readonly nameAfter?: string }
/** Office.js event sources as far as the session uses them (onNameChanged only from ExcelApi 1.17). */
interface EventSource<A> { add(handler: (args: A) => Promise<void>): { remove(): void; context: { sync(): Promise<void> } } }
interface EventedSheets { onAdded: EventSource<SheetArgs>; onDeleted: EventSource<SheetArgs>; onNameChanged?: EventSource<SheetArgs> }

/** A rectangle of cells, 0-based. */
interface Block { readonly sheetId: string; readonly r0: number; readonly c0: number; readonly r1: number; readonly c1: number }

const noSupport: Supports = () => false;
const realTimers: Timers = { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/**
 * One live evaluation of a workbook (see the file comment).
 * @example const session = new WorkbookSession({ run: Excel.run, locale: "en-US" }); await session.start(); session.subscribe(() => ...)
 */
export class WorkbookSession {
  readonly stats: SessionStats = { reads: 0, sheetsRead: 0, evaluations: 0, rounds: 0 };
  private state: SessionState = { kind: 'starting' };
  private readonly listeners = new Set<(state: SessionState) => void>();
  /** Sheets by worksheet id, in tab order, with the values last read (output sheets excepted). */
  private sheets = new Map<string, SheetInput>();
  private order: string[] = [];
  /** Hidden and very hidden sheets as last listed: never read, named by a warning (docs/rules.md 11). */
  private hiddenSheets: readonly string[] = [];
  /** Sheets whose changes are followed: those holding an input table (every sheet while one is missing). */
  private inputIds = new Set<string>();
  private readonly pending = new Set<string>();
  private structural = false;
  private fullRead = true;
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private started: Promise<void> | null = null;
  private written: Block[] = [];
  private readonly handlers: { remove(): void; context: { sync(): Promise<void> } }[] = [];
  private readonly sheetHandlers = new Set<string>();
  private readonly supports: Supports;
  private readonly timers: Timers;
  private tables: readonly TableSpec[];

  constructor(private readonly options: SessionOptions) {
    this.supports = options.supports ?? noSupport;
    this.timers = options.timers ?? realTimers;
    this.tables = options.tables ?? [];
  }

  /** The current state. */
  current(): SessionState { return this.state; }

  /**
   * Reads the workbook and starts following it; later calls return the same promise.
   * @example await session.start()
   * @throws never: a failed read becomes the error state (listeners are told).
   */
  start(): Promise<void> {
    this.started ??= (this.options.listen === false ? Promise.resolve() : this.listen()).then(() => this.flushNow());
    return this.started;
  }

  /** Calls `listener` after every round (a new snapshot or an error); returns the unsubscribe. @example const stop = session.subscribe((s) => render(s)) */
  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** How many listeners are subscribed (tests check that cancelled invocations leave). */
  subscribers(): number { return this.listeners.size; }

  /** Resolves once no change is waiting and no round is running. @example await session.idle() */
  async idle(): Promise<void> {
    if (this.started) await this.started;
    while (this.running) await this.running;
  }

  /** Reads every sheet again (the pane's Evaluate), optionally with other hand-mapped tables. @example await session.refresh() */
  async refresh(tables?: readonly TableSpec[]): Promise<void> {
    if (tables) this.tables = tables;
    this.fullRead = true;
    await this.start();
    await this.flushNow();
  }

  /**
   * Writes the outputs (status columns, Competency sheets) and remembers where, so the events
   * our writes cause start no round.
   * @example await session.write(run.outputs)
   * @throws what writeToExcel throws (Excel refusing a write).
   */
  async write(outputs: Outputs, progress?: (done: number, total: number) => void): Promise<void> {
    const idOf = new Map([...this.sheets].map(([id, s]) => [s.name, id]));
    this.written = outputs.statusColumns.flatMap((b) => {
      const sheetId = idOf.get(b.sheet);
      return sheetId === undefined ? [] : [{ sheetId, r0: b.row, c0: b.col, r1: b.row + Math.max(1, b.values.length) - 1, c1: b.col + 1 }];
    });
    const names = this.order.map((id) => this.sheets.get(id)?.name ?? '');
    await writeToExcel(this.options.run, outputs, [...names, ...this.outputNames], progress);
  }

  /** Our output sheets as last seen (writeToExcel refills them in place). */
  private outputNames: string[] = [];

  /**
   * The outputs of the current snapshot at an as-of date and market (what the pane writes).
   * @example await session.write(session.outputs("2018-06-30", undefined))
   * @throws Error when there is no snapshot.
   */
  outputs(asOf: string, market: Market | undefined, rulebook?: string): Outputs {
    const s = this.state;
    if (s.kind !== 'ready') throw new Error('the workbook session has no evaluation yet');
    return wholeOutputs(s.evaluation(asOf, market, rulebook).run.outputs(s.workbook));
  }

  /** Stops following the workbook (removes every event handler). @example await session.dispose() */
  async dispose(): Promise<void> {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    const contexts = new Set(this.handlers.map((h) => h.context));
    for (const h of this.handlers) h.remove();
    for (const c of contexts) await c.sync();
    this.handlers.length = 0;
    this.listeners.clear();
  }

  // --- Events.

  /**
   * Takes one event as Excel delivers it (the registered handlers call this too).
   * @example session.deliver({ kind: "changed", worksheetId: "{...}", address: "D7" })
   */
  deliver(e: SessionEvent): void {
    if (e.kind === 'changed') this.sheetChanged(e);
    else if (e.kind === 'added') { this.pending.add(e.worksheetId); this.schedule(); }
    else if (e.kind === 'deleted') this.sheetDeleted(e.worksheetId);
    else if (e.kind === 'renamed') this.sheetRenamed(e.worksheetId, e.nameAfter);
  }

  /** Registers the collection's events (ExcelApi 1.7; onNameChanged where 1.17 exists). */
  private async listen(): Promise<void> {
    await this.options.run(async (context) => {
      const sheets = context.workbook.worksheets as unknown as EventedSheets;
      this.handlers.push(sheets.onAdded.add(async (a) => this.deliver({ kind: 'added', worksheetId: a.worksheetId })));
      this.handlers.push(sheets.onDeleted.add(async (a) => this.deliver({ kind: 'deleted', worksheetId: a.worksheetId })));
      if (this.supports('ExcelApi', '1.17') && sheets.onNameChanged) {
        this.handlers.push(sheets.onNameChanged.add(async (a) => this.deliver({ kind: 'renamed', worksheetId: a.worksheetId, nameAfter: a.nameAfter ?? '' })));
      }
      await context.sync();
    });
  }

  /** Registers onChanged on sheets not yet followed (each sheet once, by id). */
  private async followSheets(ids: readonly string[]): Promise<void> {
    const fresh = ids.filter((id) => !this.sheetHandlers.has(id));
    if (fresh.length === 0 || this.options.listen === false) return;
    await this.options.run(async (context) => {
      for (const id of fresh) {
        const sheet = context.workbook.worksheets.getItem(id) as unknown as { onChanged: EventSource<ChangedArgs> };
        this.handlers.push(sheet.onChanged.add(async (a) => this.deliver({ kind: 'changed', ...a })));
        this.sheetHandlers.add(id);
      }
      await context.sync();
    });
  }

  private sheetChanged(a: ChangedArgs): void {
    // An unrelated sheet: nothing to read.
    if (!this.inputIds.has(a.worksheetId) || this.ownWrite(a)) return;
    this.pending.add(a.worksheetId);
    this.schedule();
  }

  /** Whether a change is one of our own writes (see the file comment). */
  private ownWrite(a: ChangedArgs): boolean {
    if (this.supports('ExcelApi', '1.14') && a.triggerSource === 'ThisLocalAddin') return true;
    const r = rangeOf(a.address);
    return r !== null && this.written.some((b) => b.sheetId === a.worksheetId && r.r0 >= b.r0 && r.r1 <= b.r1 && r.c0 >= b.c0 && r.c1 <= b.c1);
  }

  private sheetDeleted(id: string): void {
    this.sheetHandlers.delete(id);
    if (!this.sheets.delete(id)) return;
    this.order = this.order.filter((x) => x !== id);
    this.structural = true;
    this.schedule();
  }

  private sheetRenamed(id: string, name: string): void {
    const s = this.sheets.get(id);
    if (!s || isOutputSheet(name)) return;
    this.sheets.set(id, { ...s, name });
    this.structural = true;
    this.schedule();
  }

  // --- Rounds.

  private schedule(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => { this.timer = null; void this.flushNow(); }, this.options.debounceMs ?? DEBOUNCE_MS);
  }

  /** Runs a round now (after the one running, if any). */
  private async flushNow(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.round().finally(() => { this.running = null; });
    await this.running;
  }

  private async round(): Promise<void> {
    const ids = new Set(this.pending);
    this.pending.clear();
    const full = this.fullRead, structural = this.structural;
    this.fullRead = false; this.structural = false;
    if (!full && ids.size === 0 && !structural) return;
    try {
      const changedIds = full || ids.size > 0 ? await this.read(full ? undefined : ids) : [];
      if (changedIds.length === 0 && !structural && !full) return;
      this.evaluate(changedIds, full ? 'read' : 'change');
      await this.followSheets([...this.inputIds]);
    } catch (e) {
      // Read again in full next time: what failed may have left the cache behind Excel.
      this.fullRead = true;
      this.setState({ kind: 'error', message: t(this.options.locale, 'live.error.read', { reason: e instanceof Error ? e.message : String(e) }) });
    }
  }

  /** Reads the sheets of `ids` (all when undefined); returns the ids whose values were read. */
  private async read(ids: ReadonlySet<string> | undefined): Promise<string[]> {
    const wb: ExcelWorkbook = await readFromExcel(this.options.run, undefined, ids ? { ids } : undefined);
    this.stats.reads++;
    this.stats.sheetsRead += wb.sheets.length;
    if (!ids) this.sheets.clear();
    // Every read lists every sheet's name and id: renames are picked up, and sheets gone are dropped.
    const present = new Map(wb.sheetIds.map((id, i) => [id, wb.sheetNames[i] ?? '']));
    // A sheet hidden since it was read is dropped as a deleted one is.
    const hidden = new Set(wb.hiddenSheets);
    for (const [id, s] of [...this.sheets]) {
      const name = present.get(id);
      if (name === undefined || isOutputSheet(name) || hidden.has(name)) { this.sheets.delete(id); this.structural = true; } else if (name !== s.name) this.sheets.set(id, { ...s, name });
    }
    if (wb.hiddenSheets.join('\u0000') !== this.hiddenSheets.join('\u0000')) this.structural = true;
    this.hiddenSheets = wb.hiddenSheets;
    wb.ids.forEach((id, i) => { const s = wb.sheets[i]; if (s) this.sheets.set(id, s); });
    this.order = wb.sheetIds.filter((id) => this.sheets.has(id));
    this.outputNames = wb.sheetNames.filter(isOutputSheet);
    return [...wb.ids];
  }

  /** Reads the cached sheets into tables, makes a new snapshot and tells every listener. */
  private evaluate(changedIds: readonly string[], cause: 'read' | 'change'): void {
    this.stats.rounds++;
    const workbook: WorkbookInput = { sheets: this.order.map((id) => this.sheets.get(id) as SheetInput), hiddenSheets: this.hiddenSheets };
    const read = readWorkbook(workbook, { locale: this.options.locale, tables: this.tables });
    const idOf = new Map(this.order.map((id) => [this.sheets.get(id)?.name, id]));
    const tableIds = new Set(read.tables.map((x) => idOf.get(x.ref.sheet)).filter((x): x is string => x !== undefined));
    // While a required table is missing, follow every sheet: the user may be typing it anywhere.
    this.inputIds = read.missing.length > 0 ? new Set(this.order) : tableIds;
    const changedNames = new Set(changedIds.map((id) => this.sheets.get(id)?.name));
    const previous = this.state.kind === 'ready' ? this.state.generation : 0;
    const changed = [...new Set(read.tables.filter((x) => changedNames.has(x.ref.sheet)).map((x) => x.ref.kind))];
    this.setState({ kind: 'ready', generation: previous + 1, cause, workbook, read, changed: cause === 'read' ? [] : changed, evaluation: this.evaluations(read) });
  }

  /** Evaluations of one read, made once per as-of, market and rulebook, shared by every caller. */
  private evaluations(read: WorkbookRead): LiveSnapshot['evaluation'] {
    const cache = new Map<string, LiveEvaluation>();
    return (asOf, market, rulebook) => {
      const key = `${asOf}|${market ?? ''}|${rulebook ?? ''}`;
      let hit = cache.get(key);
      if (!hit) {
        // No Competency Timeline among the session's outputs (what it wrote before runs).
        const run = runOfRead(read, { locale: this.options.locale, asOf, defaultMarket: market, rulebook, timeline: false });
        this.stats.evaluations++;
        const byId = new Map(run.evaluation.partners.map((p) => [p.partnerId ?? '', p]));
        hit = { run, partner: (id) => byId.get(id) };
        cache.set(key, hit);
      }
      return hit;
    };
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const l of [...this.listeners]) l(state);
  }
}

/** The message keys this module uses (so the catalogue test sees them). */
export const SESSION_MESSAGES: readonly MessageKey[] = ['live.error.read'];

const SHARED = Symbol.for('cloud-crm-competency.workbookSession');

/**
 * The workbook's one session in the shared runtime, made on first use. The functions and the
 * task pane are separate bundles of one page, so the session lives on the page's global object,
 * not in a module variable each bundle would have its own copy of.
 * @example const session = sharedSession(() => new WorkbookSession({ run: Excel.run, locale }))
 */
export function sharedSession(make: () => WorkbookSession): WorkbookSession {
  const g = globalThis as unknown as Record<symbol, WorkbookSession | undefined>;
  return (g[SHARED] ??= make());
}
