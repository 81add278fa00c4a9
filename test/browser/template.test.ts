/**
 * A workbook with no table the add-in recognises (headless Chromium, built pane): an error banner
 * names the headers looked for and offers a blank template workbook, which our own reader then
 * finds every table in; accessible at 320 px, 1,366 px and in forced colours; keyboard reachable.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { readXlsxBytes } from '../../src/xlsx/read';
import { openRun } from '../../src/sheets';
import { axeViolations } from '../support/axe';
import { context, servedPane } from '../support/browser';
import { tempDir } from '../support/cli';
import { makeXlsx } from '../support/xlsx';

jest.setTimeout(120_000);

const pane = servedPane();
const dir = tempDir();

async function paneWithNoTables(width = 1366, locale = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  const file = path.join(dir, 'notes.xlsx');
  writeFileSync(file, makeXlsx({ Notes: [['Customer list', 'Owner'], ['Fabrikam', 'Ana'], ['Contoso', 'Bo']] }));
  const { ctx } = await context(pane.browser, { office: 'offline', locale });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${pane.url}/taskpane.html`);
  await page.getByTestId('file-input').setInputFiles(file);
  await page.getByText('notes.xlsx', { exact: false }).first().waitFor();
  await page.waitForFunction(() => document.querySelector<HTMLButtonElement>('[data-testid="evaluate"]')?.disabled === false);
  await page.getByTestId('evaluate').click();
  await page.getByTestId('no-tables').waitFor();
  return { page, errors };
}

test('a workbook with no recognisable table gets an error banner naming the headers looked for, and no spurious warning', async () => {
  const { page, errors } = await paneWithNoTables();
  const banner = await page.getByTestId('no-tables').innerText();
  expect(banner).toContain('No table found that the add-in can read');
  expect(banner).toContain('Revenue: looked for a header row with "Product", "Date", and "Amount (USD)"');
  expect(banner).toContain('Certifications: looked for a header row with "Individual", "Exam", and "Date passed"');
  await expect(page.getByText(/no market/).count()).resolves.toBe(0);
  expect(errors).toEqual([]);
});

test('the banner\'s link downloads a blank template workbook that our reader finds every table in', async () => {
  const { page, errors } = await paneWithNoTables();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('template').click()]);
  expect(download.suggestedFilename()).toBe('competency-template.xlsx');
  const saved = path.join(dir, 'template.xlsx');
  await download.saveAs(saved);
  const run = openRun(readXlsxBytes(new Uint8Array(readFileSync(saved))), { locale: 'en-US', asOf: '2018-03-15' });
  expect(run.read.missing).toEqual([]);
  expect(run.read.tables.map((tb) => tb.ref.kind)).toEqual(['revenue', 'certifications', 'partners']);
  // The writer came as its own chunk, on the click.
  expect(errors).toEqual([]);
});

test('the banner and its link are reached by the keyboard alone', async () => {
  const { page } = await paneWithNoTables();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'template');
  }
  expect(reached).toBe(true);
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('competency-template.xlsx');
});

test('the banner is in the pane\'s language', async () => {
  const { page } = await paneWithNoTables(1366, 'de-DE');
  const banner = await page.getByTestId('no-tables').innerText();
  expect(banner).toContain('Keine Tabelle gefunden, die das Add-In lesen kann');
  expect(banner).toContain('Umsatz: gesucht wurde eine Kopfzeile mit "Product", "Date" und "Amount (USD)"');
  await expect(page.getByTestId('template').innerText()).resolves.toBe('Leere Vorlagen-Arbeitsmappe herunterladen');
});

test.each([
  ['at 320 px', 320, 'none'],
  ['at 1,366 px', 1366, 'none'],
  ['in forced colours at 320 px', 320, 'active'],
] as const)('axe-core finds no serious or critical violation with the banner shown %s', async (_, width, forcedColors) => {
  const { page } = await paneWithNoTables(width);
  await page.emulateMedia({ forcedColors });
  await expect(axeViolations(page)).resolves.toEqual([]);
  await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
});
