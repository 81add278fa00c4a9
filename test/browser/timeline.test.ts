/**
 * Each partner card's timeline chart and what-if, in headless Chromium against the built pane
 * (outside Excel, on the sample workbook): the chart and its text alternative, a ticked exam
 * plan item drawn as its own what-if line while the real answer stays as it is, bad what-if
 * input, and axe-core.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { context, servedPane } from '../support/browser';

jest.setTimeout(120_000);

const pane = servedPane();
let page: Page;

beforeAll(async () => {
  const { ctx } = await context(pane.browser, { office: 'local' });
  page = await ctx.newPage();
  await page.goto(`${pane.url}/taskpane.html?sample=1&asOf=2018-06-30`);
  await page.getByTestId('summary').waitFor();
});

/** Opens a partner's card from the overview (by its row) and returns the card. */
async function card(label: string): Promise<Locator> {
  const id = /\((\d+)\)$/.exec(label)?.[1] ?? '';
  await page.locator(`[data-partner="${id}"]`).click();
  const c = page.locator(`[data-testid="partner-card"][aria-label="${label}"]`);
  await c.waitFor();
  return c;
}

test('every card draws its timeline chart with a text alternative: a name, a summary and a table of every month', async () => {
  const chart = (await card('Contoso Brasil Ltda (1001)')).getByTestId('timeline-chart');
  await expect(page.getByTestId('timeline-chart').count()).resolves.toBe(1);
  const svg = chart.locator('svg');
  await expect(svg.getAttribute('role')).resolves.toBe('img');
  await expect(svg.getAttribute('aria-label')).resolves.toMatch(/^Timeline of Contoso Brasil Ltda: TTM revenue against the Silver and Gold thresholds$/);
  const describedBy = await svg.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${describedBy ?? ''}"]`).textContent()).resolves.toMatch(/^Gold as of 2018-06-30, TTM revenue US\$ [\d,]+\. Gold now/);
  await expect(chart.getByTestId('chart-table').locator('tbody tr').count()).resolves.toBe(37);
  // The chart has a size on screen, and the hidden table does not take any.
  const box = await svg.boundingBox();
  expect(box?.width).toBeGreaterThan(200);
  const tableBox = await chart.getByTestId('chart-table').boundingBox();
  expect((tableBox?.width ?? 0) * (tableBox?.height ?? 0)).toBeLessThanOrEqual(1);
});

test('the chart takes keyboard focus and the arrow keys announce the months', async () => {
  const chart = (await card('Contoso Brasil Ltda (1001)')).getByTestId('timeline-chart');
  await chart.locator('svg').focus();
  await expect(chart.getByTestId('chart-readout').textContent()).resolves.toMatch(/^Jun 2018: TTM revenue US\$ [\d,]+, Gold$/);
  await page.keyboard.press('ArrowRight');
  await expect(chart.getByTestId('chart-readout').textContent()).resolves.toMatch(/^Jul 2018: TTM revenue US\$ [\d,]+, \w+ \(Forecast\)$/);
  await page.keyboard.press('Home');
  await expect(chart.getByTestId('chart-readout').textContent()).resolves.toMatch(/^Jun 2016: /);
});

test('the chart has a y-axis in compact amounts and named Silver and Gold lines; hovering a month shows the readout the arrow keys give', async () => {
  const chart = (await card('Contoso Brasil Ltda (1001)')).getByTestId('timeline-chart');
  const ticks = await chart.getByTestId('y-tick').allTextContents();
  expect(ticks[0]).toBe('US$ 0');
  for (const tick of ticks.slice(1)) expect(tick).toMatch(/^US\$ \d+(\.\d)?[KM]$/);
  await expect(chart.getByTestId('silver-label').textContent()).resolves.toBe('Silver');
  await expect(chart.getByTestId('gold-label').textContent()).resolves.toBe('Gold');
  await expect(chart.getByTestId('chart-legend').textContent()).resolves.toBe('TTM revenueForecastSilver thresholdGold thresholdAs-of dateMonth at SilverMonth at Gold');
  // Hover the sixth month: the readout says what Home and five arrow presses say.
  const svg = chart.locator('svg');
  const box = await svg.boundingBox();
  const cx = Number(await chart.locator('circle').nth(5).getAttribute('cx'));
  await page.mouse.move((box?.x ?? 0) + cx, (box?.y ?? 0) + 40);
  const hovered = await chart.getByTestId('chart-readout').textContent();
  expect(hovered).toMatch(/^Nov 2016: TTM revenue US\$ [\d,]+, \w+$/);
  await expect(chart.getByTestId('chart-cursor').count()).resolves.toBe(1);
  await page.mouse.move(0, 0);
  await expect(chart.getByTestId('chart-readout').textContent()).resolves.toBe('');
  await svg.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(chart.getByTestId('chart-readout').textContent()).resolves.toBe(hovered);
});

