/**
 * axe-core in a browser test: the serious and critical violations of the page as it is now.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** One violation: its rule, impact and the elements it names. */
export interface AxeViolation { readonly id: string; readonly impact: string; readonly nodes: readonly string[] }

/**
 * Runs axe-core on the page and keeps the serious and critical violations.
 * @example await expect(axeViolations(page)).resolves.toEqual([])
 * @throws whatever the page's evaluation throws (the page closed)
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
