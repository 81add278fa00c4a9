/**
 * The task pane's worker outside Excel: reads the workbook file with our streaming reader and
 * evaluates it, off the page's thread, so the pane stays responsive on a million rows and Cancel
 * can stop it at once (the page terminates the worker). Built as its own entry (worker.js).
 *
 * The page sends the file as a Blob (posting it copies no bytes), so the page never holds the
 * workbook's bytes in its heap. The cells never leave the worker, and neither do the outputs
 * (status columns beside every input row and the output sheets: built whole on a million rows,
 * 130 MB of cell arrays that took 3 s to clone and 5 s to rebuild on the page). Only what the
 * pane shows (the evaluation, the tables read, the issues) is posted back, as soon as it is
 * known. The worker keeps the bytes and the outputs as sources whose rows are made as the
 * writer asks for them (where the status columns go is decided from the cells, which then go),
 * and writes the result workbook when the user downloads it.
 */
import { loadLocale, LocalizedError, t, type Locale } from '../i18n';
import { isOutputSheet, openRun, runOfResult, type OutputSources, type Run, type RunOptions, type RunResult, type TimelineLayout } from '../sheets';
import { patchXlsx } from '../xlsx/patch';
import { deflateWorkerZip } from './deflateWorker';
import { readFiles, type InputFile } from './readFiles';

/** What the page asks: evaluate a file, then (optionally) the result workbook of that evaluation. */
export type WorkerRequest =
  | { readonly type: 'evaluate'; readonly files: readonly InputFile[]; readonly options: RunOptions }
  | { readonly type: 'download'; readonly mimeType: string; readonly timelineLayout: TimelineLayout };

/** What the worker answers: progress while reading, then the run or one line saying why not. */
export type WorkerReply =
  | { readonly type: 'progress'; readonly rows: number; readonly fraction: number }
  | { readonly type: 'evaluating'; readonly rows: number }
  | { readonly type: 'done'; readonly result: RunResult }
  | { readonly type: 'result'; readonly blob: Blob }
  | { readonly type: 'error'; readonly message: string };

/** Posts a reply. */
export type Post = (reply: WorkerReply) => void;

/** The worker's global scope, as far as we use it (the DOM lib types `self` as a Window). */
interface Scope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
}

/**
 * One worker's state and its answer to each request: an evaluation keeps the file's bytes and
 * the output sources, a download writes them with the CLI's --out writer (src/xlsx/patch).
 * @example const handle = handler((m) => self.postMessage(m)); await handle({ type: "evaluate", file, options })
 */
export function handler(post: Post): (request: WorkerRequest) => Promise<void> {
  // The last evaluation's bytes and outputs, or why its outputs could not be built.
  let kept: { bytes: Uint8Array; run: Run; outputs: OutputSources } | { error: unknown } | null = null;
  let locale: Locale = 'en-US';
  const fail = (e: unknown, during: 'evaluate' | 'download'): void => {
    // In the UI language: the page shows the line as it comes (the error's class stays here).
    // Anything else (a RangeError deep in the writer) is still said in words: what failed, then
    // the engine's own text.
    const described = e instanceof LocalizedError ? e.describe(locale) : null;
    const detail = e instanceof Error ? e.message : String(e);
    post({ type: 'error', message: described ?? (during === 'download' ? t(locale, 'ui.download.failed', { detail }) : detail) });
  };
  return async (request) => {
    try {
      if (request.type === 'download') {
        if (!kept) throw new Error('nothing evaluated');
        if ('error' in kept) throw kept.error;
        const chunks: Uint8Array<ArrayBuffer>[] = [];
        // The other layout than the evaluation's: the same run, its timeline laid out as asked.
        const { run } = kept;
        const outputs = request.timelineLayout === run.options.timelineLayout ? kept.outputs
          : runOfResult({ ...run.result(), options: { ...run.options, timelineLayout: request.timelineLayout } }).outputs();
        // The writer may reuse its buffers between calls, so each chunk is copied. The XML is
        // compressed on a worker of its own while the next rows are patched here.
        const { native, end } = deflateWorkerZip();
        try {
          await patchXlsx(kept.bytes, outputs, (chunk) => { chunks.push(chunk.slice()); }, { isOurs: isOutputSheet, native });
        } finally { end(); }
        post({ type: 'result', blob: new Blob(chunks, { type: request.mimeType }) });
        return;
      }
      locale = request.options.locale;
      kept = null;
      // This worker's copy of the messages fetches its language once (src/i18n/catalogues.lazy.ts).
      await loadLocale(locale).catch(() => loadLocale('en-US')).catch(() => undefined);
      const { input, bytes } = await readFiles(request.files, (rows, fraction) => post({ type: 'progress', rows, fraction }));
      post({ type: 'evaluating', rows: input.sheets.reduce((n, s) => n + s.values.length, 0) });
      // The download's timeline is the wide one unless the pane asks for the long form.
      const run = openRun(input, { ...request.options, timelineLayout: request.options.timelineLayout ?? 'wide' });
      post({ type: 'done', result: run.result() });
      // Only the download needs these; a download asked for meanwhile waits in the queue.
      try {
        // CSV alone: nothing to patch (the pane offers no download for it).
        kept = bytes ? { bytes, run, outputs: run.outputs() } : { error: new Error('no workbook') };
      } catch (e) {
        kept = { error: e };
      }
    } catch (e) {
      fail(e, request.type);
    }
  };
}

const scope = globalThis as unknown as Scope;
if (typeof (globalThis as { importScripts?: unknown }).importScripts === 'function') {
  const handle = handler((reply) => scope.postMessage(reply));
  scope.onmessage = (e) => { void handle(e.data); };
}
