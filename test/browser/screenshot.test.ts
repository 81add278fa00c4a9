/**
 * The README's picture of the pane (docs/pane.png) is taken by scripts/screenshot.ts; this takes
 * the same picture, so the script keeps working as the pane changes: a PNG at task-pane width.
 */
import { paneScreenshot, PANE } from '../../scripts/screenshot';
import { servedPane } from '../support/browser';

jest.setTimeout(120_000);

const pane = servedPane();

test('the screenshot script takes a PNG of the pane at task-pane width, on the sample with a card open', async () => {
  const png = await paneScreenshot(pane.browser, pane.url);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([PANE.width, PANE.height]);
});
