/**
 * Temporary directories for the benchmarks' generated workbooks (45 MB at 1,000,000 rows, more
 * with the --out results), removed when the process exits so repeated `npm run bench` runs do
 * not fill /tmp. BENCH_KEEP_TMP=1 keeps them to open the files afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];
process.on('exit', () => {
  if ((process.env.BENCH_KEEP_TMP ?? '') !== '') return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory under the system's temporary directory, removed at exit.
 * @example const file = path.join(benchDir('competency-insights-'), 'insights.xlsx')
 */
export function benchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
