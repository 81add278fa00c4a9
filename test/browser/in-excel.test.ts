/**
 * What the page loads inside Excel (issue 22: at most 200 KB gzip at start, and in all in normal
 * use), measured on the built files as Excel starts the shared runtime's page: office.js is
 * replaced by the part of it the page asks for at start, with the documented shapes
 * (Office.onReady resolves with the host and platform; Office.context.displayLanguage;
 * Office.HostType.Excel), so the page takes its Excel path: the workbook session's code, the
 * display language's messages, the pane. Every JavaScript file the page fetches from its own
 * server until the network is quiet with the Evaluate button shown is gzipped (level 9) and
 * summed; then, with test/support/in-excel-host's in-memory workbook answering Excel.run, the
 * pane evaluates, a partner's card opens and draws its chart in Excel, and everything fetched by
 * then is summed again. scripts/in-excel-size.js counts the same from the chunk graph and fails
 * the build over budget; this checks what really arrives.
 */
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { LOCALES, type Locale } from '../../src/i18n';
import { context, servedPane } from '../support/browser';

jest.setTimeout(120_000);

const pane = servedPane();
const BUDGET = 200 * 1024;

/** office.js as far as the page uses it at start inside Excel; Excel never answers a batch (none is needed to show the pane). */
function officeAtStart(locale: Locale): string {
  return `window.Office = {
    HostType: { Excel: 'Excel' },
    onReady: function () { return Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }); },
    context: { displayLanguage: ${JSON.stringify(locale)}, requirements: { isSetSupported: function () { return false; } } },
  };
  window.Excel = { run: function () { return new Promise(function () {}); } };
  window.CustomFunctions = { associate: function () {}, Error: Error, ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' } };`;
}

/** test/support/in-excel-host.ts as one script for the page (esbuild, as test/support/excel-web does). */
async function workbookHost(): Promise<string> {
  const esbuild = await import('esbuild');
  const out = await esbuild.build({ entryPoints: [path.join(__dirname, '../support/in-excel-host.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent' });
  return out.outputFiles[0]?.text ?? '';
}

/**
 * The page opened as Excel starts it; the gzip size of each JavaScript file it fetched from its
 * server (the map fills on as the page fetches more). With `host`, Excel.run has a workbook.
 */
async function startInExcel(locale: Locale, host = ''): Promise<{ page: Page; files: Map<string, number>; errors: string[]; fetched: () => Promise<void> }> {
  const { ctx } = await context(pane.browser, { office: 'offline' });
  // Registered last, so it answers office.js before the context's own route refuses it.
  await ctx.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: `${officeAtStart(locale)}\n${host}` }));
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const files = new Map<string, number>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== pane.url || !url.pathname.endsWith('.js')) return;
    pending.push(response.body().then((body) => { files.set(url.pathname.slice(1), gzipSync(body, { level: 9 }).length); }));
  });
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByTestId('evaluate').waitFor();
  await page.waitForLoadState('networkidle');
  // A file is in `files` once its body has been read: wait for every body fetched so far.
  const fetched = async (): Promise<void> => { await Promise.all(pending); };
  await fetched();
  return { page, files, errors, fetched };
}

const total = (files: Map<string, number>): number => [...files.values()].reduce((a, b) => a + b, 0);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const listed = (files: Map<string, number>): string => [...files].map(([f, b]) => `${f} ${kb(b)}`).join(', ');

test.each(LOCALES)('inside Excel in %s, the page loads at most 200 KB gzip of JavaScript before its pane can be used', async (locale) => {
  const { page, files, errors } = await startInExcel(locale);
  expect(errors).toEqual([]);
  // The Excel path ran: no file picker, the session's chunk and the display language's messages came.
  await expect(page.getByTestId('file-input').count()).resolves.toBe(0);
  const names = [...files.keys()];
  expect(names.filter((f) => f.startsWith('chunks/excel.'))).toHaveLength(1);
  expect(names.filter((f) => f.startsWith('chunks/i18n-'))).toEqual([expect.stringMatching(new RegExp(`^chunks/i18n-${locale}\\.`))]);
  // Nothing that only a run, a chart or a browser's file needs.
  expect(names.filter((f) => /pane-run|excel-chart|browser-|xlsx-|worker/.test(f))).toEqual([]);
  console.log(`Inside Excel (${locale}), at start: ${kb(total(files))} gzip: ${listed(files)}`);
  expect(total(files)).toBeLessThanOrEqual(BUDGET);
  await page.context().close();
});

test.each(LOCALES)('inside Excel in %s, evaluating, opening a card and drawing its chart in Excel loads at most 200 KB gzip of JavaScript in all', async (locale) => {
  const { page, files, errors, fetched } = await startInExcel(locale, await workbookHost());
  await page.getByTestId('evaluate').click();
  await page.getByTestId('summary').waitFor();
  await page.locator('[data-partner="P1"]').click();
  await page.getByTestId('partner-card').getByTestId('excel-chart').click();
  // The chart reached the workbook (the stand-in's Excel.run), so its code had arrived.
  await page.waitForFunction(() => (window as unknown as { Excel: { chartsDrawn?: number } }).Excel.chartsDrawn === 1);
  await page.waitForLoadState('networkidle');
  // The chart's chunk may have arrived with its body still being read: `files` is filled then.
  await fetched();
  expect(errors).toEqual([]);
  const names = [...files.keys()];
  for (const chunk of ['excel', 'pane-run', 'excel-chart']) expect([chunk, names.filter((f) => f.startsWith(`chunks/${chunk}.`)).length]).toEqual([chunk, 1]);
  expect(names.filter((f) => f.startsWith('chunks/i18n-'))).toEqual([expect.stringMatching(new RegExp(`^chunks/i18n-${locale}\\.`))]);
  // Nothing that only a browser's file needs.
  expect(names.filter((f) => /browser-|xlsx-|template|worker/.test(f))).toEqual([]);
  console.log(`Inside Excel (${locale}), in all: ${kb(total(files))} gzip: ${listed(files)}`);
  expect(total(files)).toBeLessThanOrEqual(BUDGET);
  await page.context().close();
});
