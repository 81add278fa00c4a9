/**
 * Excel on the web, as far as request sizes go: the real Excel web script from
 * @microsoft/office-js (excel-web-16.00.debug.js) runs in headless Chromium, and
 * `new Excel.RequestContext(url)` sends its ProcessQuery requests to a local server here instead
 * of to Excel. The server records the size of every request body and answers it the way Excel
 * does: loads are answered from a generated workbook (sheet names, used ranges, values), so the
 * adapter's read path is measured too; writes are acknowledged. Like Excel on the web, a
 * request or response over 5 MB is refused with RequestPayloadSizeLimitExceeded /
 * ResponsePayloadSizeLimitExceeded, and like Excel a text over 32,767 characters in a cell is
 * refused (InvalidArgument).
 *
 * The page runs the adapter itself (src/office/excel.ts and src/sheets, bundled with esbuild):
 * read -> evaluate -> write, exactly as the task pane does inside Excel.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';

const ROOT = path.resolve(__dirname, '../..');
const EXCEL_WEB = path.join(ROOT, 'node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js');
/** What Excel on the web refuses: 5 MB (the adapter aims at 4). */
export const EXCEL_WEB_LIMIT = 5 * 1024 * 1024;

type Value = string | number | boolean;

/** A sheet whose rows are made on demand (a million rows are never held in memory here). */
export interface GeneratedSheet {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly row: (r: number) => readonly Value[];
  /** Worksheet.visibility; absent: "Visible". */
  readonly visibility?: 'Hidden' | 'VeryHidden';
}

/** What one ProcessQuery carried. */
export interface QueryRecord {
  readonly phase: string;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Excel would refuse it: over 5 MB either way, or a cell text over 32,767 characters. */
  readonly refused: 'request' | 'response' | null;
  readonly actions: number;
  readonly setProperties: Readonly<Record<string, number>>;
}

/** What the page reports after reading, evaluating and writing. */
export interface PageRun {
  readonly issues: number;
  readonly partners: number;
  readonly statusRows: number;
  readonly issueRows: number;
  /** Cells of the issues sheet that link to the cell of their issue. */
  readonly issueLinks: number;
  /** The adapter's own estimate of each write sync's request, in order. */
  readonly writeEstimates: readonly number[];
  readonly readRows: number;
  /** The sheets whose values were read, and the hidden ones named instead (with the warning's text). */
  readonly sheetsRead: readonly string[];
  readonly hiddenSheets: readonly string[];
  readonly hiddenWarnings: readonly string[];
}

interface ObjectPathInfo { Id: number; ObjectPathType: number; Name: string; ParentObjectPathId?: number; ArgumentInfo?: { Arguments?: unknown[] } }
interface ActionInfo { Id: number; ActionType: number; Name: string; ObjectPathId: number; QueryInfo?: { Select?: string[] }; ArgumentInfo?: { Arguments?: unknown[] } }

/** What an object path points at, as far as answering loads needs. */
type Target =
  | { kind: 'workbook' | 'worksheets' | 'other' }
  | { kind: 'sheet'; sheet: GeneratedSheet | null }
  | { kind: 'tables'; sheet: GeneratedSheet | null }
  | { kind: 'range'; sheet: GeneratedSheet | null; r: number; c: number; rows: number; cols: number; used?: boolean };

function utf8(s: string): number { return Buffer.byteLength(s, 'utf8'); }

/** The Excel-side answer to one request body. */
/** Cells a user has typed since the sheets were generated: "Sheet!row,col" (0-based) to the new value. */
type Edits = ReadonlyMap<string, Value>;

