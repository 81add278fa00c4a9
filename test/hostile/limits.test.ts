/**
 * Excel's limits: status columns that would land past column XFD, and a CSV wider than a sheet,
 * are refused for --out with one clear line (the evaluation itself still runs without --out).
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli, tempDir } from '../support/cli';
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
});
