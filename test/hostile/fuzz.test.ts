/**
 * Fuzzing the readers and the writer through the whole CLI (in-process): random bytes, random
 * CSV text, random zip entries, random cells. Whatever comes in, the run ends with exit 0, 1 or
 * 2, a failure is one line naming the problem (never "unexpected error", never a stack trace),
 * and every --out written is a complete workbook our reader reads back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { readXlsxBytes } from '../../src/xlsx/read';
import { runCli, tempDir } from '../support/cli';
import { makeXlsx, type TestCell } from '../support/xlsx';

const REV_HEADER = 'Partner ID,Product,Date,Amount (USD),DPOR\n';
const CERTS = 'Partner ID,Individual,Exam,Date passed\nP1,Ana,MB2-714,2017-06-01\nP1,Ana,MB2-710,2017-06-01\n';

let dir: string;
let certs: string;
let n = 0;
beforeAll(() => {
  dir = tempDir();
  certs = path.join(dir, 'certs.csv');
  writeFileSync(certs, CERTS);
});

/** Runs the CLI and checks the law every run must obey; returns the run. */
async function lawful(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = await runCli(args);
  expect([0, 1, 2]).toContain(run.code);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
  if (run.code !== 0) {
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  }
  return run;
}

/** Text made mostly of what breaks CSV readers. */
const csvText = fc.array(fc.oneof(
  fc.constantFrom(',', ';', '\t', '"', '""', '\n', '\r\n', '\r', '\uFEFF', '\u0000', 'P1', 'CRM Online', '2018-01-05', '03/04/2018', '13.13.2018', '0018-01-01', '1e308', '-0', '$1,000.00', '120.000,00', 'Yes', 'No', '=1+1', '\u001b[2J', 'Müller', '😀', '\uD800'),
  fc.string({ maxLength: 8 }),
), { maxLength: 60 }).map((parts) => parts.join(''));

describe('fuzzing the CSV reader', () => {
  test('random text after a revenue header never crashes', async () => {
    await fc.assert(fc.asyncProperty(csvText, async (body) => {
      const f = path.join(dir, `f${n++}.csv`);
      writeFileSync(f, REV_HEADER + body);
      await lawful(['evaluate', f, certs, '--as-of', '2018-03-15', '--json']);
    }), { numRuns: 60 });
  }, 60_000);

  test('random bytes in any encoding never crash', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('.csv', '.tsv', '.txt'), async (bytes, ext) => {
      const f = path.join(dir, `b${n++}${ext}`);
      writeFileSync(f, bytes);
      await lawful(['evaluate', f, certs, '--as-of', '2018-03-15']);
    }), { numRuns: 40 });
  }, 60_000);
});

/** A cell of any kind a hostile workbook might hold. */
const cell: fc.Arbitrary<TestCell> = fc.oneof(
  fc.constantFrom<TestCell>('P1', 'P2', 'CRM Online', 'Azure', '2018-01-05', 'Yes', 'No', 43105, 0, -1, 1e300, 2958466, 60, '#N/A', '=HYPERLINK("x")', 'Counted', 'Reason', 'Counts as'),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: true }),
  fc.record({ f: fc.constantFrom('1/0', 'A1', 'SUM(A:A)'), v: fc.integer() }),
);
const row = fc.array(cell, { minLength: 1, maxLength: 7 }).map((r) => r.map((c) => (c === null ? '' : c)));

describe('fuzzing the .xlsx reader and the --out writer', () => {
  test('random bytes named .xlsx never crash', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (bytes, zipHead) => {
      const f = path.join(dir, `r${n++}.xlsx`);
      writeFileSync(f, zipHead ? Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from(bytes)]) : bytes);
      await lawful(['evaluate', f, '--as-of', '2018-03-15']);
    }), { numRuns: 40 });
  }, 60_000);

  test('zips with random entries and random XML never crash', async () => {
    const part = fc.constantFrom('[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/x.bin');
    const xml = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('<worksheet><sheetData><row><c t="s"><v>99</v></c></row></sheetData></worksheet>', '<sst><si><t>a</t></si></sst>', '<workbook><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>',
        '<Relationships><Relationship Id="rId1" Target="/xl/worksheets/sheet1.xml"/></Relationships>', '<worksheet><sheetData><row r="0"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>'),
    );
    const base = unzipSync(makeXlsx({ Revenue: [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', 1, 'Yes']] }));
    await fc.assert(fc.asyncProperty(fc.dictionary(part, xml, { maxKeys: 4 }), fc.boolean(), async (entries, onBase) => {
      const files = onBase ? { ...base } : {};
      for (const [k, v] of Object.entries(entries)) (files as Record<string, Uint8Array>)[k] = strToU8(v);
      const f = path.join(dir, `z${n++}.xlsx`);
      writeFileSync(f, zipSync(files));
      await lawful(['evaluate', f, '--as-of', '2018-03-15', '--out', path.join(dir, `z${n++}-out.xlsx`)]);
    }), { numRuns: 40 });
  }, 90_000);

  test('random cells: the run is lawful, and any --out is a complete workbook that reads back', async () => {
    await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 12 }), fc.array(row, { maxLength: 8 }), fc.boolean(), async (rev, cert, date1904) => {
      const f = path.join(dir, `c${n++}.xlsx`);
      const out = path.join(dir, `c${n++}-out.xlsx`);
      writeFileSync(f, makeXlsx({
        Revenue: [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ...rev],
        Certifications: [['Partner ID', 'Individual', 'Exam', 'Date passed'], ...cert],
      }, { date1904 }));
      const run = await lawful(['evaluate', f, '--as-of', '2018-03-15', '--out', out]);
      if (run.code !== 0) return;
      const bytes = readFileSync(out);
      expect(Object.keys(unzipSync(bytes))).toContain('xl/workbook.xml');
      const back = readXlsxBytes(bytes);
      expect(back.date1904 === true).toBe(date1904);
      expect(back.sheets.slice(0, 2).map((s) => s.name)).toEqual(['Revenue', 'Certifications']);
    }), { numRuns: 30 });
  }, 120_000);
});
