/**
 * The task pane outside Excel: a workbook file opened in the browser, read and evaluated in a
 * Web Worker (worker.js, built from evaluate.worker.ts: our streaming reader + the same sheets
 * and core code as the CLI), so the page stays responsive and Cancel stops it at once. The
 * result is offered for download with the same outputs as the CLI's --out; ExcelJS is imported
 * only when the user asks for that download, so neither it nor the reader is in the bundle
 * loaded inside Excel.
 */
import type { WorkbookRun } from '../sheets';
import { CancelledError, type Source } from './source';
import type { WorkerReply, WorkerRequest } from './evaluate.worker';

/**
 * A source over an .xlsx file's bytes.
 * @example const source = await fileSource(await file.arrayBuffer(), file.name)
 */
export async function fileSource(bytes: ArrayBuffer, fileName: string): Promise<Source> {
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
      result ??= await resultWorkbook(bytes, run);
      const url = URL.createObjectURL(result);
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName.replace(/\.xlsx?$/i, '') + '-competency.xlsx';
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

/** The input workbook with the outputs added, written by ExcelJS (loaded now, on demand). */
async function resultWorkbook(bytes: ArrayBuffer, run: WorkbookRun): Promise<Blob> {
  const [{ default: ExcelJS }, xlsx] = await Promise.all([import(/* webpackChunkName: "exceljs" */ 'exceljs'), import('../xlsx')]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  xlsx.applyOutputs(wb, run.outputs);
  const buffer = await wb.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