test('the chart\'s text keeps its size whatever the chart\'s width', async () => {
  const chart = (await card('Contoso Brasil Ltda (1001)')).getByTestId('timeline-chart');
  const measure = async (width: number): Promise<{ svg: number; text: number }> => {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForFunction((w) => window.innerWidth === w, width);
    await page.waitForTimeout(200);
    return {
      svg: (await chart.locator('svg').boundingBox())?.width ?? 0,
      text: (await chart.getByTestId('y-tick').first().boundingBox())?.height ?? 0,
    };
  };
  const narrow = await measure(340);
  const wide = await measure(1366);
  await page.setViewportSize({ width: 1280, height: 720 });
  expect(wide.svg).toBeGreaterThan(narrow.svg * 1.3);
  expect(Math.abs(wide.text - narrow.text)).toBeLessThan(0.5);
  expect(narrow.text).toBeGreaterThan(8);
});

test('ticking an exam plan item draws its own what-if line and says what level results; the real badge, caption, line and table stay', async () => {
  const c = await card('Woodgrove Korea (1005)');
  const forecast = c.getByTestId('forecast-line');
  const before = await forecast.getAttribute('d');
  const levelBefore = await c.getByTestId('level').textContent();
  const captionBefore = await c.getByTestId('chart-summary').textContent();
  const table = (): Promise<string[]> => c.getByTestId('chart-table').locator('tbody tr td:nth-child(5)').allTextContents();
  const tableBefore = await table();
  // Months with a level are drawn as dots on the real line: none, before and after.
  const dots = c.locator('[data-testid="timeline-chart"] circle:not([r="0"])');
  await expect(dots.count()).resolves.toBe(0);
  await expect(c.getByTestId('whatif-line').count()).resolves.toBe(0);
  const items = c.getByTestId('whatif-pass');
  await expect(items.count()).resolves.toBeGreaterThan(0);
  const labels = await c.getByTestId('whatif-plan').locator('label').allTextContents();
  expect(labels[0]).toMatch(/^Min-jun Kim passes MB2-710 in Jul 2018$/);
  for (let i = 0; i < await items.count(); i++) await items.nth(i).check();
  await expect(c.getByTestId('whatif-result').textContent()).resolves.toMatch(/^With these: None now; Silver from 2018-07-01/);
  // The what-if outlook is its own line, labelled in the legend, inside the "If these happen" section's card.
  await expect(c.getByTestId('whatif-line').count()).resolves.toBe(1);
  await expect(c.getByTestId('timeline-chart').textContent()).resolves.toContain('If these happen');
  await expect(c.getByTestId('whatif').locator('h4').textContent()).resolves.toBe('If these happen');
  // The real answer does not move.
  expect(await c.getByTestId('level').textContent()).toBe(levelBefore);
  await expect(c.getByTestId('chart-summary').textContent()).resolves.toBe(captionBefore);
  await expect(forecast.getAttribute('d')).resolves.toBe(before);
  await expect(table()).resolves.toEqual(tableBefore);
  await expect(dots.count()).resolves.toBe(0);
  // Unticking removes the what-if line.
  for (let i = 0; i < await items.count(); i++) await items.nth(i).uncheck();
  await expect(c.getByTestId('whatif-result').count()).resolves.toBe(0);
  await expect(c.getByTestId('whatif-line').count()).resolves.toBe(0);
});

test('expected revenue draws the what-if line, the real forecast stays; an amount that cannot be read gets an inline message and changes nothing', async () => {
  const c = await card('Woodgrove Korea (1005)');
  const forecast = c.getByTestId('forecast-line');
  const before = await forecast.getAttribute('d');
  const tableBefore = await c.getByTestId('chart-table').locator('tbody').textContent();
  const captionBefore = await c.getByTestId('chart-summary').textContent();
  await c.getByTestId('whatif-revenue-toggle').click();
  await c.getByTestId('whatif-revenue-2018-08').fill('lots');
  await expect(c.getByText('"lots" is not an amount in US$; it is ignored').count()).resolves.toBe(1);
  await expect(forecast.getAttribute('d')).resolves.toBe(before);
  await expect(c.getByTestId('whatif-result').count()).resolves.toBe(0);
  await c.getByTestId('whatif-revenue-2018-08').fill('250,000');
  await expect(c.getByText('"lots" is not an amount in US$; it is ignored').count()).resolves.toBe(0);
  await expect(c.getByTestId('whatif-line').count()).resolves.toBe(1);
  // The real months keep their figures (the scale may grow to fit the what-if line).
  await expect(c.getByTestId('chart-table').locator('tbody').textContent()).resolves.toBe(tableBefore);
  await expect(c.getByTestId('chart-summary').textContent()).resolves.toBe(captionBefore);
  await expect(c.getByTestId('whatif-result').textContent()).resolves.toMatch(/^With these: /);
});

test('axe-core finds no serious or critical violations with the charts and what-if open', async () => {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { html: string }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 2).map((n) => n.html.slice(0, 120)) }));
  });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});
