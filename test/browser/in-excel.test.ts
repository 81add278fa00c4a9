/**
 * What the page loads inside Excel before its pane can be used (issue 22: at most 200 KB gzip),
 * measured on the built files as Excel starts the shared runtime's page: office.js is replaced by
 * the part of it the page asks for at start, with the documented shapes (Office.onReady resolves
 * with the host and platform; Office.context.displayLanguage; Office.HostType.Excel), so the page
 * takes its Excel path: the workbook session's code, the display language's messages, the pane.
 * Every JavaScript file the page fetches from its own server until the network is quiet with the
 * Evaluate button shown is gzipped (level 9) and summed. scripts/in-excel-size.js counts the same
 * from the chunk graph and fails the build over budget; this checks what really arrives.
 */
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

/** The page opened as Excel starts it; the gzip size of each JavaScript file it fetched from its server. */
async function startInExcel(locale: Locale): Promise<{ page: Page; files: Map<string, number>; errors: string[] }> {
  const { ctx } = await context(pane.browser, { office: 'offline' });
  // Registered last, so it answers office.js before the context's own route refuses it.
  await ctx.route('https://appsforoffice.microsoft.com/**', (route) => route.fulfill({ contentType: 'text/javascript', body: officeAtStart(locale) }));
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
  await Promise.all(pending);
  return { page, files, errors };
}

const total = (files: Map<string, number>): number => [...files.values()].reduce((a, b) => a + b, 0);

test.each(LOCALES)('inside Excel in %s, the page loads at most 200 KB gzip of JavaScript before its pane can be used', async (locale) => {
  const { page, files, errors } = await startInExcel(locale);
  expect(errors).toEqual([]);
  // The Excel path ran: no file picker, the session's chunk and the display language's messages came.
  await expect(page.getByTestId('file-input').count()).resolves.toBe(0);
  const names = [...files.keys()];
  expect(names.filter((f) => f.startsWith('chunks/excel.'))).toHaveLength(1);
  expect(names.filter((f) => f.startsWith('chunks/i18n-'))).toEqual([expect.stringMatching(new RegExp(`^chunks/i18n-${locale}\\.`))]);
  // Nothing that only a run, a chart or a browser's file needs.
  expect(names.filter((f) => /pane-run|excel-chart|browser-file|xlsx-|worker/.test(f))).toEqual([]);
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`Inside Excel (${locale}), at start: ${kb(total(files))} gzip: ${[...files].map(([f, b]) => `${f} ${kb(b)}`).join(', ')}`);
  expect(total(files)).toBeLessThanOrEqual(BUDGET);
  await page.context().close();
});
