/**
 * The CLI inflates worksheets and shared strings with Node's zlib in one piece (readInflateRaw)
 * instead of fflate's stream: every workbook reads to the same cells, and every damaged or
 * hostile one is refused for the same reason, as without it; zlib never holds more than a part
 * says it is.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { makeXlsx } from '../../test/support/xlsx';
import { central, partData as data, patchedCentral as patched } from '../../test/support/zip-parts';
import { XlsxError } from '../xlsx/errors';
import { readXlsxBytes, type XlsxReadOptions } from '../xlsx/read';
import { DEFAULT_LIMITS, u32, type NativeInflate } from '../xlsx/zip';
import { readInflateRaw } from './files';

const SHEET = 'xl/worksheets/sheet1.xml';
const crc32 = (data: Uint8Array, crc: number): number => zlib.crc32(data, crc);

/** A workbook of one Revenue sheet of `rows` rows (its sheet deflated by fflate's zipSync). */
const book = (rows = 3): Uint8Array => makeXlsx({ Revenue: [['Partner ID', 'Amount'], ...Array.from({ length: rows }, (_, i) => [`P${i}`, i * 1.5])] });

/** The cells read, or the problem the reader names. */
function outcome(bytes: Uint8Array, options: XlsxReadOptions): unknown {
  try {
    return readXlsxBytes(bytes, options).sheets.map((s) => [s.name, s.values]);
  } catch (e) {
    if (e instanceof XlsxError) return e.problem;
    throw e;
  }
}

describe('reading with Node\'s zlib in one piece', () => {
  /** A native inflate counting the parts it inflated. */
  const counted = (): { inflateRaw: NativeInflate; parts: number[] } => {
    const parts: number[] = [];
    return { parts, inflateRaw: (d, max) => { parts.push(max); return readInflateRaw(d, max); } };
  };

  const bomb = (): Uint8Array => {
    // 16 MB of spaces after the sheet's start: deflates ~1000:1.
    const huge = new Uint8Array(16 * 1024 * 1024).fill(32);
    huge.set(strToU8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'));
    return zipSync({ ...unzipSync(book()), [SHEET]: huge });
  };

  // The last column: whether the sheet is inflated natively (within the budget whole) or streams through fflate.
  test.each<[string, () => Uint8Array, Partial<XlsxReadOptions>, unknown, boolean]>([
    ['a damaged deflate stream', () => { const b = book(200); const d = data(b, SHEET); for (let k = 2; k < 40; k++) b[d.start + k] = 0xff; return b; }, {}, 'malformed-zip', true],
    ['a stream cut short (its compressed size made smaller)', () => { const b = book(200); return patched(b, SHEET, 20, data(b, SHEET).length - 20); }, {}, 'malformed-zip', true],
    ['a part longer than its declared size', () => { const b = book(200); return patched(b, SHEET, 24, 100); }, {}, 'malformed-zip', true],
    ['a part shorter than its declared size', () => { const b = book(200); return patched(b, SHEET, 24, 10 * 1024 * 1024); }, {}, 'malformed-zip', true],
    ['a part whose CRC does not match', () => { const b = book(200); return patched(b, SHEET, 16, 12345); }, {}, 'malformed-zip', true],
    ['a part declared past the ratio allowed (a bomb)', bomb, { limits: { ...DEFAULT_LIMITS, ratioFloor: 1024 * 1024 } }, 'zip-bomb', false],
    ['parts past the total allowed (a bomb)', bomb, { limits: { ...DEFAULT_LIMITS, maxTotal: 8 * 1024 * 1024 } }, 'zip-bomb', false],
    ['a sheet within the limits that never closes sheetData', bomb, {}, 'damaged-sheet', true],
    ['a bomb whose header claims a small size', () => patched(bomb(), SHEET, 24, 1024 * 1024), {}, 'malformed-zip', true],
  ])('%s: the same refusal as with fflate', (_name, make, options, expected, whole) => {
    const bytes = make();
    const native = counted();
    expect(outcome(bytes, { ...options, crc32 })).toBe(expected);
    expect(outcome(bytes, { ...options, crc32, inflateRaw: native.inflateRaw })).toBe(expected);
    expect(native.parts.includes(u32(bytes, central(bytes, SHEET) + 24))).toBe(whole);
  });

  test('reads the sample and a larger sheet to the same cells, inflating the worksheets natively', () => {
    for (const bytes of [new Uint8Array(readFileSync(path.join(__dirname, '../../assets/sample-distributor.xlsx'))), book(5000)]) {
      const native = counted();
      const read = outcome(bytes, { crc32, inflateRaw: native.inflateRaw });
      expect(read).toEqual(outcome(bytes, { crc32 }));
      expect(read).toEqual(outcome(bytes, {}));
      expect(native.parts.length).toBeGreaterThan(0);
    }
  });
});

describe('readInflateRaw', () => {
  const text = strToU8('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(1000));
  const deflated = zlib.deflateRawSync(text);

  test('inflates a whole stream into one buffer of its declared size and one byte', () => {
    const out = readInflateRaw(deflated, text.length);
    expect(out && Buffer.from(out).equals(Buffer.from(text))).toBe(true);
    expect(out?.buffer.byteLength).toBe(text.length + 1);
  });

  test.each<[string, () => [Uint8Array, number]]>([
    ['longer than the size given', () => [deflated, text.length - 1]],
    ['cut short', () => [deflated.subarray(0, deflated.length - 8), text.length]],
    ['not deflate data', () => [strToU8('<worksheet>'), 100]],
    ['a bomb past the size given', () => [zlib.deflateRawSync(new Uint8Array(64 * 1024 * 1024)), 1024 * 1024]],
  ])('is null for a stream %s', (_name, make) => {
    const [d, max] = make();
    expect(readInflateRaw(d, max)).toBeNull();
  });
});
