/**
 * Reading real-shaped workbooks: an Insights-shaped .xlsx (bench/insights.ts, written like
 * xlsxwriter does) at 200,000 and 1,000,000 revenue rows, read by
 *   floor    fflate streaming inflate + streaming TextDecoder + an indexOf scan of every <v>
 *            (the least any JavaScript reader must do),
 *   exceljs  ExcelJS's streaming WorkbookReader (shared strings cached),
 *   ours     src/xlsx/read (bytes -> sheets of cells),
 *   cli      the compiled `competency evaluate --json` end to end (node bin/competency.js),
 * each in a process of its own so its peak resident memory (max RSS) is its own. Times of the
 * in-process steps are measured inside the child (no start-up); the CLI's is wall-clock with
 * start-up, as a user waits for it. The floor and the CLI's --json and --out, which the targets
 * compare, are each the best of RUNS runs (the issue's floor is a best of 3), the three run in
 * turns: on a shared VM one run of the same code varies by half, and the best is what the code
 * can do. Every run's time is printed beside the best, so the spread stays visible.
 *
 * Run alone: node --import tsx bench/xlsx.ts [rows...]; a child: bench/xlsx.ts --step <step> <file>.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Inflate } from 'fflate';
import ExcelJS from 'exceljs';
import { readXlsxBytes } from '../src/xlsx/read';
import { zipEntries } from '../src/xlsx/zip';
import { insightsSize, writeInsightsXlsx } from './insights';
import { benchDir } from './tmp';

const ROOT = path.join(__dirname, '..');
/** Runs of the floor, --json and --out at each size; the fastest counts (see above). */
const RUNS = Math.max(1, Number(process.env.BENCH_XLSX_RUNS ?? 3));
type Step = 'floor' | 'exceljs' | 'ours' | 'cli';
/** One step's figures. */
export interface StepResult { readonly ms: number; readonly cpuMs: number; readonly maxRssMb: number; readonly cells: number }

/** The floor: inflate every worksheet and the shared strings, decode, count <v> elements. */
function floor(file: string): number {
  const bytes = new Uint8Array(readFileSync(file));
  const entries = zipEntries(bytes);
  let count = 0;
  for (const e of entries.values()) {
    if (!/^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(e.name)) continue;
    const h = e.localOffset;
    const start = h + 30 + (bytes[h + 26] as number) + ((bytes[h + 27] as number) << 8) + (bytes[h + 28] as number) + ((bytes[h + 29] as number) << 8);
    const decoder = new TextDecoder();
    let carry = '';
    const inflater = new Inflate((chunk, final) => {
      const text = carry + decoder.decode(chunk, { stream: !final });
      let i = text.indexOf('<v>');
      let last = 0;
      while (i >= 0) { count++; last = i + 3; i = text.indexOf('<v>', last); }
      carry = text.slice(Math.max(last, text.length - 2));
    });
    const end = start + e.compressedSize;
    for (let p = start; p < end; p += 65536) inflater.push(bytes.subarray(p, Math.min(end, p + 65536)), p + 65536 >= end);
  }
  return count;
}

async function exceljs(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' });
  let cells = 0;
  for await (const ws of reader) for await (const row of ws as unknown as AsyncIterable<{ values: unknown[] }>) cells += row.values.length - 1;
  return cells;
}

function ours(file: string): number {
  const input = readXlsxBytes(new Uint8Array(readFileSync(file)));
  let cells = 0;
  for (const s of input.sheets) for (const r of s.values) cells += r?.length ?? 0; // rows are sparse: a row without values is a hole
  return cells;
}

