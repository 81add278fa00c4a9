/**
 * The task pane outside Excel on large workbooks, in headless Chromium against the built files:
 * the file is read and evaluated in a Web Worker, with a progress bar of rows read of about how
 * many (estimated from the bytes read) and Cancel,
 * while the page stays responsive; the same worker writes the result workbook; a million-row
 * workbook completes. The workbooks are written
 * like xlsxwriter writes them (bench/insights.ts), not by the reader under test.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { writeInsightsXlsx } from '../../bench/insights';
import { readXlsxBytes } from '../../src/xlsx/read';
import { context, servedPane } from '../support/browser';
import { tempDir } from '../support/cli';

const pane = servedPane();
const dir = tempDir();

async function paneWith(file: string): Promise<{ page: Page; errors: string[] }> {
  const { ctx } = await context(pane.browser, { office: 'offline' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByText(path.basename(file), { exact: false }).first().waitFor();
  await page.getByTestId('as-of').fill('2018-03-15');
  // The longest time the page's thread went without running a 50 ms timer while the workbook
  // was being read (the part that would block it without a worker).
  await page.evaluate(() => {
    const w = window as unknown as { longestGap: number };
    w.longestGap = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      const progress = document.querySelector('[data-testid="progress"]');
      if (progress && /^Reading/.test(progress.getAttribute('aria-label') ?? '')) w.longestGap = Math.max(w.longestGap, now - last);
      last = now;
    }, 50);
  });
  return { page, errors };
}

const longestGap = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { longestGap: number }).longestGap);
const firstPartner = (page: Page) => page.locator('[data-testid="partner-list"] [role="option"]').first();

test('reads 200,000 rows in a worker: rows read shown on a progress bar, the page responsive throughout', async () => {
  const file = path.join(dir, 'insights-200k.xlsx');
  writeInsightsXlsx(file, { revenue: 200_000, certifications: 20_000, partners: 2_000 }, 3);
  const { page, errors } = await paneWith(file);
  await page.getByTestId('evaluate').click();
  // "Reading rows: 40,000 of about 222,000 (18%)": the total estimated from the share of the sheets' bytes read.
  const line = page.getByText(/^Reading rows: [1-9]\d{0,2}(,\d{3})* of about \d{1,3}(,\d{3})* \(\d{1,2}%\)$/).first();
  await line.waitFor({ timeout: 120_000 });
  const [, total] = /of about ([\d,]+)/.exec(await line.textContent() ?? '') ?? [];
  const estimate = Number((total ?? '').replace(/,/g, ''));
  // 222,002 rows in all (revenue, certifications, partners and their headers).
  expect(estimate).toBeGreaterThan(222_002 * 0.7);
  expect(estimate).toBeLessThan(222_002 * 1.3);
  await expect(page.getByTestId('progress').count()).resolves.toBe(1);
  await firstPartner(page).waitFor({ timeout: 300_000 });
  await expect(page.getByTestId('summary').textContent()).resolves.toMatch(/^[\d,]+ Gold, [\d,]+ Silver, [\d,]+ without a level/);
  await expect(page.getByTestId('sort').selectOption('name')).resolves.toEqual(['name']);
  // The list re-sorts on the page's next render: waited for, not timed (a loaded machine is slow).
  await page.waitForFunction(() => document.querySelector('[data-testid="partner-list"] [role="option"]')?.getAttribute('data-partner')?.startsWith('4000001') === true, undefined, { timeout: 30_000 });
  await expect(firstPartner(page).getAttribute('data-partner')).resolves.toMatch(/^4000001/);
  // Reading 200,000 rows on the page's thread would block it for seconds.
  const gap = await longestGap(page);
  expect(gap).toBeGreaterThan(0); // measured while reading
  expect(gap).toBeLessThan(2_000);

  // The worker that evaluated it writes the result: a status row per partner, a status cell per revenue row.
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.getByTestId('download').click()]);
  const result = readXlsxBytes(new Uint8Array(readFileSync(await download.path())));
  const sheet = (name: string) => result.sheets.find((x) => x.name === name)?.values ?? [];
  expect(sheet('Competency Status').length).toBe(2_001);
  const revenue = sheet('Revenue');
  expect(revenue.length).toBe(200_001);
  expect(revenue[0]?.slice(7, 9)).toEqual(['Counted', 'Reason']);
  expect(revenue.slice(1).every((row) => row[7] === 'Yes' || row[7] === 'No')).toBe(true);
  expect(errors).toEqual([]);
}, 600_000);

test('Cancel stops the worker and the pane is ready again, with no error', async () => {
  const file = path.join(dir, 'insights-cancel.xlsx');
  writeInsightsXlsx(file, { revenue: 300_000, certifications: 30_000, partners: 3_000 }, 5);
  const { page, errors } = await paneWith(file);
  await page.getByTestId('evaluate').click();
  await page.getByTestId('cancel').click({ timeout: 60_000 });
  await page.getByTestId('progress').waitFor({ state: 'detached' });
  await expect(page.getByTestId('evaluate').isEnabled()).resolves.toBe(true);
  await expect(page.getByTestId('summary').count()).resolves.toBe(0);
  await expect(page.getByText('Could not finish', { exact: false }).count()).resolves.toBe(0);
  // Still usable: evaluating again runs to the end.
  await page.getByTestId('evaluate').click();
  await firstPartner(page).waitFor({ timeout: 300_000 });
  await expect(page.getByTestId('summary').textContent()).resolves.toMatch(/^[\d,]+ Gold, [\d,]+ Silver, [\d,]+ without a level/);
  expect(errors).toEqual([]);
}, 600_000);

test('a workbook of 1,000,000 revenue rows completes', async () => {
  const file = path.join(dir, 'insights-1m.xlsx');
  writeInsightsXlsx(file, { revenue: 1_000_000, certifications: 100_000, partners: 10_000 }, 7);
  const { page, errors } = await paneWith(file);
  await page.getByTestId('evaluate').click();
  await page.getByTestId('summary').waitFor({ timeout: 900_000 });
  await expect(page.getByTestId('summary').textContent()).resolves.toMatch(/^[\d,]+ Gold, [\d,]+ Silver, [\d,]+ without a level/);
  expect(errors).toEqual([]);
}, 1_200_000);
