/**
 * The language picker (headless Chromium, built pane): it starts in the browser's language
 * outside Excel, switching fetches the chosen language's chunk and no other, evaluates in it, the
 * pick is remembered when the pane opens again; reachable by keyboard; axe-core clean.
 */
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { context, servedPane } from '../support/browser';

jest.setTimeout(120_000);

const pane = servedPane();
const SAMPLE = path.resolve(__dirname, '../../assets/sample-distributor.xlsx');

async function open(ctx: BrowserContext, query = ''): Promise<{ page: Page; chunks: string[] }> {
  const page = await ctx.newPage();
  const chunks: string[] = [];
  page.on('request', (r) => { const m = /i18n-([\w-]+)/.exec(r.url()); if (m?.[1]) chunks.push(m[1]); });
  await page.goto(`${pane.url}/taskpane.html${query}`);
  await page.getByTestId('evaluate').waitFor();
  return { page, chunks };
}

test('picking a language switches the pane, fetches that language only, evaluates in it, and is remembered', async () => {
  const { ctx } = await context(pane.browser, { office: 'offline', locale: 'en-US' });
  const { page, chunks } = await open(ctx);
  await expect(page.getByTestId('language').inputValue()).resolves.toBe('en-US');
  await expect(page.locator('h1').textContent()).resolves.toBe('Cloud CRM competency');
  const before = [...chunks];
  await page.getByTestId('language').selectOption('de-DE');
  await page.locator('h1', { hasText: 'Cloud CRM-Kompetenz' }).waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('de-DE');
  expect(chunks.slice(before.length).filter((c) => c !== 'de-DE')).toEqual([]);
  expect(chunks).toContain('de-DE');
  // Evaluated in the language picked: the worker speaks it too, numbers in its style.
  await page.getByTestId('file-input').setInputFiles(SAMPLE);
  await page.getByTestId('as-of').fill('2018-06-30');
  await page.getByTestId('evaluate').click();
  await expect(page.getByTestId('summary').textContent()).resolves.toBe('3 Gold, 4 Silver, 3 ohne Stufe; 1 gefährdet');
  // Opened again (same browser profile): German from the start, no English chunk fetched.
  const again = await open(ctx);
  await expect(again.page.locator('h1').textContent()).resolves.toBe('Cloud CRM-Kompetenz');
  await expect(again.page.getByTestId('language').inputValue()).resolves.toBe('de-DE');
  expect(again.chunks).toEqual(['de-DE']);
  await ctx.close();
});

test('the picker names each language in itself and is the first control the keyboard reaches', async () => {
  const { ctx } = await context(pane.browser, { office: 'offline', locale: 'ko-KR' });
  const { page } = await open(ctx);
  await expect(page.getByTestId('language').inputValue()).resolves.toBe('ko-KR');
  const names = await page.getByTestId('language').locator('option').allTextContents();
  expect(names).toHaveLength(6);
  expect(names[0]).toBe('English (United States)');
  expect(names[2]).toMatch(/^Deutsch/);
  expect(names[4]).toMatch(/^한국어/);
  await page.keyboard.press('Tab');
  await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('language');
  await ctx.close();
});

test.each([
  ['at 320 px', 320, 'none'],
  ['at 1,366 px', 1366, 'none'],
  ['in forced colours at 320 px', 320, 'active'],
] as const)('axe-core finds no serious or critical violation with the picker %s; nothing scrolls sideways', async (_, width, forcedColors) => {
  const { ctx } = await context(pane.browser, { office: 'offline' });
  const { page } = await open(ctx);
  await page.setViewportSize({ width, height: 900 });
  await page.emulateMedia({ forcedColors });
  await expect(axeViolations(page)).resolves.toEqual([]);
  await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
  await ctx.close();
});
