/**
 * The task pane outside Excel: a workbook file opened in the browser, read and evaluated in a
 * Web Worker (worker.js, built from evaluate.worker.ts: our streaming reader + the same sheets
 * and core code as the CLI), so the page stays responsive and Cancel stops it at once. The page
 * keeps the File (a handle, not its bytes); the worker reads it, keeps the outputs, and writes
 * the result workbook (the CLI's --out writer, src/xlsx/patch) when the user downloads it, so
 * neither the reader nor the writer is in the bundle loaded inside Excel, and the outputs' cell
 * arrays are never copied to the page.
 */
import { isOutputSheet, runOfResult, type Run, type TimelineLayout } from '../sheets';
import { CancelledError } from './cancelled';
import type { Source } from './source';
import { LocalizedError } from '../i18n';
import type { WorkerReply, WorkerRequest } from './evaluate.worker';
import { isWorkbookName, type InputFile } from './inputFile';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/** The worker of the last evaluation, kept for its download until the next one starts. */
let kept: { worker: Worker; source: Source } | null = null;
/** The worker evaluating now (one at a time: a new evaluation or a new file ends it). */
let active: Worker | null = null;

/** Ends every worker: the one evaluating and the one kept for a download. */
function endWorkers(): void {
  active?.terminate();
  active = null;
  kept?.worker.terminate();
  kept = null;
}

