/**
 * npm run bench: prints figures, asserts nothing (timed tests flake on shared machines).
 *
 * 1. The evaluator on 1,000,000 revenue and 200,000 certification rows over 10,000 partners, and
 *    twice that: the columns build (what the sheets layer does while parsing), the first (cold)
 *    evaluation, then the median after a warm-up long enough for V8 to settle (after three
 *    warm-up runs the 1x median ranged from 125 to 235 ms between processes), rows per
 *    second, and the ratio to a bare loop that only sums the amounts of the same arrays in the
 *    same run (the floor no evaluator can beat). A second reference loop reads every revenue
 *    column the evaluator must read, to show the memory floor.
 * 2. The CLI on a generated 200,000-row .xlsx, against ExcelJS's bare streaming read of it.
 * 3. MPN.LEVEL over 100,000 revenue and 20,000 certification rows: the first call (one partner's
 *    rows read), a call about another partner (every row read once) and a repeated call, the
 *    first call again with the cache cleared (median of 5), and a floor touching every cell; then
 *    the same bundled as shipped (bench/bundle.ts): its cold first call and the median of 5.
 * 3b. The sheets layer alone (bench/sheets.ts, bundled): readWorkbook in ms per million rows,
 *    against a floor touching every cell, on an Insights-shaped and a text workbook.
 * 4. Reading Insights-shaped workbooks (bench/xlsx.ts) at 200,000 and 1,000,000 rows: the floor
 *    (inflate + decode + scan), ExcelJS's streaming read, our reader and the compiled CLI end to
 *    end, each in its own process with its peak memory. BENCH_XLSX_ROWS=200000 limits the sizes.
 * 5. The task pane outside Excel on the same sizes (bench/pane.ts): the production build in headless
 *    Chromium, file chosen to first partner shown, against the floor, with peak JS heap (page +
 *    worker). BENCH_PANE=0 leaves it out; BENCH_ONLY=pane runs it alone.
 * 6. The workbook session against the table-argument functions (bench/live.ts): bytes Excel moves
 *    for 2,000 per-partner formulas over 200,000 revenue rows, in the real Office.js serializer.
 *    BENCH_ONLY=live runs this section alone; BENCH_LIVE=0 leaves it out.
 * The last line is one JSON object with every figure.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { evaluate, type RevenueColumns, type RevenueRecord } from '../src/core';
import { openRun } from '../src/sheets';
import { readInputs } from '../src/cli/files';
import { summary } from '../src/cli/report';
import * as fn from '../src/functions/logic';
import { generate, toColumns, type Size } from './data';
import { bundled } from './bundle';
import { benchDir } from './tmp';
import { runSheetsBench } from './sheets';
import { runXlsxBench } from './xlsx';
import { runPaneBench } from './pane';
import { runLiveBench } from './live';

const AS_OF = '2018-03-15';
const now = (): number => performance.now();
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] as number; };
const time = (runs: number, f: () => unknown): number => {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) { const t0 = now(); f(); ts.push(now() - t0); }
  return median(ts);
};
let sink = 0; // keeps results alive so nothing is optimised away

function bareColumns(rev: RevenueColumns): void {
  const a = rev.amountCents;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  sink += s;
}
function bareAllColumns(rev: RevenueColumns): void {
  const { partner, product, attribution, day, amountCents } = rev;
  let s = 0, t = 0;
  for (let i = 0; i < amountCents.length; i++) {
    s += amountCents[i] as number;
    t += (partner[i] as number) + (product[i] as number) + (attribution[i] as number) + (day[i] as number);
  }
  sink += s + t;
}
function bareRecords(rows: readonly RevenueRecord[]): void {
  let s = 0;
  for (let i = 0; i < rows.length; i++) s += (rows[i] as RevenueRecord).amountCents;
  sink += s;
}

function out(line: string): void { process.stdout.write(`${line}\n`); }
const fmt = (ms: number): string => ms.toFixed(ms < 10 ? 2 : 1).padStart(9);

/** The JSON line: every figure, rounded to two decimals. */
function jsonLine(figures: Record<string, number>): void {
  out(JSON.stringify(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Math.round(v * 100) / 100]))));
}

