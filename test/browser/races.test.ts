/**
 * One file, one evaluation, one worker at a time (issue 23 item 5), in headless Chromium against
 * the built pane: a file dropped or chosen while another is read cancels that reading and its
 * worker, and the results shown are the new file's; a double click on Evaluate starts one worker.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { writeInsightsXlsx } from '../../bench/insights';
import { context, servedPane } from '../support/browser';
import { tempDir } from '../support/cli';

jest.setTimeout(300_000);

const SAMPLE = path.resolve(__dirname, '../../assets/sample-distributor.xlsx');
const SAMPLE_SUMMARY = '3 Gold, 4 Silver, 3 without a level; 1 at risk';
const pane = servedPane();
const dir = tempDir();

async function openPane(): Promise<{ page: Page; errors: string[]; started: () => number }> {
  const { ctx } = await context(pane.browser, { office: 'offline' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  let workers = 0;
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('worker', () => { workers++; });
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByTestId('evaluate').waitFor();
  return { page, errors, started: () => workers };
}

/** Waits (up to 10 s) until the page has no worker left. */
async function noWorkers(page: Page): Promise<void> {
  for (let i = 0; i < 100 && page.workers().length > 0; i++) await page.waitForTimeout(100);
  expect(page.workers()).toHaveLength(0);
}

/** Drops a file on the drop zone as a user's drag from the desktop would. */
async function drop(page: Page, file: string): Promise<void> {
  const bytes = [...readFileSync(file)];
  const transfer = await page.evaluateHandle(({ bytes, name }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name));
    return dt;
  }, { bytes, name: path.basename(file) });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

test('a file dropped while another is read cancels that reading and its worker; the results are the new file\'s', async () => {
  const big = path.join(dir, 'big.xlsx');
  writeInsightsXlsx(big, { revenue: 200_000, certifications: 20_000, partners: 2_000 }, 11);
  const { page, errors } = await openPane();
  await page.getByTestId('file-input').setInputFiles(big);
  await page.getByText('big.xlsx is open').waitFor();
  await page.getByTestId('as-of').fill('2018-06-30');
  await page.getByTestId('evaluate').click();
  await page.getByText(/Reading rows: [1-9][\d,]* of about [\d,]+/).first().waitFor({ timeout: 120_000 });
  expect(page.workers()).toHaveLength(1);
  const ended = page.workers()[0]?.waitForEvent('close');

  await drop(page, SAMPLE);
  await page.getByText('sample-distributor.xlsx is open').waitFor();
  await ended;
  expect(page.workers()).toHaveLength(0);
  await expect(page.getByTestId('progress').count()).resolves.toBe(0);
  await expect(page.getByTestId('summary').count()).resolves.toBe(0);

  await page.getByTestId('evaluate').click();
  await expect(page.getByTestId('summary').textContent()).resolves.toBe(SAMPLE_SUMMARY);
  // Long enough for the first file's reading to have finished had it gone on: nothing of it shows.
  await page.waitForTimeout(3_000);
  await expect(page.getByTestId('summary').textContent()).resolves.toBe(SAMPLE_SUMMARY);
  await expect(page.getByText('sample-distributor.xlsx is open').count()).resolves.toBe(1);
  expect(page.workers()).toHaveLength(1); // kept for the download of the sample's result
  expect(errors).toEqual([]);
});

test('a file chosen while another is read replaces it the same way', async () => {
  const big = path.join(dir, 'big2.xlsx');
  writeInsightsXlsx(big, { revenue: 200_000, certifications: 20_000, partners: 2_000 }, 13);
  const { page, errors } = await openPane();
  await page.getByTestId('file-input').setInputFiles(big);
  await page.getByText('big2.xlsx is open').waitFor();
  await page.getByTestId('as-of').fill('2018-06-30');
  await page.getByTestId('evaluate').click();
  await page.getByText(/Reading rows: [1-9][\d,]* of about [\d,]+/).first().waitFor({ timeout: 120_000 });
  await page.getByTestId('file-input').setInputFiles(SAMPLE);
  await page.getByText('sample-distributor.xlsx is open').waitFor();
  await noWorkers(page);
  await page.getByTestId('evaluate').click();
  await expect(page.getByTestId('summary').textContent()).resolves.toBe(SAMPLE_SUMMARY);
  expect(errors).toEqual([]);
});

test('two Evaluate clicks before the button is disabled start one worker, and Cancel leaves none', async () => {
  const { page, errors, started } = await openPane();
  await page.getByTestId('file-input').setInputFiles(SAMPLE);
  await page.getByText('sample-distributor.xlsx is open').waitFor();
  await page.getByTestId('as-of').fill('2018-06-30');
  // Both clicks land in the same task, before React re-renders the button as disabled.
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('[data-testid="evaluate"]');
    button?.click();
    button?.click();
  });
  await expect(page.getByTestId('summary').textContent()).resolves.toBe(SAMPLE_SUMMARY);
  expect(started()).toBe(1);
  expect(page.workers()).toHaveLength(1);

  const big = path.join(dir, 'big3.xlsx');
  writeInsightsXlsx(big, { revenue: 200_000, certifications: 20_000, partners: 2_000 }, 17);
  await page.getByTestId('file-input').setInputFiles(big);
  await page.getByText('big3.xlsx is open').waitFor();
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('[data-testid="evaluate"]');
    button?.click();
    button?.click();
  });
  await page.getByTestId('cancel').click({ timeout: 60_000 });
  await page.getByTestId('progress').waitFor({ state: 'detached' });
  expect(started()).toBe(2);
  await noWorkers(page);
  expect(errors).toEqual([]);
});