function answer(sheets: readonly GeneratedSheet[], body: { Actions: ActionInfo[]; ObjectPaths: Record<string, ObjectPathInfo> }, edits: Edits = new Map()): string {
  const cache = new Map<number, Target>();
  const resolve = (id: number): Target => {
    const hit = cache.get(id);
    if (hit) return hit;
    const p = body.ObjectPaths[String(id)];
    let t: Target = { kind: 'other' };
    if (p) {
      const parent = p.ParentObjectPathId === undefined ? undefined : resolve(p.ParentObjectPathId);
      const args = p.ArgumentInfo?.Arguments ?? [];
      if (p.ObjectPathType === 1) t = { kind: 'workbook' };
      else if (p.ObjectPathType === 4 && p.Name === 'Worksheets') t = { kind: 'worksheets' };
      else if (p.ObjectPathType === 4 && p.Name === 'Tables' && parent?.kind === 'sheet') t = { kind: 'tables', sheet: parent.sheet };
      else if (p.ObjectPathType === 5 && parent?.kind === 'worksheets') {
        const key = String(args[0]);
        t = { kind: 'sheet', sheet: sheets.find((s) => s.name === key || sheetId(s) === key) ?? null };
      } else if (p.ObjectPathType === 3 && parent?.kind === 'sheet' && p.Name === 'GetUsedRangeOrNullObject') {
        const s = parent.sheet;
        t = { kind: 'range', sheet: s, r: 0, c: 0, rows: s ? s.rows : 0, cols: s ? s.cols : 0, used: true };
      } else if (p.ObjectPathType === 3 && parent?.kind === 'sheet' && p.Name === 'GetRangeByIndexes') {
        const [r, c, rows, cols] = args as number[];
        t = { kind: 'range', sheet: parent.sheet, r: r ?? 0, c: c ?? 0, rows: rows ?? 0, cols: cols ?? 0 };
      }
    }
    cache.set(id, t);
    return t;
  };
  const results: string[] = [];
  for (const a of body.Actions) {
    if (a.ActionType === 1) {
      const t = resolve(a.ObjectPathId);
      const isNull = t.kind === 'range' && t.used === true && (t.sheet === null || t.sheet.rows === 0);
      results.push(`{"ActionId":${a.Id},"Value":${isNull ? 'null' : '{}'}}`);
    } else if (a.ActionType === 2) {
      results.push(`{"ActionId":${a.Id},"Value":${query(resolve(a.ObjectPathId), sheets, a.QueryInfo?.Select ?? [], edits)}}`);
    } else if (a.ActionType === 3) {
      results.push(`{"ActionId":${a.Id},"Value":null}`);
    }
  }
  return `{"Results":[${results.join(',')}]}`;
}

function sheetId(s: GeneratedSheet): string { return `{${s.name}}`; }

function query(t: Target, sheets: readonly GeneratedSheet[], select: readonly string[], edits: Edits): string {
  const wants = (p: string): boolean => select.length === 0 || select.some((s) => s === p || s.startsWith(`items/${p}`) || s === `items/${p}`);
  if (t.kind === 'worksheets') return JSON.stringify({ _Items: sheets.map((s) => ({ Id: sheetId(s), Name: s.name, Visibility: s.visibility ?? 'Visible' })) });
  if (t.kind === 'tables') return '{"_Items":[]}';
  if (t.kind === 'range') {
    if (t.used === true && (t.sheet === null || t.sheet.rows === 0)) return 'null';
    const parts: string[] = [];
    if (wants('rowIndex')) parts.push(`"RowIndex":${t.r}`);
    if (wants('columnIndex')) parts.push(`"ColumnIndex":${t.c}`);
    if (wants('rowCount')) parts.push(`"RowCount":${t.rows}`);
    if (wants('columnCount')) parts.push(`"ColumnCount":${t.cols}`);
    if (select.includes('values')) {
      const s = t.sheet;
      const rows: string[] = [];
      for (let i = 0; i < t.rows; i++) {
        const src = s && t.r + i < s.rows ? s.row(t.r + i) : [];
        const row: Value[] = [];
        for (let j = 0; j < t.cols; j++) row.push((s && edits.size > 0 ? edits.get(`${s.name}!${t.r + i},${t.c + j}`) : undefined) ?? src[t.c + j] ?? '');
        rows.push(JSON.stringify(row));
      }
      parts.push(`"Values":[${rows.join(',')}]`);
    }
    return `{${parts.join(',')}}`;
  }
  return '{}';
}

/** A running harness: the server, the browser, and the page with Office.js and the adapter. */
export interface ExcelWeb {
  /** Reads the given workbook, evaluates it and writes the outputs, as the task pane would. */
  run(sheets: readonly GeneratedSheet[], options?: { asOf?: string; locale?: string }): Promise<{ page: PageRun; queries: QueryRecord[] }>;
  /** Runs code in the page with a RequestContext pointed at the server (for calibration). */
  evaluate<T, A>(fn: (arg: A & { url: string }) => Promise<T>, arg: A, sheets?: readonly GeneratedSheet[]): Promise<{ result: T; queries: QueryRecord[] }>;
  close(): Promise<void>;
}

async function bundle(entry: string): Promise<string> {
  // esbuild (a dev dependency of its own, also used by tsx) bundles the adapter for the page in well under a second.
  const esbuild = await import('esbuild');
  const out = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent' });
  return out.outputFiles[0]?.text ?? '';
}