function save(result: Blob, fileName: string, macroEnabled: boolean): void {
  const url = URL.createObjectURL(result);
  const a = document.createElement('a');
  a.href = url;
  // An .xlsm keeps its macros and so its extension: Excel refuses macros under an .xlsx name.
  a.download = `${fileName.replace(/\.xls[xm]?$/i, '')}-competency.${macroEnabled ? 'xlsm' : 'xlsx'}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Asks a worker for one answer of the given type (or its error). */
function ask(worker: Worker, request: WorkerRequest): Promise<Blob> {
  return new Promise<Blob>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      if (reply.type === 'result') resolve(reply.blob);
      else if (reply.type === 'error') reject(new Error(reply.message));
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(request);
  });
}

const DELIMITED = /\.(csv|tsv|tab|txt)$/i;

/**
 * Checks files as they are chosen, before anything is read: each is a workbook whose first bytes
 * are a zip's (or an old .xls, said precisely by the reader) or delimited text by its name, and
 * at most one is a workbook. Throws LocalizedError naming the file.
 * @example await checkFiles([{ name: "picture.png", blob }]) // throws "picture.png is not a workbook or CSV file"
 * @throws LocalizedError for a file that cannot be an input, or two workbooks
 */
export async function checkFiles(files: readonly InputFile[]): Promise<void> {
  const { checkSignature } = await import(/* webpackChunkName: "xlsx-read" */ '../xlsx/zip');
  if (files.filter((f) => isWorkbookName(f.name)).length > 1) throw new LocalizedError('ui.file.oneWorkbook', {});
  for (const f of files) {
    if (!isWorkbookName(f.name) && !DELIMITED.test(f.name)) throw new LocalizedError('ui.file.notSupported', { name: f.name });
    if (!isWorkbookName(f.name)) continue;
    try {
      checkSignature(new Uint8Array(await f.blob.slice(0, 8).arrayBuffer()));
    } catch (e) {
      if (e instanceof LocalizedError) throw new LocalizedError('ui.file.reason', { name: f.name, reason: (l) => e.describe(l) });
      throw e;
    }
  }
}

/**
 * A source over the files chosen together: at most one workbook (.xlsx or .xlsm) and any number
 * of CSV/TSV files, checked first (see checkFiles). Only a workbook can be downloaded with the
 * results in it.
 * @example const source = await fileSource([{ name: file.name, blob: file }])
 * @throws LocalizedError as checkFiles
 */
export async function fileSource(files: readonly InputFile[]): Promise<Source> {
  await checkFiles(files);
  // Opening a file ends the pane's previous result (and any reading of another file), so their
  // workers and what they hold go.
  endWorkers();
  const workbook = files.find((f) => isWorkbookName(f.name));
  const fileName = workbook?.name ?? '';
  const file = workbook?.blob ?? new Blob([]);
  const macroEnabled = /\.xlsm$/i.test(fileName);
  const mimeType = macroEnabled ? XLSM_TYPE : XLSX_TYPE;
  let run: Run | null = null;
  // The result workbook made for each timeline layout asked for, until the next evaluation.
  const results = new Map<TimelineLayout, Blob>();
  // Without workers (never in the browsers Office supports), the page reads it itself.
  const plain: Source = {
    async read(progress) {
      const { readFiles } = await import(/* webpackChunkName: "xlsx-read" */ './readFiles');
      const { input } = await readFiles(files);
      const rows = input.sheets.reduce((n, s) => n + s.values.length, 0);
      progress(rows, rows);
      return input;
    },
    async write(evaluated, progress) {
      // The result workbook is made when it is downloaded, not after every evaluation.
      run = evaluated;
      results.clear();
      progress(1, 1);
    },
    async download(timelineLayout) {
      if (!run) return;
      const result = results.get(timelineLayout) ?? await resultWorkbook(new Uint8Array(await file.arrayBuffer()), run, mimeType, timelineLayout);
      results.set(timelineLayout, result);
      save(result, fileName, macroEnabled);
    },
  };
  // CSV files alone: evaluated here, but there is no workbook to put the results in.
  if (!workbook) delete plain.download;
  if (typeof Worker === 'undefined') return plain;
  const source: Source = {
    ...plain,
    evaluate(options, progress, signal) {
      endWorkers();
      results.clear();
      return new Promise<Run>((resolve, reject) => {
        const worker = new Worker(new URL('worker.js', document.baseURI));
        active = worker;
        const finish = (): void => { signal.removeEventListener('abort', cancel); if (active === worker) active = null; };
        const cancel = (): void => { finish(); worker.terminate(); reject(new CancelledError()); };
        if (signal.aborted) { cancel(); return; }
        signal.addEventListener('abort', cancel, { once: true });
        worker.onmessage = (e: MessageEvent<WorkerReply>) => {
          const reply = e.data;
          if (reply.type === 'progress') progress(reply.rows, reply.fraction, 'reading');
          else if (reply.type === 'evaluating') progress(reply.rows, 1, 'evaluating');
          else if (reply.type === 'done') { finish(); kept = { worker, source }; resolve(runOfResult(reply.result)); }
          else { finish(); worker.terminate(); reject(new Error(reply.type === 'error' ? reply.message : reply.type)); }
        };
        worker.onerror = (e) => { finish(); worker.terminate(); reject(new Error(e.message)); };
        // A File is posted as a handle: no bytes are copied, and the page never holds them.
        const request: WorkerRequest = { type: 'evaluate', files, options };
        worker.postMessage(request);
      });
    },
    async download(timelineLayout) {
      // The worker of this file's last evaluation holds its outputs (the pane shows only that one).
      if (kept?.source !== source) return;
      const result = results.get(timelineLayout) ?? await ask(kept.worker, { type: 'download', mimeType, timelineLayout });
      results.set(timelineLayout, result);
      save(result, fileName, macroEnabled);
    },
  };
  if (!workbook) delete source.download;
  return source;
}

/**
 * The input workbook with the outputs added, written by the same zip-patching writer as the CLI's
 * --out (src/xlsx/patch, loaded now, on demand): every part the outputs do not touch is copied as
 * it is, so formulas, formatting, macros and the date system survive, and memory stays near the
 * size of the file instead of an in-memory model of every cell.
 */
async function resultWorkbook(bytes: Uint8Array, run: Run, mimeType: string, timelineLayout: TimelineLayout): Promise<Blob> {
  const { patchXlsx } = await import(/* webpackChunkName: "xlsx-patch" */ '../xlsx/patch');
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  // The writer may reuse its buffers between calls, so each chunk is copied.
  const laidOut = runOfResult({ ...run.result(), options: { ...run.options, timelineLayout } });
  await patchXlsx(bytes, laidOut.outputs(), (chunk) => { chunks.push(chunk.slice()); }, { isOurs: isOutputSheet });
  return new Blob(chunks, { type: mimeType });
}
