/**
 * The pane's download offers the Competency Timeline in both layouts, as the CLI's --timeline:
 * wide by default (two rows a partner, the months as columns), long when chosen (a row per
 * partner and month). In headless Chromium against the built pane, outside Excel, on the sample.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { context, servedPane } from '../support/browser';
import { tempDir } from '../support/cli';

jest.setTimeout(120_000);

const pane = servedPane();

/** Downloads the result and returns its Competency Timeline sheet's rows (values only). */
async function downloadedTimeline(page: Page, name: string): Promise<unknown[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const saved = path.join(tempDir(), name);
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const rows: unknown[][] = [];
  wb.getWorksheet('Competency Timeline')?.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

test('the downloaded workbook has the wide timeline by default and the long one when chosen', async () => {
  const { ctx } = await context(pane.browser, { office: 'local' });
  const page = await ctx.newPage();
  const workers: string[] = [];
  page.on('worker', (w) => { workers.push(path.basename(new URL(w.url()).pathname)); });
  await page.goto(`${pane.url}/taskpane.html?sample=1&asOf=2018-06-30`);
  await page.getByTestId('summary').waitFor();
  const layout = page.getByTestId('timeline-layout');
  await expect(layout.inputValue()).resolves.toBe('wide');

  const wide = await downloadedTimeline(page, 'wide.xlsx');
  // The evaluating worker, then the deflate worker it starts for the download (deflateWorkerZip).
  expect(workers).toEqual(['worker.js', 'deflate-worker.js']);
  expect(wide[0]?.slice(0, 4)).toEqual(['Partner ID', 'Name', 'Measure', '2016-06']);
  expect(wide).toHaveLength(1 + 2 * 10);

  await layout.selectOption('long');
  const long = await downloadedTimeline(page, 'long.xlsx');
  expect(long[0]).toContain('Month');
  expect(long[0]).not.toContain('Measure');
  expect(long).toHaveLength(1 + 37 * 10);
  expect(long.slice(1, 3).map((r) => r[0])).toEqual(['1001', '1001']);

  // Back to wide: the wide workbook again, not the long one kept from before.
  await layout.selectOption('wide');
  expect(await downloadedTimeline(page, 'wide-again.xlsx')).toEqual(wide);
  await ctx.close();
});

test('while the result workbook is prepared, the download button is busy and shows a spinner (fetched outside Excel only)', async () => {
  const { ctx } = await context(pane.browser, { office: 'local' });
  const page = await ctx.newPage();
  // The spinner's chunk is fetched as soon as the results show, before any click.
  const spinnerChunk = page.waitForResponse(/\/chunks\/browser-download\.[^/]*\.js$/);
  await page.goto(`${pane.url}/taskpane.html?sample=1&asOf=2018-06-30`);
  await page.getByTestId('summary').waitFor();
  await spinnerChunk;
  // The worker writes the sample's result in moments, so the busy state is recorded as it
  // happens (a MutationObserver) rather than looked for afterwards, which raced the download.
  await page.waitForTimeout(300); // the fetched module evaluated and its state rendered
  await page.evaluate(() => {
    const w = window as unknown as { sawBusy: boolean; sawSpinner: boolean };
    const button = document.querySelector('[data-testid="download"]') as Element;
    w.sawBusy = false; w.sawSpinner = false;
    new MutationObserver(() => {
      if (button.getAttribute('aria-busy') === 'true') w.sawBusy = true;
      if (button.querySelector('.fui-Spinner')) w.sawSpinner = true;
    }).observe(button, { attributes: true, childList: true, subtree: true });
  });
  const button = page.getByTestId('download');
  const downloaded = page.waitForEvent('download');
  await button.click();
  await downloaded;
  await button.locator('.fui-Spinner').waitFor({ state: 'detached' });
  await expect(button.getAttribute('aria-busy')).resolves.toBe('false');
  await expect(page.evaluate(() => { const w = window as unknown as { sawBusy: boolean; sawSpinner: boolean }; return [w.sawBusy, w.sawSpinner]; })).resolves.toEqual([true, true]);
  await ctx.close();
});
