/**
 * The task pane's state and actions, apart from how they look: the workbook source, the
 * settings, what is happening (idle, working with progress, done with a run, failed), tables
 * mapped by hand, and the actions Evaluate, open a file, and map a table.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import type { Market } from '../core';
import { describeError, type Locale, type Translate } from '../i18n';
import { openRun, type Run, type RunOptions, type TableSpec, type TimelineLayout, type WorkbookInput } from '../sheets';
import { readingLabel } from './progress';
import { CancelledError } from './cancelled';
import type { Source } from './source';

/** What the pane is doing. */
export type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working'; readonly label: string; readonly value?: number; readonly cancellable?: boolean }
  | { readonly kind: 'done'; readonly run: Run }
  | { readonly kind: 'error'; readonly message: string };

/** The settings of an evaluation as the form holds them ('' means automatic). */
export interface Settings {
  readonly asOf: string;
  readonly market: '' | Market;
  readonly rulebook: string;
}

/** A selected range being mapped to a table by hand. */
export type PendingMapping = Omit<TableSpec, 'fields'> & { readonly header: readonly string[] };

/** Where the hook starts from. */
export interface EvaluationOptions {
  readonly locale: Locale;
  readonly t: Translate;
  readonly initialAsOf: string;
  readonly source: Source | null;
  readonly initialFileName?: string | undefined;
  readonly openFile?: ((files: readonly File[]) => Promise<Source>) | undefined;
}

/** The hook's state and actions. */
export interface EvaluationState {
  readonly source: Source | null;
  readonly fileName: string | undefined;
  readonly settings: Settings;
  readonly setSettings: (settings: Settings) => void;
  readonly phase: Phase;
  readonly busy: boolean;
  /** The finished run, when there is one. */
  readonly run: Run | null;
  /** Evaluates; given a date, first makes it the as-of setting (the as-of hint's one click). */
  readonly evaluate: (asOf?: string) => Promise<void>;
  /** Stops an evaluation running in a worker (the pane goes back to idle). */
  readonly cancel: () => void;
  /** Opens the files chosen or dropped together (one workbook and/or CSV files). */
  readonly openFile: (files: readonly File[]) => Promise<void>;
  /** Offers the result for download (outside Excel); a failure is kept in downloadError, the results stay. */
  readonly download: (timelineLayout: TimelineLayout) => Promise<void>;
  /** Why the last download failed, in the UI language, or null. */
  readonly downloadError: string | null;
  readonly mapping: PendingMapping | null;
  readonly startMapping: (kind: 'revenue' | 'certifications') => Promise<void>;
  readonly applyMapping: (spec: TableSpec | null) => void;
  /** Inside Excel: what the last update after a change of the workbook said ("Revenue changed: results updated"), or null. */
  readonly liveNotice: string | null;
  /** Whether results shown after a change are also written to the workbook (status columns, result sheets). */
  readonly autoWrite: boolean;
  readonly setAutoWrite: (on: boolean) => void;
  /** Writes the results shown to the workbook (Excel only). */
  readonly writeResults: () => Promise<void>;
}

/** How an evaluation runs: whether it writes its outputs, and what it says when done. */
interface EvaluateHow { readonly write?: boolean; readonly notice?: string | null; readonly fresh?: boolean }

/**
 * What the pane says after it followed a change of the workbook, from the kinds of the tables changed.
 * @example liveNotice(["revenue"], t) === "Revenue changed: results updated"
 */
export function liveNotice(changed: readonly string[], t: Translate): string {
  const [only, ...more] = changed;
  if (more.length === 0 && (only === 'revenue' || only === 'certifications' || only === 'partners' || only === 'products')) return t(`live.updated.${only}`);
  return t('live.updated.sheets');
}

/** An error as the user reads it: the reader's and the writer's reasons in the UI language, others by their message. */
const message = (e: unknown, locale: Locale): string => describeError(e, locale);
const fraction = (done: number, total: number): number => (total > 0 ? done / total : 0);

/** Reads and evaluates in the source's worker, showing rows read; rejects with CancelledError on Cancel. */
function evaluateElsewhere(source: Source, options: RunOptions, signal: AbortSignal, show: (phase: Phase) => void, t: Translate): Promise<Run> {
  show({ kind: 'working', label: t('ui.progress.readingRows', { count: 0 }), value: 0, cancellable: true });
  return (source.evaluate as NonNullable<Source['evaluate']>)(options, (rows, share, stage) => show(stage === 'reading'
    ? { kind: 'working', label: readingLabel(rows, share, options.locale, t), value: share, cancellable: true }
    : { kind: 'working', label: t('ui.progress.evaluating'), cancellable: true }), signal);
}

