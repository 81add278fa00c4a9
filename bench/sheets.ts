/**
 * The sheets layer alone: src/sheets readWorkbook turning cells into records and data issues
 * (tables found by header, every cell read, typed columns built), on
 *   insights  an Insights-shaped .xlsx (bench/insights.ts) read by our reader: shared strings,
 *             MPN IDs as numbers, months as date cells,
 *   text      the benchmark's generated rows as text cells (ISO dates, "1234.56" amounts), as a
 *             CSV file or a custom function's range gives them.
 * Each against a floor measured in the same run: a bare loop that touches every cell once (its
 * type, a string's length), which no reader can beat. "Afresh" is the same reading with the
 * per-column memo off (every cell parsed on its own, ReadOptions.eachCellAfresh), to show what
 * parsing each distinct value once saves.
 *
 * The sheets layer is measured as shipped: one bundle (bench/bundle.ts), not through tsx.
 *
 * Run alone: node --import tsx bench/sheets.ts [rows]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Sheets from '../src/sheets';
import type { Cell, WorkbookInput } from '../src/sheets';
import { readXlsxBytes } from '../src/xlsx/read';
import { bundled } from './bundle';
import { generate } from './data';
import { insightsSize, writeInsightsXlsx } from './insights';

const median = (xs: readonly number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] as number; };
let sink = 0;

/** The floor: every cell touched once. */
function touchEveryCell(workbook: WorkbookInput): void {
  let s = 0;
  for (const sheet of workbook.sheets) {
    for (const row of sheet.values) {
      if (row === undefined) continue; // a hole: the .xlsx reader's rows are sparse
      for (let i = 0; i < row.length; i++) {
        const c = row[i];
        s += typeof c === 'string' ? c.length : typeof c === 'number' ? 1 : 2;
      }
    }
  }
  sink += s;
}

function textWorkbook(rows: number): WorkbookInput {
  const g = generate({ revenue: rows, certifications: Math.round(rows / 10), partners: Math.max(10, Math.round(rows / 100)) }, 5);
  const revenue: Cell[][] = [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'Attribution']];
  for (const r of g.revenue) revenue.push([r.partnerId ?? '', r.product, r.date, (r.amountCents / 100).toFixed(2), r.attribution ?? '']);
  const certs: Cell[][] = [['Partner ID', 'Individual', 'Exam', 'Date passed', 'Active']];
  for (const c of g.certifications) certs.push([c.partnerId ?? '', c.individual, c.exam, c.datePassed, c.active === false ? 'No' : 'Yes']);
  return { sheets: [{ name: 'Revenue', values: revenue }, { name: 'Certifications', values: certs }] };
}

/**
 * Times readWorkbook on both shapes; prints a table and returns the figures (per million rows:
 * revenue + certification rows).
 * @example const figures = await runSheetsBench(200_000, (line) => console.log(line))
 */
export function runSheetsBench(rows: number, out: (line: string) => void): Record<string, number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'competency-sheets-'));
  const file = path.join(dir, 'insights.xlsx');
  const size = insightsSize(rows), certs = size.certifications;
  writeInsightsXlsx(file, size, 13);
  const shapes: [string, WorkbookInput][] = [['insights', readXlsxBytes(new Uint8Array(readFileSync(file)))], ['text', textWorkbook(rows)]];
  rmSync(dir, { recursive: true, force: true });
  const { readWorkbook } = bundled<typeof Sheets>('src/sheets/index.ts');
  const perM = 1e6 / (rows + certs);
  const figures: Record<string, number> = {};
  const RUNS = 7;
  out(`Sheets layer (src/sheets readWorkbook: cells -> records + data issues), ${rows} revenue + ${certs} certification rows; median of ${RUNS} after 2 warm-up runs, alternating; bundled as shipped`);
  out('     shape | floor ms | read ms | ms per 1M rows | x floor | every cell afresh ms | x floor');
  for (const [name, workbook] of shapes) {
    const options = { locale: 'en-US' as const };
    for (let w = 0; w < 2; w++) { readWorkbook(workbook, options); readWorkbook(workbook, { ...options, eachCellAfresh: true }); touchEveryCell(workbook); }
    const read: number[] = [], afresh: number[] = [], floor: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t0 = performance.now();
      sink += readWorkbook(workbook, options).revenue.length;
      read.push(performance.now() - t0);
      t0 = performance.now();
      sink += readWorkbook(workbook, { ...options, eachCellAfresh: true }).revenue.length;
      afresh.push(performance.now() - t0);
      t0 = performance.now();
      touchEveryCell(workbook);
      floor.push(performance.now() - t0);
    }
    const f = median(floor), r = median(read), a = median(afresh);
    out(`${name.padStart(10)} | ${f.toFixed(1).padStart(8)} | ${r.toFixed(0).padStart(7)} | ${(r * perM).toFixed(0).padStart(14)} | ${(r / f).toFixed(1).padStart(6)}x | ${a.toFixed(0).padStart(20)} | ${(a / f).toFixed(1).padStart(6)}x`);
    const k = name === 'insights' ? 'Insights' : 'Text';
    Object.assign(figures, {
      [`sheets${k}MsPerMRows`]: r * perM, [`sheets${k}FloorMs`]: f, [`sheets${k}Ratio`]: r / f,
      [`sheets${k}AfreshMsPerMRows`]: a * perM, [`sheets${k}AfreshRatio`]: a / f,
    });
  }
  if (sink === 42) out('');
  return figures;
}

if (require.main === module) {
  const rows = Number(process.argv[2] ?? 200_000);
  const figures = runSheetsBench(rows, (l) => process.stdout.write(`${l}\n`));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