async function main(): Promise<void> {
  const figures: Record<string, number> = {};
  if (process.env.BENCH_ONLY === 'live') {
    jsonLine(await runLiveBench(out));
    return;
  }
  if (process.env.BENCH_ONLY === 'pane') {
    jsonLine(await runPaneBench((process.env.BENCH_XLSX_ROWS ?? '200000,1000000').split(',').map(Number).filter((n) => n > 0), out));
    return;
  }
  const WARM_UP = 15, RUNS = 9;
  out(`Evaluator (src/core), as of 2018-03-15; first run cold, then the median of ${RUNS} after ${WARM_UP} warm-up runs`);
  out('    revenue    certs  partners | build cols ms | first run ms | evaluate ms |  rows/s (M) | bare loop ms | ratio');
  const sizes: Size[] = [
    { revenue: 1_000_000, certifications: 200_000, partners: 10_000 },
    { revenue: 2_000_000, certifications: 400_000, partners: 20_000 },
  ];
  const evalMs: number[] = [];
  const allColumnsMs: number[] = [];
  for (const [k, size] of sizes.entries()) {
    const g = generate(size, 42 + k);
    const t0 = now();
    const cols = toColumns(g);
    const buildMs = now() - t0;
    const input = { asOf: AS_OF, revenue: cols.revenue, certifications: cols.certifications };
    const cold = time(1, () => { sink += evaluate(input).partners.length; });
    for (let w = 0; w < WARM_UP; w++) evaluate(input); // JIT tiers up and the heap settles
    const ms = time(RUNS, () => { sink += evaluate(input).partners.length; });
    bareColumns(cols.revenue);
    const bare = time(21, () => bareColumns(cols.revenue));
    bareAllColumns(cols.revenue);
    allColumnsMs.push(time(21, () => bareAllColumns(cols.revenue)));
    const rowsPerSec = (size.revenue + size.certifications) / (ms / 1000) / 1e6;
    evalMs.push(ms);
    out(`${String(size.revenue).padStart(11)} ${String(size.certifications).padStart(8)} ${String(size.partners).padStart(9)} | ${fmt(buildMs)}    | ${fmt(cold)}    | ${fmt(ms)}   | ${rowsPerSec.toFixed(2).padStart(10)}  | ${fmt(bare)}    | ${(ms / bare).toFixed(1)}x`);
    if (k === 0) {
      Object.assign(figures, { evaluateMs: ms, bareLoopMs: bare, ratioToBareLoop: ms / bare, buildColumnsMs: buildMs, evaluateColdMs: cold, rowsPerSecond: rowsPerSec * 1e6 });
      // The same rows as plain record objects: evaluate() builds the columns itself.
      const recInput = { asOf: AS_OF, revenue: g.revenue, certifications: g.certifications };
      evaluate(recInput);
      const recMs = time(5, () => { sink += evaluate(recInput).partners.length; });
      bareRecords(g.revenue);
      const bareRec = time(11, () => bareRecords(g.revenue));
      out(`  from record objects (columns built inside): evaluate ${recMs.toFixed(1)} ms, bare loop over the objects ${bareRec.toFixed(2)} ms, ratio ${(recMs / bareRec).toFixed(1)}x`);
      Object.assign(figures, { evaluateFromRecordsMs: recMs, bareLoopRecordsMs: bareRec, ratioFromRecords: recMs / bareRec });
    } else {
      Object.assign(figures, { evaluate2xMs: ms, bareLoop2xMs: bare, buildColumns2xMs: buildMs });
    }
  }
  figures.growth2x = (evalMs[1] as number) / (evalMs[0] as number);
  out(`  growth from 1x to 2x the rows: ${figures.growth2x.toFixed(2)}x (linear is 2.00x)`);
  const [all1] = allColumnsMs as [number];
  out(`  a bare loop reading every revenue column the evaluator reads (partner, product, attribution, day, amount): ${all1.toFixed(2)} ms at 1x; evaluate is ${((evalMs[0] as number) / all1).toFixed(1)}x that`);
  Object.assign(figures, { bareAllColumnsMs: all1, ratioToAllColumnsLoop: (evalMs[0] as number) / all1 });

  // --- CLI on a 200,000-row workbook.
  const dir = benchDir('competency-bench-');
  const file = path.join(dir, 'bench-200k.xlsx');
  const g = generate({ revenue: 200_000, certifications: 20_000, partners: 2_000 }, 7);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const rs = writer.addWorksheet('Revenue');
  rs.addRow(['Partner ID', 'Product', 'Date', 'Amount (USD)', 'Attribution']).commit();
  for (const r of g.revenue) rs.addRow([r.partnerId, r.product, r.date, r.amountCents / 100, r.attribution]).commit();
  rs.commit();
  const cs = writer.addWorksheet('Certifications');
  cs.addRow(['Partner ID', 'Individual', 'Exam', 'Date passed', 'Active']).commit();
  for (const c of g.certifications) cs.addRow([c.partnerId, c.individual, c.exam, c.datePassed, c.active === false ? 'No' : 'Yes']).commit();
  cs.commit();
  await writer.commit();
  const bareRead = async (): Promise<number> => {
    const t0 = now();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    let cells = 0;
    for await (const ws of reader) for await (const row of ws as unknown as AsyncIterable<{ values: unknown[] }>) cells += row.values.length;
    sink += cells;
    return now() - t0;
  };
  const cliRun = async (): Promise<number> => {
    const t0 = now();
    const { workbook } = await readInputs([file]);
    const run = openRun(workbook, { locale: 'en-US', asOf: AS_OF });
    sink += summary(run, run.nextSteps(), 'en-US').length;
    return now() - t0;
  };
  await bareRead(); await cliRun(); // warm-up
  const bareMs: number[] = [], cliMs: number[] = [];
  for (let i = 0; i < 3; i++) { bareMs.push(await bareRead()); cliMs.push(await cliRun()); }
  const b = median(bareMs), c = median(cliMs);
  out('');
  out('CLI (competency evaluate, summary output) on a 200,000-row revenue + 20,000-row certification .xlsx');
  out(`  ExcelJS bare streaming read: ${b.toFixed(0)} ms; CLI read + evaluate + summary: ${c.toFixed(0)} ms; ratio ${(c / b).toFixed(2)}x (target <= 1.5x)`);
  Object.assign(figures, { cliXlsxMs: c, excelJsReadMs: b, cliRatioToExcelJsRead: c / b });

  // --- MPN.LEVEL over 100,000 revenue and 20,000 certification rows.
  const small = generate({ revenue: 100_000, certifications: 20_000, partners: 1_000 }, 9);
  const revRange = [['Partner ID', 'Product', 'Date', 'Amount (USD)', 'Attribution'], ...small.revenue.map((r) => [r.partnerId ?? '', r.product, r.date, r.amountCents / 100, r.attribution ?? ''])];
  const certRange = [['Partner ID', 'Individual', 'Exam', 'Date passed', 'Active'], ...small.certifications.map((x) => [x.partnerId ?? '', x.individual, x.exam, x.datePassed, x.active === false ? 'No' : 'Yes'])];
  const ctx = { locale: 'en-US' as const, today: () => AS_OF };
  const copy = (r: unknown[][]): unknown[][] => r.map((row) => [...row]); // Excel passes fresh arrays each time
  /** One MPN.LEVEL call of `lib` timed, on fresh copies of the ranges; its cache cleared first when asked. */
  const timedLevel = (lib: typeof fn, partnerId: string, clear: boolean): number => {
    if (clear) lib.clearCache();
    const rev = copy(revRange), cert = copy(certRange);
    const t0 = now();
    sink += lib.level(rev, cert, 'Developed', AS_OF, partnerId, ctx).length;
    return now() - t0;
  };
  const first = timedLevel(fn, 'P000001', true);
  // The first call read only P000001's rows; the first call about another partner reads every
  // row once (what a column of MPN.LEVEL over all partners pays), and then calls are cache hits.
  const secondPartner = timedLevel(fn, 'P000002', false);
  const repeated = timedLevel(fn, 'P000004', false);
  // The first call again with the parse cache cleared and fresh arrays (the JIT now warm), and
  // the floor: a bare loop touching every cell of both ranges once, in the same run.
  const firsts = Array.from({ length: 5 }, () => timedLevel(fn, 'P000003', true));
  const touch = (): void => { let s = 0; for (const range of [revRange, certRange]) for (const row of range) for (const c of row) s += typeof c === 'string' ? c.length : 1; sink += s; };
  const levelFloor = time(21, touch);
  const firstMedian = median(firsts);
  out('');
  out('MPN.LEVEL over 100,000 revenue and 20,000 certification rows (1,000 partners)');
  out(`  first call ${first.toFixed(0)} ms (target < 200 ms; it reads one partner's rows); then another partner ${secondPartner.toFixed(0)} ms (reads every row once); then a third, with unchanged values, ${repeated.toFixed(1)} ms`);
  out(`  first call with the cache cleared, median of 5: ${firstMedian.toFixed(0)} ms (min ${Math.min(...firsts).toFixed(0)}); floor (every cell touched once) ${levelFloor.toFixed(2)} ms; ratio ${(firstMedian / levelFloor).toFixed(0)}x`);
  Object.assign(figures, { levelFirstCallMs: first, levelSecondPartnerCallMs: secondPartner, levelRepeatCallMs: repeated, levelFirstCallMedianMs: firstMedian, levelFirstCallMinMs: Math.min(...firsts), levelFloorMs: levelFloor, levelFirstCallRatio: firstMedian / levelFloor });
  // The same as Excel loads it: one bundle (bench/bundle.ts), whose code nothing has run yet, so
  // its first call is as cold as the first MPN.LEVEL of a workbook; then 5 more with the cache cleared.
  const shipped = bundled<typeof fn>('src/functions/logic.ts');
  const bundledFirsts = Array.from({ length: 6 }, () => timedLevel(shipped, 'P000001', true));
  const bundledSecondPartner = timedLevel(shipped, 'P000002', false);
  const [coldBundled, ...warmBundled] = bundledFirsts as [number, ...number[]];
  const bundledMedian = median(warmBundled);
  out(`  bundled as shipped, a fresh copy of the code: first call ${coldBundled.toFixed(0)} ms (nothing compiled yet, like a workbook's first MPN.LEVEL); the next 5 with the cache cleared (the JIT still warming up): median ${bundledMedian.toFixed(0)} ms (min ${Math.min(...warmBundled).toFixed(0)}), ${(bundledMedian / levelFloor).toFixed(0)}x the floor; then another partner (every row read once) ${bundledSecondPartner.toFixed(0)} ms`);
  Object.assign(figures, { levelBundledSecondPartnerCallMs: bundledSecondPartner, levelBundledColdCallMs: coldBundled, levelBundledFirstCallMedianMs: bundledMedian, levelBundledFirstCallRatio: bundledMedian / levelFloor });

  out('');
  Object.assign(figures, runSheetsBench(200_000, out));

  out('');
  const xlsxSizes = (process.env.BENCH_XLSX_ROWS ?? '200000,1000000').split(',').map(Number).filter((n) => n > 0);
  Object.assign(figures, await runXlsxBench(xlsxSizes, out));
  if (process.env.BENCH_PANE !== '0') {
    out('');
    Object.assign(figures, await runPaneBench(xlsxSizes, out));
  }

  if (process.env.BENCH_LIVE !== '0') {
    out('');
    Object.assign(figures, await runLiveBench(out));
  }

  out('');
  jsonLine(figures);
  if (sink === 42) out('');
}

void main();
