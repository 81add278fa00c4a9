/**
 * The task pane outside Excel: a workbook file opened in the browser, read and evaluated in a
 * Web Worker (worker.js, built from evaluate.worker.ts: our streaming reader + the same sheets
 * and core code as the CLI), so the page stays responsive and Cancel stops it at once. The page
 * keeps the File (a handle, not its bytes); the worker reads it, keeps the outputs, and writes
 * the result workbook (the CLI's --out writer, src/xlsx/patch) when the user downloads it, so
 * neither the reader nor the writer is in the bundle loaded inside Excel, and the outputs' cell
 * arrays are never copied to the page.
 */
import { isOutputSheet, runOfResult, type Run } from '../sheets';
import { CancelledError, type Source } from './source';
import type { WorkerReply, WorkerRequest } from './evaluate.worker';

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

/**
 * A source over an .xlsx (or .xlsm) file.
 * @example const source = await fileSource(file, file.name)
 */
export async function fileSource(file: Blob, fileName: string): Promise<Source> {
  // Opening a file ends the pane's previous result (and any reading of another file), so their
  // workers and what they hold go.
  endWorkers();
  const macroEnabled = /\.xlsm$/i.test(fileName);
  const mimeType = macroEnabled ? XLSM_TYPE : XLSX_TYPE;
  let run: Run | null = null;
  let result: Blob | null = null;
  // Without workers (never in the browsers Office supports), the page reads it itself.
  const plain: Source = {
    async read(progress) {
      const { readXlsxBytes } = await import(/* webpackChunkName: "xlsx-read" */ '../xlsx/read');
      const input = readXlsxBytes(new Uint8Array(await file.arrayBuffer()));
      const rows = input.sheets.reduce((n, s) => n + s.values.length, 0);
      progress(rows, rows);
      return input;
    },
    async write(evaluated, progress) {
      // The result workbook is made when it is downloaded, not after every evaluation.
      run = evaluated;
      result = null;
      progress(1, 1);
    },
    async download() {
      if (!run) return;
      result ??= await resultWorkbook(new Uint8Array(await file.arrayBuffer()), run, mimeType);
      save(result, fileName, macroEnabled);
    },
  };
  if (typeof Worker === 'undefined') return plain;
  const source: Source = {
    ...plain,
    evaluate(options, progress, signal) {
      endWorkers();
      result = null;
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
        const request: WorkerRequest = { type: 'evaluate', file, options };
        worker.postMessage(request);
      });
    },
    async download() {
      // The worker of this file's last evaluation holds its outputs (the pane shows only that one).
      if (kept?.source !== source) return;
      result ??= await ask(kept.worker, { type: 'download', mimeType });
      save(result, fileName, macroEnabled);
    },
  };
  return source;
}

/**
 * The input workbook with the outputs added, written by the same zip-patching writer as the CLI's
 * --out (src/xlsx/patch, loaded now, on demand): every part the outputs do not touch is copied as
 * it is, so formulas, formatting, macros and the date system survive, and memory stays near the
 * size of the file instead of an in-memory model of every cell.
 */
async function resultWorkbook(bytes: Uint8Array, run: Run, mimeType: string): Promise<Blob> {
  const { patchXlsx } = await import(/* webpackChunkName: "xlsx-patch" */ '../xlsx/patch');
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  // The writer may reuse its buffers between calls, so each chunk is copied.
  await patchXlsx(bytes, run.outputs(), (chunk) => { chunks.push(chunk.slice()); }, { isOurs: isOutputSheet });
  return new Blob(chunks, { type: mimeType });
}
