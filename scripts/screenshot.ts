/**
 * The README's picture of the task pane: the built pane (dist/) served on 127.0.0.1, opened in
 * headless Chromium at task-pane width (340 px) on the sample as of 2018-06-30, one partner's
 * card open, saved as a PNG. `npm run screenshot` writes docs/pane.png (run `npm run build`
 * first); test/browser/screenshot.test.ts takes the same picture, so the script cannot rot.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { context, launch, serveDist } from '../test/support/browser';

/** Task-pane width in CSS pixels, and how much of the pane the picture shows. */
export const PANE = { width: 340, height: 1500 };

/**
 * The pane's picture as PNG bytes.
 * @example writeFileSync("pane.png", await paneScreenshot(browser, "http://127.0.0.1:4000"))
 * @throws when the pane does not show the sample's results within playwright's timeouts
 */
export async function paneScreenshot(browser: Browser, url: string, partner = '1004'): Promise<Buffer> {
  const { ctx } = await context(browser, { office: 'local' });
  try {
    const page = await ctx.newPage();
    await page.setViewportSize({ width: PANE.width, height: PANE.height });
    await page.goto(`${url}/taskpane.html?sample=1&asOf=2018-06-30`);
    await page.getByTestId('summary').waitFor();
    await page.locator(`[data-partner="${partner}"]`).click();
    await page.getByTestId('partner-card').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    return await page.screenshot({ fullPage: false });
  } finally {
    await ctx.close();
  }
}

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '../docs/pane.png');
  const server = await serveDist();
  const browser = await launch();
  try {
    writeFileSync(out, await paneScreenshot(browser, server.url));
    process.stdout.write(`${out}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => { process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 1; });
}
