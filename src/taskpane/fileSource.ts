/**
 * The task pane outside Excel: a workbook file opened in the browser, read and evaluated in a
 * Web Worker (worker.js, built from evaluate.worker.ts: our streaming reader + the same sheets
 * and core code as the CLI), so the page stays responsive and Cancel stops it at once. The
 * result is offered for download, written by the CLI's --out writer (src/xlsx/patch), imported
 * only when the user asks for that download, so neither it nor the reader is in the bundle
 * loaded inside Excel.
 */
import type { WorkbookRun } from '../sheets';
import { CancelledError, type Source } from './source';
import type { WorkerReply, WorkerRequest } from './evaluate.worker';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/**
 * A source over an .xlsx (or .xlsm) file's bytes.
 * @example const source = await fileSource(await file.arrayBuffer(), file.name)
 */

export async function fileSource(bytes: ArrayBuffer, fileName: string): Promise<Source> {
  const macroEnabled = /\.xlsm$/i.test(fileName);
  let run: WorkbookRun | null = null;
  let result: Blob | null = null;
  const source: Source = {
    // Without workers (never in the browsers Office supports), the page reads it itself.
    async read(progress) {
      const { readXlsxBytes } = await import(/* webpackChunkName: "xlsx-read" */ '../xlsx/read');
      const input = readXlsxBytes(new Uint8Array(bytes));
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
      result ??= await resultWorkbook(bytes, run, macroEnabled);
      const url = URL.createObjectURL(result);
      const a = document.createElement('a');
      a.href = url;
      // An .xlsm keeps its macros and so its extension: Excel refuses macros under an .xlsx name.
      a.download = `${fileName.replace(/\.xls[xm]?$/i, '')}-competency.${macroEnabled ? 'xlsm' : 'xlsx'}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
  if (typeof Worker === 'undefined') return source;
  return {
    ...source,
    evaluate(options, progress, signal) {
      return new Promise<WorkbookRun>((resolve, reject) => {
        const worker = new Worker(new URL('worker.js', document.baseURI));
        const finish = (): void => { worker.terminate(); signal.removeEventListener('abort', cancel); };
        const cancel = (): void => { finish(); reject(new CancelledError()); };
        if (signal.aborted) { cancel(); return; }
        signal.addEventListener('abort', cancel, { once: true });
        worker.onmessage = (e: MessageEvent<WorkerReply>) => {
          const reply = e.data;
          if (reply.type === 'progress') progress(reply.rows, reply.fraction, 'reading');
          else if (reply.type === 'evaluating') progress(reply.rows, 1, 'evaluating');
          else if (reply.type === 'done') { finish(); resolve(reply.run); }
          else { finish(); reject(new Error(reply.message)); }
        };
        worker.onerror = (e) => { finish(); reject(new Error(e.message)); };
        // The worker gets its own copy: the page keeps the bytes for the download.
        const copy = bytes.slice(0);
        const request: WorkerRequest = { bytes: copy, options };
        worker.postMessage(request, [copy]);
      });
    },
  };
}

/**
 * The input workbook with the outputs added, written by the same zip-patching writer as the CLI's
 * --out (src/xlsx/patch, loaded now, on demand): every part the outputs do not touch is copied as
 * it is, so formulas, formatting, macros and the date system survive, and memory stays near the
 * size of the file instead of an in-memory model of every cell.
 */
async function resultWorkbook(bytes: ArrayBuffer, run: WorkbookRun, macroEnabled: boolean): Promise<Blob> {
  const { patchXlsx } = await import(/* webpackChunkName: "xlsx-patch" */ '../xlsx/patch');
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  // The writer may reuse its buffers between calls, so each chunk is copied.
  await patchXlsx(new Uint8Array(bytes), run.outputs, (chunk) => { chunks.push(chunk.slice()); });
  return new Blob(chunks, { type: macroEnabled ? XLSM_TYPE : XLSX_TYPE });
}
