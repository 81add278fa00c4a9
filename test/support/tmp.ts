/**
 * Temporary directories for tests and benchmarks, removed when their user ends: a test file
 * (jest afterAll, test/support/cleanup.ts) or a benchmark process (bench/tmp.ts, at exit). Running
 * the suite or the bench again and again then does not fill /tmp (a browser test alone writes
 * 66 MB, a benchmark's 1,000,000-row workbook 45 MB). COMPETENCY_KEEP_TMP=1 keeps them, to look
 * at the files after a failure or a run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const made: string[] = [];

/**
 * A fresh directory under the system's temporary directory, removed by removeTempDirs.
 * @example const file = path.join(tempDir(), "result.xlsx")
 */
export function tempDir(prefix = 'competency-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Removes every directory tempDir made so far, unless COMPETENCY_KEEP_TMP is set.
 * @example afterAll(removeTempDirs)
 */
export function removeTempDirs(): void {
  if ((process.env.COMPETENCY_KEEP_TMP ?? '') !== '') return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
