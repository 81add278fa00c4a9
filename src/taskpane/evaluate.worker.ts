/**
 * The task pane's worker outside Excel: reads the workbook's bytes with our streaming reader and
 * evaluates them, off the page's thread, so the pane stays responsive on a million rows and
 * Cancel can stop it at once (the page terminates the worker). The cells never leave the worker:
 * only the run (evaluation, issues, outputs) is posted back. Built as its own entry (worker.js).
 */
import type { Locale } from '../i18n';
import { evaluateWorkbook, type WorkbookOptions, type WorkbookRun } from '../sheets';
import { XlsxError } from '../xlsx/errors';
import { readXlsxBytes } from '../xlsx/read';

/** What the page asks. */
export interface WorkerRequest { readonly bytes: ArrayBuffer; readonly options: WorkbookOptions }

/** What the worker answers: progress while reading, then the run or one line saying why not. */
export type WorkerReply =
  | { readonly type: 'progress'; readonly rows: number; readonly fraction: number }
  | { readonly type: 'evaluating'; readonly rows: number }
  | { readonly type: 'done'; readonly run: WorkbookRun }
  | { readonly type: 'error'; readonly message: string };

/** The worker's global scope, as far as we use it (the DOM lib types `self` as a Window). */
interface Scope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
}

/**
 * Reads and evaluates one workbook, posting progress through `post`.
 * @example handle({ bytes, options: { locale: "en-US", asOf: "2018-06-30" } }, (m) => self.postMessage(m))
 */
export function handle(request: WorkerRequest, post: (reply: WorkerReply) => void): void {
  const locale: Locale = request.options.locale;
  try {
    const input = readXlsxBytes(new Uint8Array(request.bytes), {
      progressEvery: 10_000,
      progress: (rows, fraction) => post({ type: 'progress', rows, fraction }),
    });
    post({ type: 'evaluating', rows: input.sheets.reduce((n, s) => n + s.values.length, 0) });
    post({ type: 'done', run: evaluateWorkbook(input, request.options) });
  } catch (e) {
    post({ type: 'error', message: e instanceof XlsxError ? e.describe(locale) : e instanceof Error ? e.message : String(e) });
  }
}

const scope = globalThis as unknown as Scope;
if (typeof (globalThis as { importScripts?: unknown }).importScripts === 'function') {
  scope.onmessage = (e) => handle(e.data, (reply) => scope.postMessage(reply));
}
