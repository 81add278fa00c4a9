/**
 * Files as they come, in the pane outside Excel (headless Chromium, built pane): CSV/TSV files
 * chosen together give the CLI's levels; a file that cannot be an input is refused when chosen,
 * naming it, before Evaluate.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { context, servedPane } from '../support/browser';
import { runCli, tempDir } from '../support/cli';

jest.setTimeout(120_000);

const pane = servedPane();
const dir = tempDir();

// A European Excel's CSV (semicolons, decimal commas, day-first dates) and a TSV.
const REVENUE = [
  'Partner ID;Product;Date;Amount (USD);DPOR',
  'P1;CRM Online;05/01/2018;320.000,00;Yes',
  'P2;CRM Online;10/06/2017;120.000,00;Yes',
  'P2;Azure;05/01/2018;99.999,00;Yes',
  'P3;CRM Online;15/02/2018;10,00;No',
].join('\r\n');
const CERTS = [
  ['Partner ID', 'Individual', 'Exam', 'Date passed'],
  ...['Ana', 'Bo'].flatMap((n) => [['P1', n, 'MB2-714', '2017-06-01'], ['P1', n, 'MB2-710', '2017-06-01']]),
  ['P1', 'Cy', 'MB2-712', '2017-06-01'], ['P1', 'Dan', 'MB2-707', '2017-06-01'],
  ['P2', 'Di', 'MB2-713', '2017-06-01'], ['P2', 'Di', 'MB2-706', '2017-06-01'], ['P2', 'Ed', 'MB2-712', '2017-06-01'],
].map((r) => r.join('\t')).join('\n');

async function openPane(): Promise<{ page: Page; errors: string[] }> {
  const { ctx } = await context(pane.browser, { office: 'offline' });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByTestId('evaluate').waitFor();
  return { page, errors };
}

test('a CSV and a TSV chosen together give the same levels as the CLI', async () => {
  const revenue = path.join(dir, 'revenue.csv');
  const certs = path.join(dir, 'certifications.tsv');
  writeFileSync(revenue, REVENUE, 'latin1');
  writeFileSync(certs, CERTS);
  const cli = await runCli(['evaluate', revenue, certs, '--as-of', '2018-03-15', '--json']);
  expect(cli.code).toBe(0);
  const expected = (JSON.parse(cli.stdout) as { partners: { partnerId: string; level: string }[] }).partners.map((p) => [p.partnerId, p.level]);
  expect(expected).toEqual([['P1', 'gold'], ['P2', 'silver'], ['P3', 'none']]);

  const { page, errors } = await openPane();
  await page.getByTestId('file-input').setInputFiles([revenue, certs]);
  await page.getByText('revenue.csv, certifications.tsv is open').waitFor();
  await page.getByTestId('as-of').fill('2018-03-15');
  await page.getByTestId('evaluate').click();
  await page.getByTestId('summary').waitFor();
  const levels = await page.getByTestId('partner-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-partner'), r.querySelector('[data-testid="row-level"]')?.textContent?.toLowerCase()]));
  expect(levels.sort()).toEqual(expected);
  // No workbook to put the results in: no download offered.
  await expect(page.getByTestId('download').count()).resolves.toBe(0);
  expect(errors).toEqual([]);
});

test.each([
  ['picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]), 'picture.png is not a workbook or CSV file'],
  ['renamed.xlsx', Buffer.from('MPNId,Product\n1,Sales\n'), 'renamed.xlsx: not an .xlsx workbook'],
])('%s is refused when chosen, in one line naming it, before Evaluate', async (name, bytes, line) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  const { page, errors } = await openPane();
  await page.getByTestId('file-input').setInputFiles(file);
  const banner = page.getByText(line, { exact: false });
  await banner.waitFor();
  await expect(page.getByText(`${name} is open`).count()).resolves.toBe(0);
  await expect(page.getByTestId('evaluate').isDisabled()).resolves.toBe(true);
  expect(errors).toEqual([]);
});
