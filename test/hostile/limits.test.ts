/**
 * Excel's limits: status columns that would land past column XFD, and a CSV wider than a sheet,
 * are refused for --out with one clear line (the evaluation itself still runs without --out);
 * texts longer than the 32,767 characters of a cell are cut, never written whole.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { MAX_CELL_TEXT, readWorkbook } from '../../src/sheets';
import { readXlsxBytes } from '../../src/xlsx/read';
import { libreOfficeCsv, runCli, tempDir } from '../support/cli';
import { makeXlsx, type TestCell } from '../support/xlsx';

describe('Excel\'s limits', () => {
  let dir: string;
  beforeAll(() => { dir = tempDir(); });

  test('status columns that would go past column XFD: evaluated, but --out is refused in one line', async () => {
    // The revenue table's last column is XFD (the 16,384th): ours would be XFE and XFF.
    const pad = (row: TestCell[]): TestCell[] => [...Array<TestCell>(16384 - row.length).fill('x'), ...row];
    const rev = [pad(['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR']), pad(['P1', 'CRM Online', '2018-01-05', 320000, 'Yes'])];
    const certs: TestCell[][] = [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01']];
    const input = path.join(dir, 'edge.xlsx');
    writeFileSync(input, makeXlsx({ Revenue: rev, Certifications: certs }));
    const json = await runCli(['evaluate', input, '--as-of', '2018-03-15', '--json']);
    expect(json.code).toBe(0);
    const out = path.join(dir, 'edge-out.xlsx');
    const run = await runCli(['evaluate', input, '--as-of', '2018-03-15', '--out', out]);
    expect([run.code, run.stdout]).toEqual([1, '']);
    expect(run.stderr).toMatch(/^competency: \S*edge-out\.xlsx: not written: no room for the status columns right of the table on sheet Revenue: they would go past column XFD/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    // The writer's reason in the run's language.
    const de = await runCli(['evaluate', input, '--as-of', '2018-03-15', '--out', out, '--locale', 'de-DE']);
    expect([de.code, de.stderr]).toEqual([1, `competency: ${out}: nicht geschrieben: kein Platz für die Statusspalten rechts der Tabelle im Blatt Revenue: sie lägen hinter Spalte XFD, der letzten in Excel; verschieben Sie die Tabelle nach links oder löschen Sie leere Spalten rechts davon\n`]);
  }, 60_000);

  test('a CSV row wider than an Excel sheet: --out refused in one line', async () => {
    const rev = path.join(dir, 'wide.csv');
    writeFileSync(rev, `Partner ID,Product,Date,Amount (USD),DPOR\nP1,CRM Online,2018-01-05,320000,Yes${',x'.repeat(16400)}\n`);
    const certs = path.join(dir, 'certs.csv');
    writeFileSync(certs, 'Partner ID,Individual,Exam,Date passed\nP1,Ana,MB2-714,2017-06-01\n');
    const run = await runCli(['evaluate', rev, certs, '--as-of', '2018-03-15', '--out', path.join(dir, 'wide-out.xlsx')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^competency: \S*wide-out\.xlsx: not written: .*(past column XFD|more than 16,384 columns)/);
  });

  describe('a 40,000-character partner name and product through --out', () => {
    const NAME = `${'N'.repeat(39_999)}!`;
    const PRODUCT = `${'p'.repeat(39_999)}!`;
    /** A long text as its length and its last two characters (a failure then prints a short line). */
    const shape = (t: string): [number, string] => [t.length, t.slice(-2)];
    const rev = [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'], ['P1', 'CRM Online', '2018-01-05', '320000', 'Yes'], ['P1', PRODUCT, '2018-01-06', '5', 'Yes']];
    const certs = [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01']];
    const partners = [['Partner ID', 'Name'], ['P1', NAME]];

    /** Every text cell of the output, read back with our own reader. */
    function longest(file: string): { texts: string[] } {
      const wb = readXlsxBytes(readFileSync(file));
      return { texts: wb.sheets.flatMap((s) => s.values.flatMap((r) => r.filter((c): c is string => typeof c === 'string'))) };
    }

    test.each([
      ['CSV inputs (a new workbook)', 'csv'],
      ['an .xlsx input (the patching writer)', 'xlsx'],
    ] as const)('from %s: every cell at most 32,767 characters, cut with an ellipsis', async (_name, kind) => {
      const inputs: string[] = [];
      if (kind === 'csv') {
        for (const [name, rows] of [['rev', rev], ['certs', certs], ['partners', partners]] as const) {
          const f = path.join(dir, `long-${name}.csv`);
          writeFileSync(f, rows.map((r) => r.join(',')).join('\n'));
          inputs.push(f);
        }
      } else {
        const f = path.join(dir, 'long.xlsx');
        writeFileSync(f, makeXlsx({ Revenue: rev, Certifications: certs, Partners: partners }));
        inputs.push(f);
      }
      const out = path.join(dir, `long-out-${kind}.xlsx`);
      const run = await runCli(['evaluate', ...inputs, '--as-of', '2018-03-15', '--out', out]);
      expect([run.code, run.stderr]).toEqual([0, '']);
      const { texts } = longest(out);
      // The input's own cells are copied as they were (an .xlsx input's); only what we write is cut.
      const ours = texts.filter((t) => t !== NAME && t !== PRODUCT);
      expect(Math.max(...ours.map((t) => t.length))).toBe(MAX_CELL_TEXT);
      // The name (in the status and timeline sheets) and the issue quoting the product are cut.
      const distinct = (prefix: string): unknown[] => [...new Set(texts.filter((t) => t.startsWith(prefix)).map((t) => JSON.stringify(shape(t))))].sort().map((j) => JSON.parse(j) as unknown);
      expect(distinct('NNN')).toEqual(kind === 'xlsx' ? [[MAX_CELL_TEXT, 'N…'], [40_000, 'N!']] : [[MAX_CELL_TEXT, 'N…']]);
      expect(distinct('Unknown product "ppp')).toEqual([[MAX_CELL_TEXT, 'p…']]);
      if (kind === 'csv') expect(texts.filter((t) => t.length > MAX_CELL_TEXT).map(shape)).toEqual([]);
    }, 60_000);

    test('LibreOffice opens the output and reads the cut name', async () => {
      const f = path.join(dir, 'long-lo.csv');
      writeFileSync(f, rev.map((r) => r.join(',')).join('\n'));
      const c = path.join(dir, 'long-lo-certs.csv');
      writeFileSync(c, certs.map((r) => r.join(',')).join('\n'));
      const p = path.join(dir, 'long-lo-partners.csv');
      writeFileSync(p, partners.map((r) => r.join(',')).join('\n'));
      const out = path.join(dir, 'long-lo.xlsx');
      expect((await runCli(['evaluate', f, c, p, '--as-of', '2018-03-15', '--out', out])).code).toBe(0);
      const status = libreOfficeCsv(out)['Competency Status'] ?? '';
      expect(shape(status.split('\n')[1]?.split(',')[1] ?? '')).toEqual([MAX_CELL_TEXT, 'N…']);
    }, 180_000);
  });

  test('a table whose header is a million rows above its values is found, and the sparse sheet costs its cells', () => {
    const certs: TestCell[][] = [['Partner ID', 'Individual', 'Exam', 'Date passed'], ['P1', 'Ana', 'MB2-714', '2017-06-01']];
    const parts = unzipSync(makeXlsx({ Revenue: [['x']], Certifications: certs }));
    const head = ['Partner ID', 'Product', 'Date', 'Amount (USD)', 'DPOR'];
    const cells = (r: number, values: string[]): string => values.map((v, c) => `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('');
    parts['xl/worksheets/sheet1.xml'] = strToU8('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
      + `<row r="1">${cells(1, head)}</row><row r="1000000">${cells(1_000_000, ['P1', 'CRM Online', '2018-01-05', '320000', 'Yes'])}</row><row r="1048576"/>`
      + '</sheetData></worksheet>');
    const input = readXlsxBytes(zipSync(parts));
    const values = input.sheets[0]?.values ?? [];
    expect(Object.keys(values)).toEqual(['0', '999999']);
    const read = readWorkbook(input, { locale: 'en-US' });
    expect(read.missing).toEqual([]);
    expect(read.revenue.length).toBe(1);
    expect(read.revenueSource.row[0]).toBe(999_999);
  });
});