/** Reads, evaluates and writes on the page (inside Excel: Office.js does the reading and writing). */
async function evaluateHere(source: Source, options: RunOptions, show: (phase: Phase) => void, t: Translate, write = true, fresh = true): Promise<Run> {
  show({ kind: 'working', label: t('ui.progress.readingRows', { count: 0 }) });
  const workbook: WorkbookInput = await source.read((done, total) => show({ kind: 'working', label: t('ui.progress.reading', { done, count: total }), value: fraction(done, total) }), fresh);
  show({ kind: 'working', label: t('ui.progress.evaluating') });
  await new Promise((resolve) => setTimeout(resolve, 0)); // let the progress text paint
  const full = openRun(workbook, options);
  if (write && full.read.missing.length === 0) {
    await source.write(full, (done, total) => show({ kind: 'working', label: t('ui.progress.writing', { done, total }), value: fraction(done, total) }));
  }
  return full;
}

/**
 * Inside Excel, once results are shown: every change Excel reports updates them (evaluated from
 * the session's cells, nothing read again), written to the workbook only when the user turned
 * that on; a change reported during an evaluation is followed when it is done.
 */
function useLive(
  source: Source | null, hasRun: boolean, running: { readonly current: AbortController | null }, changedMeanwhile: { current: readonly string[] | null },
  phase: Phase, evaluate: (asOf?: string, how?: EvaluateHow) => Promise<void>, t: Translate,
): { autoWrite: boolean; setAutoWrite: (on: boolean) => void; writeResults: () => Promise<void> } {
  const [autoWrite, setAutoWriteState] = useState(false);
  const autoWriteRef = useRef(false);
  const evaluateRef = useRef(evaluate);
  evaluateRef.current = evaluate;
  useEffect(() => {
    if (!source?.live || !hasRun) return undefined;
    return source.live.follow((changed) => {
      if (running.current !== null) { changedMeanwhile.current = changed; return; }
      void evaluateRef.current(undefined, { write: autoWriteRef.current, notice: liveNotice(changed, t), fresh: false });
    });
  }, [source, hasRun, running, changedMeanwhile, t]);
  useEffect(() => {
    const changed = changedMeanwhile.current;
    if (phase.kind === 'working' || changed === null) return;
    changedMeanwhile.current = null;
    void evaluateRef.current(undefined, { write: autoWriteRef.current, notice: liveNotice(changed, t), fresh: false });
  }, [phase, changedMeanwhile, t]);
  const setAutoWrite = useCallback((on: boolean) => { autoWriteRef.current = on; setAutoWriteState(on); }, []);
  const writeResults = useCallback(() => evaluateRef.current(undefined, { write: true, fresh: false }), []);
  return { autoWrite, setAutoWrite, writeResults };
}

/** What the pane's settings ask of a run: an empty market or rulebook choice means "decide". */
function runOptionsOf(settings: Settings, asOf: string, locale: Locale, tables: readonly TableSpec[]): RunOptions {
  return {
    locale,
    asOf,
    defaultMarket: settings.market === '' ? undefined : settings.market,
    rulebook: settings.rulebook === '' ? undefined : settings.rulebook,
    tables,
  };
}

/** The result workbook's download, and its failure in words. */
function useDownload(source: Source | null, locale: Locale): { download: (layout: TimelineLayout) => Promise<void>; downloadError: string | null } {
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const download = useCallback(async (timelineLayout: TimelineLayout) => {
    if (!source?.download) return;
    setDownloadError(null);
    // A workbook the writer refuses (status columns past column XFD, a damaged part) must say so:
    // the click would otherwise do nothing at all.
    try { await source.download(timelineLayout); } catch (e) { setDownloadError(message(e, locale)); }
  }, [source, locale]);
  return { download, downloadError };
}

/** Telling the pane where a table is (Excel's selection), for a table it did not find. */
function useMapping(source: Source | null, setTables: Dispatch<SetStateAction<TableSpec[]>>): Pick<EvaluationState, 'mapping' | 'startMapping' | 'applyMapping'> {
  const [mapping, setMapping] = useState<PendingMapping | null>(null);
  const startMapping = useCallback(async (kind: 'revenue' | 'certifications') => {
    if (!source?.selection) return;
    const selected = await source.selection();
    setMapping({ ...selected, kind });
  }, [source]);
  const applyMapping = useCallback((spec: TableSpec | null) => {
    setMapping(null);
    if (spec) setTables((current) => [...current.filter((x) => x.kind !== spec.kind), spec]);
  }, [setTables]);
  return { mapping, startMapping, applyMapping };
}