/** Runs one step in this process and prints its figures as JSON (the child side). */
async function child(step: Step, file: string): Promise<void> {
  const t0 = performance.now(), c0 = process.cpuUsage();
  const cells = step === 'floor' ? floor(file) : step === 'exceljs' ? await exceljs(file) : ours(file);
  const ms = performance.now() - t0, c1 = process.cpuUsage(c0);
  process.stdout.write(`${JSON.stringify({ ms, cpuMs: (c1.user + c1.system) / 1000, cells, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

/** Runs one step in a fresh process. */
export function runStep(step: Step, file: string): StepResult {
  if (step === 'cli') {
    const t0 = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, path.join(ROOT, 'bin/competency.js'), 'evaluate', file, '--as-of', '2018-03-15', '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`competency failed: ${r.stderr}`);
    const [rss, user, sys] = (r.stderr.trim().split('\n').pop() as string).split(' ').map(Number) as [number, number, number];
    return { ms, cpuMs: (user + sys) * 1000, maxRssMb: rss / 1024, cells: (JSON.parse(r.stdout) as { partners: unknown[] }).partners.length };
  }
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', __filename, '--step', step, file], { encoding: 'utf8', cwd: ROOT, maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop() as string) as StepResult;
}

/**
 * The compiled CLI writing --out (the input patched with status columns and the output sheets):
 * wall-clock ms with start-up, CPU ms and peak resident memory, as a user running it sees them.
 * @example runCliOut("/tmp/insights.xlsx", "/tmp/result.xlsx").maxRssMb
 */
export function runCliOut(file: string, outFile: string): Omit<StepResult, 'cells'> {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, path.join(ROOT, 'bin/competency.js'), 'evaluate', file, '--as-of', '2018-03-15', '--out', outFile], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`competency --out failed: ${r.stderr}`);
  const [rss, user, sys] = (r.stderr.trim().split('\n').pop() as string).split(' ').map(Number) as [number, number, number];
  return { ms, cpuMs: (user + sys) * 1000, maxRssMb: rss / 1024 };
}

/** The fastest of some runs, with every run's wall-clock ms. */
function fastestOf<T extends { ms: number }>(all: readonly T[]): T & { all: number[] } {
  const fastest = all.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...fastest, all: all.map((r) => r.ms) };
}

/**
 * The fastest of RUNS runs of each of three steps, run in turns (a, b, c, a, b, c...): this VM's
 * speed drifts by up to half within minutes, and steps run in blocks minutes apart can meet
 * different machines, so a ratio of two of them measured more the drift than the code. In turns,
 * each step's best is taken across the same stretch of time.
 * @example const [floor, json, out] = bestInTurns(() => runStep("floor", f), () => runStep("cli", f), () => runCliOut(f, o))
 */
function bestInTurns<A extends { ms: number }, B extends { ms: number }, C extends { ms: number }>(a: () => A, b: () => B, c: () => C): [A & { all: number[] }, B & { all: number[] }, C & { all: number[] }] {
  const as: A[] = [], bs: B[] = [], cs: C[] = [];
  for (let i = 0; i < RUNS; i++) { as.push(a()); bs.push(b()); cs.push(c()); }
  return [fastestOf(as), fastestOf(bs), fastestOf(cs)];
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** One run, shaped as best's. */
function once<T extends { ms: number }>(r: T): T & { all: number[] } { return { ...r, all: [r.ms] }; }

/** "812 (812, 901, 1003)": the best and every run. */
function spread(r: { ms: number; all: readonly number[] }): string {
  return r.all.length > 1 ? `${r.ms.toFixed(0)} (${r.all.map((m) => m.toFixed(0)).join(', ')})` : r.ms.toFixed(0);
}

/**
 * The whole comparison at each size; prints a table and returns the figures.
 * @example const figures = await runXlsxBench([200_000, 1_000_000], (line) => console.log(line))
 */
export async function runXlsxBench(sizes: readonly number[], out: (line: string) => void): Promise<Record<string, number>> {
  if (!existsSync(path.join(ROOT, 'lib/cli/main.js'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-cli.js')], { stdio: 'inherit' });
  const dir = benchDir('competency-insights-');
  const figures: Record<string, number> = {};
  const outLines: string[] = [];
  const runsLines: string[] = [];
  out('Insights-shaped .xlsx (xlsxwriter-like: shared strings, date cells with a number format), revenue rows + 10% training rows, 1 partner per 100 rows');
  out('Wall-clock ms on a shared machine vary with its load; CPU ms (user + system) vary less. Ratios are to the floor of the same run.');
  out('       rows |  MB |   step  | wall ms | x floor | CPU ms | x floor | max RSS MB');
  for (const rows of sizes) {
    const file = path.join(dir, `insights-${rows}.xlsx`);
    writeInsightsXlsx(file, insightsSize(rows), 11);
    const mb = statSync(file).size / 1024 / 1024;
    // --out, then --out again on that output (a re-run reads our status columns and sheets too).
    const written = path.join(dir, `out-${rows}.xlsx`);
    // The three steps the targets compare, in turns (see bestInTurns).
    const [floorRun, cliRun, outRun] = bestInTurns(() => runStep('floor', file), () => runStep('cli', file), () => runCliOut(file, written));
    const k = rows >= 1_000_000 ? `${rows / 1_000_000}M` : `${rows / 1000}k`;
    for (const step of ['floor', 'exceljs', 'ours', 'cli'] as const) {
      const r = step === 'floor' ? floorRun : step === 'cli' ? cliRun : once(runStep(step, file));
      if (r.all.length > 1) runsLines.push(`${String(rows).padStart(11)} | ${step.padStart(6)} | ${spread(r)}`);
      out(`${String(rows).padStart(11)} | ${mb.toFixed(0).padStart(3)} | ${step.padStart(7)} | ${r.ms.toFixed(0).padStart(7)} | ${(r.ms / floorRun.ms).toFixed(2).padStart(6)}x | ${r.cpuMs.toFixed(0).padStart(6)} | ${(r.cpuMs / floorRun.cpuMs).toFixed(2).padStart(6)}x | ${r.maxRssMb.toFixed(0).padStart(6)}`);
      figures[`${step}${k}Ms`] = r.ms;
      figures[`${step}${k}CpuMs`] = r.cpuMs;
      if (step !== 'floor') figures[`${step}${k}CpuRatio`] = r.cpuMs / floorRun.cpuMs;
      figures[`${step}${k}RssMb`] = r.maxRssMb;
      if (step !== 'floor') figures[`${step}${k}Ratio`] = r.ms / floorRun.ms;
    }
    for (const [label, from, to] of [['--out', file, written], ['again', written, path.join(dir, `again-${rows}.xlsx`)]] as const) {
      const r = label === '--out' ? outRun : once(runCliOut(from, to));
      if (r.all.length > 1) runsLines.push(`${String(rows).padStart(11)} | ${label.padStart(6)} | ${spread(r)}`);
      const key = label === '--out' ? 'out' : 'outAgain';
      outLines.push(`${String(rows).padStart(11)} | ${label.padStart(6)} | ${r.ms.toFixed(0).padStart(7)} | ${r.cpuMs.toFixed(0).padStart(7)} | ${r.maxRssMb.toFixed(0).padStart(10)} | ${(statSync(to).size / 1024 / 1024).toFixed(0).padStart(6)}`);
      figures[`${key}${k}Ms`] = r.ms;
      figures[`${key}${k}CpuMs`] = r.cpuMs;
      figures[`${key}${k}RssMb`] = r.maxRssMb;
      figures[`${key}${k}Mb`] = statSync(to).size / 1024 / 1024;
    }
    // The issue-21 targets: --out within 1.8x --json, the output at most 1.3x the input, --json within 2.5x the floor.
    const lk = k.toLowerCase();
    figures[`outRatioToJson${lk}`] = (figures[`out${k}Ms`] as number) / (figures[`cli${k}Ms`] as number);
    figures[`outBytesRatio${lk}`] = statSync(written).size / statSync(file).size;
    figures[`cliRatioToFloor${lk}`] = figures[`cli${k}Ratio`] as number;
    outLines.push(`${String(rows).padStart(11)} | --out is ${(figures[`outRatioToJson${lk}`] as number).toFixed(2)}x --json (target <= 1.8x); output ${(figures[`outBytesRatio${lk}`] as number).toFixed(2)}x the input's ${mb.toFixed(1)} MB (target <= 1.3x)`);
    // Beside the target's figure (best against best): each turn's --out against the --json run
    // just before it, seconds apart, and their median. Drift between turns cancels out of these;
    // a single fast --json run, which can make the bests' ratio alone, cannot.
    const turns = outRun.all.map((ms, i) => ms / (cliRun.all[i] as number));
    if (turns.length > 1) {
      figures[`outRatioToJsonTurns${lk}`] = median(turns);
      outLines.push(`${String(rows).padStart(11)} | --out / --json turn by turn: ${turns.map((r) => r.toFixed(2)).join(', ')}; median ${median(turns).toFixed(2)}x`);
    }
  }
  out('  targets: cli <= 2.5x floor at 200k and 1M rows, under 1.5 GB resident at 1M');
  if (runsLines.length > 0) {
    out(`  the floor, cli and --out are each the best of ${RUNS} runs (BENCH_XLSX_RUNS), run in turns; wall ms, best (every run):`);
    for (const line of runsLines) out(line);
  }
  out('');
  out('competency evaluate --out (compiled CLI): the input patched; "again" is --out run on that output');
  out('       rows |   step | wall ms |  CPU ms | max RSS MB | out MB');
  for (const line of outLines) out(line);
  out('  target: --out under 1.5 GB resident at 1M rows');
  return figures;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === '--step') void child(args[1] as Step, args[2] as string);
  else {
    const sizes = args.length > 0 ? args.map(Number) : [200_000, 1_000_000];
    void runXlsxBench(sizes, (l) => process.stdout.write(`${l}\n`)).then((f) => process.stdout.write(`${JSON.stringify(f)}\n`));
  }
}