/**
 * Starts the server and Chromium, and opens the page.
 * @example const web = await startExcelWeb(); const { queries } = await web.run([revenueSheet]); await web.close()
 */
export async function startExcelWeb(): Promise<ExcelWeb> {
  const adapter = await bundle(path.join(__dirname, 'excel-web-page.ts'));
  const excelWeb = readFileSync(EXCEL_WEB);
  let sheets: readonly GeneratedSheet[] = [];
  let phase = 'read';
  let queries: QueryRecord[] = [];
  const edits = new Map<string, Value>();
  const html = '<!doctype html><html><head><meta charset="utf-8"><script src="/excel-web.js"></script><script src="/adapter.js"></script></head><body></body></html>';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET') {
      const files: Record<string, [string, string | Buffer]> = { '/': ['text/html', html], '/excel-web.js': ['text/javascript', excelWeb], '/adapter.js': ['text/javascript', adapter] };
      const file = files[url.pathname];
      if (file) { res.writeHead(200, { 'content-type': file[0] }); res.end(file[1]); return; }
      // A user's edit of one cell (the page asks, as Excel would apply a typed value): later reads see it.
      if (url.pathname === '/edit') { edits.set(`${url.searchParams.get('sheet') ?? ''}!${url.searchParams.get('row') ?? ''},${url.searchParams.get('col') ?? ''}`, Number(url.searchParams.get('value'))); res.writeHead(204); res.end(); return; }
      if (url.pathname === '/phase') { phase = url.searchParams.get('name') ?? phase; res.writeHead(204); res.end(); return; }
      res.writeHead(404); res.end(); return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const requestBytes = raw.length;
      const body = JSON.parse(raw.toString('utf8')) as { Actions: ActionInfo[]; ObjectPaths: Record<string, ObjectPathInfo> };
      const setProperties: Record<string, number> = {};
      for (const a of body.Actions) if (a.ActionType === 4) setProperties[a.Name] = (setProperties[a.Name] ?? 0) + 1;
      const refuse = (code: string): void => {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code, message: `Excel on the web refuses more than ${EXCEL_WEB_LIMIT} bytes` } }));
      };
      if (requestBytes > EXCEL_WEB_LIMIT) {
        queries.push({ phase, requestBytes, responseBytes: 0, refused: 'request', actions: body.Actions.length, setProperties });
        refuse('RequestPayloadSizeLimitExceeded');
        return;
      }
      // Excel keeps at most 32,767 characters in a cell and refuses a request that sets a longer text.
      const tooLong = body.Actions.some((a) => a.ActionType === 4 && a.Name === 'Values' && (a.ArgumentInfo?.Arguments?.[0] as unknown[][] | undefined)?.some((row) => row.some((x) => typeof x === 'string' && x.length > 32767)));
      if (tooLong) {
        queries.push({ phase, requestBytes, responseBytes: 0, refused: 'request', actions: body.Actions.length, setProperties });
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'InvalidArgument', message: 'A cell text is longer than 32,767 characters' } }));
        return;
      }
      const text = answer(sheets, body, edits);
      const responseBytes = utf8(text);
      const refused = responseBytes > EXCEL_WEB_LIMIT ? 'response' : null;
      queries.push({ phase, requestBytes, responseBytes, refused, actions: body.Actions.length, setProperties });
      if (refused) { refuse('ResponsePayloadSizeLimitExceeded'); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser: Browser = await launch();
  const page: Page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/`);

  const ready = async (): Promise<void> => {
    await page.waitForFunction(() => typeof (window as unknown as { harness?: unknown }).harness === 'object' && typeof Excel === 'object');
    if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`);
  };
  await ready();
  // Each run on a freshly loaded page: nothing a previous run left in the heap slows the next.
  const fresh = async (s: readonly GeneratedSheet[]): Promise<void> => {
    await page.reload();
    await ready();
    sheets = s; queries = []; phase = 'read'; edits.clear();
  };
  return {
    async run(s, options = {}) {
      await fresh(s);
      const result = await page.evaluate(
        ({ url, asOf, locale }) => (window as unknown as { harness: { run(u: string, a: string, l: string): Promise<PageRun> } }).harness.run(url, asOf, locale),
        { url: base, asOf: options.asOf ?? '2018-03-15', locale: options.locale ?? 'en-US' },
      );
      return { page: result, queries };
    },
    async evaluate(fn, arg, s = []) {
      await fresh(s);
      phase = 'calibration';
      const result = await page.evaluate(fn, { ...arg, url: base } as never);
      return { result, queries };
    },
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
