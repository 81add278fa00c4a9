/**
 * Fuzzing the .xlsx reader over structural extremes (fast-check, seeded): sparse coordinates up
 * to XFD1048576, many sheets, long runs of one character, deep nesting, garbage spliced into the
 * middle of a sheet. Every run ends with a result or one XlsxError (one line, in every
 * language), in bounded time; and where nothing was broken, the cells read are exactly the cells
 * written, wherever they are.
 */
import fc from 'fast-check';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { LOCALES } from '../../src/i18n';
import { XlsxError } from '../../src/xlsx/errors';
import { readXlsxBytes } from '../../src/xlsx/read';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const LIMITS = { maxCells: 200_000, maxRows: 100_000, maxSharedStrings: 10_000 };

const colName = (c: number): string => { let s = ''; for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s; return s; };

/** A cell at a 0-based row and column with a number. */
interface TestCell { readonly row: number; readonly col: number; readonly value: number }

/** A worksheet's XML holding the cells (sorted by row, then column, as SpreadsheetML wants). */
function sheetXml(cells: readonly TestCell[]): string {
  const byRow = new Map<number, TestCell[]>();
  for (const c of [...cells].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const row = byRow.get(c.row) ?? [];
    if (row.every((x) => x.col !== c.col)) row.push(c);
    byRow.set(c.row, row);
  }
  const rows = [...byRow].map(([r, cs]) => `<row r="${r + 1}">${cs.map((c) => `<c r="${colName(c.col)}${r + 1}"><v>${c.value}</v></c>`).join('')}</row>`);
  return `<worksheet ${NS}><sheetData>${rows.join('')}</sheetData></worksheet>`;
}

/** A workbook of the given worksheet XMLs. */
function book(sheets: readonly string[]): Uint8Array {
  const files: Zippable = {
    '_rels/.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<workbook ${NS}><sheets>${sheets.map((_, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`),
  };
  sheets.forEach((xml, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml); });
  return zipSync(files);
}

/** Reads, and checks the law of every run: a result, or one XlsxError that is one line in every language. */
function lawful(bytes: Uint8Array): ReturnType<typeof readXlsxBytes> | XlsxError {
  const t0 = performance.now();
  try {
    return readXlsxBytes(bytes, { workbookLimits: LIMITS });
  } catch (e) {
    if (!(e instanceof XlsxError)) throw e;
    for (const locale of LOCALES) expect(e.describe(locale)).toMatch(/^[^\n]+$/);
    return e;
  } finally {
    expect(performance.now() - t0).toBeLessThan(10_000);
  }
}

const cell = fc.record({
  row: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1_048_575 }), fc.constant(1_048_575)),
  col: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 16_383 }), fc.constant(16_383)),
  value: fc.integer({ min: -1e6, max: 1e6 }),
});

describe('the reader over structural extremes', () => {
  test('sparse coordinates anywhere up to XFD1048576: exactly the cells written, in space of the cells', () => {
    fc.assert(fc.property(fc.array(fc.array(cell, { maxLength: 40 }), { minLength: 1, maxLength: 5 }), (sheets) => {
      const read = lawful(book(sheets.map(sheetXml)));
      expect(read).not.toBeInstanceOf(XlsxError);
      if (read instanceof XlsxError) return;
      sheets.forEach((cells, i) => {
        const values = read.sheets[i]?.values ?? [];
        const got: string[] = [];
        for (const r of Object.keys(values)) for (const c of Object.keys(values[Number(r)] ?? {})) got.push(`${r}:${c}:${String(values[Number(r)]?.[Number(c)])}`);
        const want = new Map<string, string>();
        for (const c of cells) if (!want.has(`${c.row}:${c.col}`)) want.set(`${c.row}:${c.col}`, `${c.row}:${c.col}:${c.value}`);
        expect(got.sort()).toEqual([...want.values()].sort());
      });
    }), { seed: 23, numRuns: 60 });
  });

  test('many sheets, long runs, deep nesting and garbage in the middle: a result or one clear line', () => {
    const run = fc.record({ char: fc.constantFrom('a', '<', '"', ' ', '&', ']', '>', '\'', '='), length: fc.integer({ min: 1, max: 300_000 }) });
    const damage = fc.oneof(
      run.map((r) => r.char.repeat(r.length)),
      fc.integer({ min: 1, max: 20_000 }).map((d) => '<x>'.repeat(d) + '</x>'.repeat(d)),
      fc.integer({ min: 1, max: 20_000 }).map((d) => '<x>'.repeat(d)),
      fc.string({ maxLength: 50 }),
      fc.constantFrom('<<<garbage>>> &&& <c><v>', '</row>', '<row r="0">', '<c r="XFE1"><v>1</v></c>', '<![CDATA[', '<!--', '<?pi', ']]>'),
    );
    fc.assert(fc.property(
      fc.array(fc.array(cell, { maxLength: 20 }), { minLength: 1, maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.nat(), damage), { maxLength: 3 }),
      (sheets, damages) => {
        const xmls = sheets.map(sheetXml);
        for (const [s, at, text] of damages) {
          const k = s % xmls.length, xml = xmls[k] as string, p = at % (xml.length + 1);
          xmls[k] = xml.slice(0, p) + text + xml.slice(p);
        }
        const read = lawful(book(xmls));
        if (read instanceof XlsxError) return;
        for (const sheet of read.sheets) {
          expect(sheet.values.length).toBeLessThanOrEqual(1_048_576);
          for (const r of Object.keys(sheet.values)) expect(Object.keys(sheet.values[Number(r)] ?? {}).every((c) => Number(c) < 16_384)).toBe(true);
        }
      },
    ), { seed: 7, numRuns: 80 });
  }, 120_000);
});