/**
 * The pane's state and actions; components only render them.
 * @example const state = useEvaluation({ locale, t, initialAsOf: "2018-03-15", source }); void state.evaluate()
 */
export function useEvaluation(options: EvaluationOptions): EvaluationState {
  const { locale, t } = options;
  const [source, setSource] = useState<Source | null>(options.source);
  const [fileName, setFileName] = useState<string | undefined>(options.initialFileName);
  const [settings, setSettings] = useState<Settings>({ asOf: options.initialAsOf, market: '', rulebook: '' });
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [tables, setTables] = useState<TableSpec[]>([]);

  // The evaluation under way (one at a time) and the file being opened (the last one chosen wins).
  const running = useRef<AbortController | null>(null);
  const opening = useRef(0);

  /** Ends the evaluation under way, if any: its worker goes, and nothing it reports is shown. */
  const stop = useCallback((): boolean => {
    const controller = running.current;
    running.current = null;
    controller?.abort();
    return controller !== null;
  }, []);

  const [liveNoticeText, setLiveNotice] = useState<string | null>(null);
  /** Results have been shown once: from then on the pane follows the workbook's changes. */
  const [hasRun, setHasRun] = useState(false);
  /** A change reported while an evaluation ran: followed once it is done. */
  const changedMeanwhile = useRef<readonly string[] | null>(null);

  const evaluate = useCallback(async (asOfOverride?: string, how: EvaluateHow = {}) => {
    // A second Evaluate while one runs (a double click before the button is disabled) is ignored.
    if (!source || running.current !== null) return;
    const controller = new AbortController();
    running.current = controller;
    // Everything the run reports after it was cancelled or replaced (another file) is dropped,
    // so what the pane shows always belongs to the file it names.
    const show = (next: Phase): void => { if (running.current === controller) setPhase(next); };
    const asOf = asOfOverride ?? settings.asOf;
    if (asOfOverride !== undefined) setSettings({ ...settings, asOf: asOfOverride });
    try {
      const workbookOptions = runOptionsOf(settings, asOf, locale, tables);
      const run = await (source.evaluate
        ? evaluateElsewhere(source, workbookOptions, controller.signal, show, t)
        : evaluateHere(source, workbookOptions, show, t, how.write ?? true, how.fresh ?? true));
      show({ kind: 'done', run });
      if (running.current === controller) { setLiveNotice(how.notice ?? null); setHasRun(true); }
    } catch (e) {
      if (!(e instanceof CancelledError)) show({ kind: 'error', message: message(e, locale) });
    } finally {
      if (running.current === controller) running.current = null;
    }
  }, [source, t, locale, settings, tables]);

  const cancel = useCallback(() => { if (stop()) setPhase({ kind: 'idle' }); }, [stop]);

  const { autoWrite, setAutoWrite, writeResults } = useLive(source, hasRun, running, changedMeanwhile, phase, evaluate, t);

  const { openFile: open } = options;
  const openFile = useCallback(async (files: readonly File[]) => {
    if (!open || files.length === 0) return;
    const names = files.map((f) => f.name).join(', ');
    // Choosing or dropping a file while another is read cancels that reading: one file at a time.
    stop();
    const ticket = ++opening.current;
    try {
      setPhase({ kind: 'working', label: names });
      const opened = await open(files);
      if (ticket !== opening.current) return; // another file was chosen meanwhile: it wins
      setSource(opened);
      setFileName(names);
      setTables([]);
      setPhase({ kind: 'idle' });
    } catch (e) {
      if (ticket === opening.current) setPhase({ kind: 'error', message: message(e, locale) });
    }
  }, [open, locale, stop]);

  const { download, downloadError } = useDownload(source, locale);
  const { mapping, startMapping, applyMapping } = useMapping(source, setTables);

  return {
    source, fileName, settings, setSettings, phase, busy: phase.kind === 'working', run: phase.kind === 'done' ? phase.run : null,
    evaluate, cancel, openFile, mapping, startMapping, applyMapping, download, downloadError,
    liveNotice: liveNoticeText, autoWrite, setAutoWrite, writeResults,
  };
}
