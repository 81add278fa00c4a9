/**
 * The pane inflates a workbook's big parts ahead with the platform's DecompressionStream (Node
 * has it too, so the same path runs here) and the reader takes them through inflateRaw: every
 * workbook reads to the same cells, and every damaged one is refused for the same reason, as
 * with fflate's stream alone.
 */
import { makeXlsx } from '../../test/support/xlsx';
import { partData, patchedCentral } from '../../test/support/zip-parts';
import { XlsxError } from './errors';
import { inflateAhead } from './inflate-ahead';
import { readXlsxBytes } from './read';
import type { NativeInflate } from './zip';
import { compressionStreamZip } from './zipio';

const SHEET = 'xl/worksheets/sheet1.xml';
const inflate = compressionStreamZip()?.inflate;

/** A workbook of one Revenue sheet of `rows` rows (about 60 bytes of XML a row, deflated by fflate's zipSync). */
const book = (rows: number): Uint8Array => makeXlsx({ Revenue: [['Partner ID', 'Amount'], ...Array.from({ length: rows }, (_, i) => [`P${i % 97}`, i * 1.5])] });

/** The cells read, or the problem the reader names. */
function outcome(bytes: Uint8Array, inflateRaw?: NativeInflate): unknown {
  try {
    return readXlsxBytes(bytes, { inflateRaw }).sheets.map((s) => [s.name, s.values]);
  } catch (e) {
    if (e instanceof XlsxError) return e.problem;
    throw e;
  }
}

/** inflateAhead's NativeInflate, counting the parts it handed over. */
async function counted(bytes: Uint8Array, maxTotal?: number): Promise<{ inflateRaw: NativeInflate | undefined; handed: () => number }> {
  const ahead = await inflateAhead(bytes, inflate, maxTotal);
  let handed = 0;
  const inflateRaw: NativeInflate | undefined = ahead && ((d, max) => { const r = ahead(d, max); if (r !== undefined) handed++; return r; });
  return { inflateRaw, handed: () => handed };
}

describe('inflateAhead', () => {
  test('the platform has a native inflate stream (Node 20, Chromium)', () => {
    expect(inflate).toBeDefined();
  });

  test('a sheet of 20,000 rows reads to the same cells, handed over inflated ahead', async () => {
    const bytes = book(20_000);
    const { inflateRaw, handed } = await counted(bytes);
    expect(inflateRaw).toBeDefined();
    const read = outcome(bytes, inflateRaw);
    expect(read).toEqual(outcome(bytes));
    expect(handed()).toBe(1);
  });

  test('small parts and parts past the total stream as before', async () => {
    expect(await inflateAhead(book(10), inflate)).toBeUndefined();
    const bytes = book(20_000);
    expect(await inflateAhead(bytes, inflate, 1024)).toBeUndefined();
    expect(outcome(bytes, await inflateAhead(bytes, inflate, 1024))).toEqual(outcome(bytes));
  });

  test('without a native stream, or for bytes that are not a zip, nothing is inflated ahead', async () => {
    expect(await inflateAhead(book(20_000), undefined)).toBeUndefined();
    expect(await inflateAhead(new TextEncoder().encode('Partner,Amount\n'), inflate)).toBeUndefined();
  });

  test('each part is handed over once: a second reading streams it', async () => {
    const bytes = book(20_000);
    const { inflateRaw, handed } = await counted(bytes);
    expect(outcome(bytes, inflateRaw)).toEqual(outcome(bytes, inflateRaw));
    expect(handed()).toBe(1);
  });

  test.each<[string, () => Uint8Array, string]>([
    ['a damaged deflate stream', () => { const b = book(20_000); const d = partData(b, SHEET); for (let k = 2; k < 40; k++) b[d.start + k] = 0xff; return b; }, 'malformed-zip'],
    ['a stream cut short (its compressed size made smaller)', () => { const b = book(20_000); return patchedCentral(b, SHEET, 20, partData(b, SHEET).length - 20); }, 'malformed-zip'],
    ['a part longer than its declared size', () => { const b = book(20_000); return patchedCentral(b, SHEET, 24, 300 * 1024); }, 'malformed-zip'],
    ['a part shorter than its declared size', () => patchedCentral(book(20_000), SHEET, 24, 10 * 1024 * 1024), 'malformed-zip'],
    ['a part whose CRC does not match', () => patchedCentral(book(20_000), SHEET, 16, 12345), 'malformed-zip'],
  ])('%s: the same refusal as with fflate', async (_name, make, expected) => {
    const bytes = make();
    const { inflateRaw, handed } = await counted(bytes);
    expect(outcome(bytes)).toBe(expected);
    expect(outcome(bytes, inflateRaw)).toBe(expected);
    expect(handed()).toBe(1);
  });
});
